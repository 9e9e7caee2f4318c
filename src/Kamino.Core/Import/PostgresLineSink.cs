using Npgsql;
using NpgsqlTypes;

namespace Kamino.Import;

/// <summary>
/// PostgreSQL: lines go through a binary COPY into a temporary stage table, then one <c>INSERT … SELECT … ON
/// CONFLICT DO NOTHING</c> and one query for the conflicts. When the workspace has no lines yet (a first import,
/// the bulk case) nothing stored can conflict, so lines are copied straight into <c>sale_line</c> while their
/// identities are new within the file (a 64-bit hash each, <see cref="HashCounts"/>); from the first identity
/// that may repeat on, the copy continues into the stage and the stage path settles duplicates and conflicts
/// exactly as before.
/// </summary>
internal sealed class PostgresLineSink(ImportSession session, ImportProblemList problems, NpgsqlConnection connection) : LineSink(session, problems)
{
    private const string SaleLineColumns = "workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id, product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency, original_net_cents, original_currency";

    private readonly List<(long Id, SaleRow Row)> newCustomers = [];
    private NpgsqlBinaryImporter? stage;
    private NpgsqlBinaryImporter? direct;
    private HashCounts? identities;
    private int staged;
    private int copied;

    public override async Task PrepareAsync(CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand(
            """
            CREATE TEMP TABLE import_stage (
                source_line int NOT NULL, issuer_tax_id text NOT NULL, document_number text NOT NULL, line_number int NOT NULL,
                date date NOT NULL, customer_id bigint NOT NULL, product_sku text, product_name text,
                quantity numeric NOT NULL, unit_price numeric NOT NULL, discount_pct numeric NOT NULL, net_cents bigint NOT NULL, currency text NOT NULL,
                original_net_cents bigint, original_currency text
            ) ON COMMIT DROP
            """, connection))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        bool hasLines;
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM sale_line WHERE workspace_id = $1)", connection))
        {
            any.Parameters.AddWithValue(Session.Workspace.Id);
            hasLines = (bool)(await any.ExecuteScalarAsync(ct))!;
        }

        if (hasLines)
        {
            stage = await connection.BeginBinaryImportAsync(StageCopy, ct);
        }
        else
        {
            // The import holds the workspace's advisory lock, so no other import adds lines meanwhile.
            identities = new HashCounts();
            direct = await connection.BeginBinaryImportAsync($"COPY sale_line ({SaleLineColumns}) FROM STDIN (FORMAT BINARY)", ct);
        }
    }

    private const string StageCopy = "COPY import_stage (source_line, issuer_tax_id, document_number, line_number, date, customer_id, product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency, original_net_cents, original_currency) FROM STDIN (FORMAT BINARY)";

    protected override void AddCustomer(long id, SaleRow row) => newCustomers.Add((id, row));

    // Synchronous writes: they only fill Npgsql's buffer, and an await per field costs more than the copy.
    public override void Add(SaleRow row, long customerId)
    {
        if (direct is not null)
        {
            var key = HashCounts.Hash(row.DocumentNumber, HashCounts.Hash(row.IssuerTaxId)) ^ HashCounts.Mix((ulong)row.LineNumber);
            var check = (uint)HashCode.Combine(row.IssuerTaxId, row.DocumentNumber, row.LineNumber);
            // A hash already seen (the same identity, or rarely another one hashed alike) may be a duplicate:
            // from here on the stage decides, as for any import.
            if (!identities!.TryGet(key, check, out _, out var clash) && !clash && identities.Set(key, check, 1))
            {
                WriteDirect(direct, row, customerId);
                copied++;
                return;
            }

            direct.Complete();
            direct.Dispose();
            direct = null;
            identities = null;
            stage = connection.BeginBinaryImport(StageCopy);
        }

        var s = stage!;
        s.StartRow();
        s.Write(row.SourceLine, NpgsqlDbType.Integer);
        WriteIdentity(s, row, customerId);
        WriteContent(s, row);
        staged++;
    }

    private void WriteDirect(NpgsqlBinaryImporter s, SaleRow row, long customerId)
    {
        s.StartRow();
        s.Write(Session.Workspace.Id, NpgsqlDbType.Integer);
        WriteIdentity(s, row, customerId);
        s.Write(Session.Record.Id, NpgsqlDbType.Bigint);
        WriteContent(s, row);
    }

    /// <summary>The columns from <c>issuer_tax_id</c> to <c>customer_id</c>, in the order both copies name them.</summary>
    private static void WriteIdentity(NpgsqlBinaryImporter s, SaleRow row, long customerId)
    {
        s.Write(row.IssuerTaxId, NpgsqlDbType.Text);
        s.Write(row.DocumentNumber, NpgsqlDbType.Text);
        s.Write(row.LineNumber, NpgsqlDbType.Integer);
        s.Write(row.Date, NpgsqlDbType.Date);
        s.Write(customerId, NpgsqlDbType.Bigint);
    }

    /// <summary>The columns from <c>product_sku</c> to <c>original_currency</c>, in the order both copies name them.</summary>
    private void WriteContent(NpgsqlBinaryImporter s, SaleRow row)
    {
        WriteNullable(s, row.ProductSku);
        WriteNullable(s, row.ProductName);
        s.Write(row.Quantity, NpgsqlDbType.Numeric);
        s.Write(row.UnitPrice, NpgsqlDbType.Numeric);
        s.Write(row.DiscountPct, NpgsqlDbType.Numeric);
        s.Write(row.NetCents, NpgsqlDbType.Bigint);
        s.Write(row.Currency ?? Session.Currency, NpgsqlDbType.Text);
        if (row.OriginalNetCents is { } original)
        {
            s.Write(original, NpgsqlDbType.Bigint);
        }
        else
        {
            s.WriteNull();
        }

        WriteNullable(s, row.OriginalCurrency);
    }

    private static void WriteNullable(NpgsqlBinaryImporter s, string? value)
    {
        if (value is null)
        {
            s.WriteNull();
        }
        else
        {
            s.Write(value, NpgsqlDbType.Text);
        }
    }

    public override async Task FinishAsync(CancellationToken ct)
    {
        if (direct is not null)
        {
            await direct.CompleteAsync(ct);
            await direct.DisposeAsync();
            direct = null;
        }

        if (stage is not null)
        {
            await stage.CompleteAsync(ct);
            await stage.DisposeAsync();
            stage = null;
        }

        if (newCustomers.Count > 0)
        {
            await using var customers = await connection.BeginBinaryImportAsync(
                "COPY customer (workspace_id, id, key, name, tax_id, is_key_account, created_by_import_id) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (id, row) in newCustomers)
            {
                await customers.StartRowAsync(ct);
                await customers.WriteAsync(Session.Workspace.Id, NpgsqlDbType.Integer, ct);
                await customers.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                await customers.WriteAsync(row.CustomerKey, NpgsqlDbType.Varchar, ct);
                await customers.WriteAsync(row.CustomerName, NpgsqlDbType.Varchar, ct);
                if (row.CustomerTaxId is null)
                {
                    await customers.WriteNullAsync(ct);
                }
                else
                {
                    await customers.WriteAsync(row.CustomerTaxId, NpgsqlDbType.Varchar, ct);
                }

                await customers.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await customers.WriteAsync(Session.Record.Id, NpgsqlDbType.Bigint, ct);
            }

            await customers.CompleteAsync(ct);
        }

        Added = copied;
        if (staged == 0)
        {
            return;
        }

        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency, original_net_cents, original_currency)
            SELECT $1, issuer_tax_id, document_number, line_number, date, customer_id, $2,
                product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency, original_net_cents, original_currency
            FROM import_stage
            ON CONFLICT DO NOTHING
            """, connection))
        {
            insert.Parameters.AddWithValue(Session.Workspace.Id);
            insert.Parameters.AddWithValue(Session.Record.Id);
            insert.CommandTimeout = 0;
            Added += await insert.ExecuteNonQueryAsync(ct);
        }

        if (Added == copied + staged)
        {
            return;
        }

        if (Session.Replace)
        {
            await ReplaceAsync(ct);
        }

        await using var find = new NpgsqlCommand(
            """
            SELECT s.source_line, s.document_number, s.line_number
            FROM import_stage s
            JOIN sale_line t ON t.workspace_id = $1 AND t.issuer_tax_id = s.issuer_tax_id
                AND t.document_number = s.document_number AND t.line_number = s.line_number
            WHERE (t.date, t.customer_id, t.net_cents, t.quantity, t.unit_price, t.discount_pct, t.product_sku, t.currency)
                IS DISTINCT FROM (s.date, s.customer_id, s.net_cents, s.quantity, s.unit_price, s.discount_pct, s.product_sku, s.currency)
            ORDER BY s.source_line
            """, connection);
        find.Parameters.AddWithValue(Session.Workspace.Id);
        await using var r = await find.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            Problems.Add(Conflict(r.GetInt32(0), r.GetString(1), r.GetInt32(2)));
        }
    }

    /// <summary>
    /// Documents with a line stored by an earlier import with other content: every earlier line of them is
    /// deleted and the file's lines for them inserted. Conflicts within the file itself are left to be reported.
    /// </summary>
    private async Task ReplaceAsync(CancellationToken ct)
    {
        string[] statements =
        [
            "CREATE TEMP TABLE import_replaced (issuer_tax_id text NOT NULL, document_number text NOT NULL, lines int NOT NULL) ON COMMIT DROP",
            """
            INSERT INTO import_replaced (issuer_tax_id, document_number, lines)
            SELECT s.issuer_tax_id, s.document_number, count(*)::int AS lines
            FROM import_stage s
            JOIN sale_line t ON t.workspace_id = $1 AND t.issuer_tax_id = s.issuer_tax_id
                AND t.document_number = s.document_number AND t.line_number = s.line_number
            WHERE t.import_id <> $2
                AND (t.date, t.customer_id, t.net_cents, t.quantity, t.unit_price, t.discount_pct, t.product_sku, t.currency)
                    IS DISTINCT FROM (s.date, s.customer_id, s.net_cents, s.quantity, s.unit_price, s.discount_pct, s.product_sku, s.currency)
            GROUP BY s.issuer_tax_id, s.document_number
            """,
            """
            DELETE FROM sale_line t USING import_replaced r
            WHERE t.workspace_id = $1 AND t.issuer_tax_id = r.issuer_tax_id AND t.document_number = r.document_number AND t.import_id <> $2
            """,
            """
            INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency, original_net_cents, original_currency)
            SELECT $1, s.issuer_tax_id, s.document_number, s.line_number, s.date, s.customer_id, $2,
                s.product_sku, s.product_name, s.quantity, s.unit_price, s.discount_pct, s.net_cents, s.currency, s.original_net_cents, s.original_currency
            FROM import_stage s JOIN import_replaced r ON r.issuer_tax_id = s.issuer_tax_id AND r.document_number = s.document_number
            ON CONFLICT DO NOTHING
            """,
        ];
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            if (sql.Contains("$1", StringComparison.Ordinal))
            {
                cmd.Parameters.AddWithValue(Session.Workspace.Id);
                cmd.Parameters.AddWithValue(Session.Record.Id);
            }

            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await using var count = new NpgsqlCommand("SELECT coalesce(sum(lines), 0)::int FROM import_replaced", connection);
        Replaced = (int)(await count.ExecuteScalarAsync(ct))!;
    }

    public override void Dispose()
    {
        direct?.Dispose();
        stage?.Dispose();
    }
}
