using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kamino.Import;

/// <summary>
/// SQLite: lines go in <see cref="BatchRows"/> at a time through one prepared multi-row
/// <c>INSERT … ON CONFLICT DO NOTHING</c>, bound with SQLite's own calls (no parameter objects, no boxing,
/// text encoded once into a reused buffer). A batch that stored fewer rows than it had is resolved row by
/// row against what is stored: a row is new when its stored line has a rowid above the table's highest
/// before the batch and no earlier row of the batch has its identity; any other row was ignored and is
/// compared with the stored line (identical ⇒ skipped, else a conflict, or with --replace a replacement).
/// An import that replaces nothing keeps <c>sale_day</c> itself: it drops the row trigger in its transaction, sums
/// its stored lines per customer and day (<see cref="days"/>) and writes the sums before the trigger is created again
/// (<see cref="Kamino.Data.SaleDayTriggers.SqliteInsertTrigger"/>; docs/benchmarks.md).
/// </summary>
internal sealed class SqliteLineSink(ImportSession session, ImportProblemList problems, SqliteConnection connection, SqliteTransaction tx) : LineSink(session, problems)
{
    private const int BatchRows = 128;
    private const int Columns = 14;

    /// <summary>How EF Core writes a decimal to SQLite: the raw inserts store the same text.</summary>
    private const string DecimalFormat = "0.0###########################";

    private readonly SqliteCommand findLine = connection.CreateCommand();
    private readonly (SaleRow Row, long CustomerId)[] batch = new (SaleRow, long)[BatchRows];
    private readonly byte[] text = new byte[4096];
    private readonly Dictionary<decimal, byte[]> decimals = [];
    private sqlite3_stmt? insertBatch;
    private sqlite3_stmt? insertOne;
    private sqlite3_stmt? insertCustomer;
    private int batched;
    private long maxRowId;

    /// <summary>Days are written out when this many are held, so memory stays flat on any file.</summary>
    private const int HeldDays = 200_000;

    /// <summary>The stored lines' sums per customer and day not yet in <c>sale_day</c>; null when the trigger keeps it (--replace).</summary>
    private Dictionary<(long CustomerId, DateOnly Date), (long Cents, int Lines)>? days;
    private sqlite3_stmt? addDay;

    // --replace only: documents being replaced, and per document the lines of the file found identical to the stored ones.
    private readonly HashSet<(string Issuer, string Document)> replacedDocuments = [];
    private readonly Dictionary<(string Issuer, string Document), List<int>> identicalLines = [];

    private sqlite3 Db => connection.Handle!;

    public override Task PrepareAsync(CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = Session.Workspace.Id.ToString(inv);
        var imp = Session.Record.Id.ToString(inv);
        string Values(int rows)
        {
            var sql = new StringBuilder();
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "" : ",").Append('(').Append(w);
                for (var c = 0; c < Columns; c++)
                {
                    sql.Append(c == 5 ? $",{imp},?" : ",?");
                }

                sql.Append(')');
            }

            return sql.ToString();
        }

        if (!Session.Replace)
        {
            // --replace deletes and moves stored lines, which the trigger follows; any other import only adds lines.
            Execute("DROP TRIGGER sale_day_line_insert");
            days = [];
            addDay = Prepare(Kamino.Data.SaleDayTriggers.SqliteAddDay(w));
        }

        const string Insert = """
            INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency, original_net_cents, original_currency) VALUES
            """;
        insertBatch = Prepare($"{Insert} {Values(BatchRows)} ON CONFLICT DO NOTHING");
        insertOne = Prepare($"{Insert} {Values(1)} ON CONFLICT DO NOTHING");
        insertCustomer = Prepare($"INSERT INTO customer (workspace_id, id, key, name, tax_id, is_key_account, created_by_import_id) VALUES ({w}, ?, ?, ?, ?, 0, {imp})");

        findLine.Transaction = tx;
        findLine.CommandText = """
            SELECT rowid, date, customer_id, net_cents, quantity, unit_price, discount_pct, product_sku, currency, import_id
            FROM sale_line WHERE workspace_id = $w AND issuer_tax_id = $i AND document_number = $d AND line_number = $l
            """;
        foreach (var n in new[] { "$w", "$i", "$d", "$l" })
        {
            findLine.Parameters.Add(new SqliteParameter { ParameterName = n });
        }

        findLine.Parameters["$w"].Value = Session.Workspace.Id;
        maxRowId = MaxRowId();
        return Task.CompletedTask;
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(Db, sql, out var stmt));
        return stmt;
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, Db);
        }
    }

    private void Execute(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private long MaxRowId()
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT coalesce(max(rowid), 0) FROM sale_line";
        return (long)cmd.ExecuteScalar()!;
    }

    protected override void AddCustomer(long id, SaleRow row)
    {
        var s = insertCustomer!;
        Check(raw.sqlite3_bind_int64(s, 1, id));
        BindText(s, 2, row.CustomerKey);
        BindText(s, 3, row.CustomerName);
        BindText(s, 4, row.CustomerTaxId);
        Step(s);
    }

    public override void Add(SaleRow row, long customerId)
    {
        batch[batched++] = (row, customerId);
        if (batched == BatchRows)
        {
            Flush();
        }
    }

    private void Flush()
    {
        var n = batched;
        batched = 0;
        if (n == BatchRows)
        {
            var s = insertBatch!;
            for (var r = 0; r < n; r++)
            {
                BindLine(s, r * Columns, batch[r].Row, batch[r].CustomerId);
            }

            Step(s);
            Settle(0, n, raw.sqlite3_changes(Db));
        }
        else
        {
            for (var r = 0; r < n; r++)
            {
                BindLine(insertOne!, 0, batch[r].Row, batch[r].CustomerId);
                Step(insertOne!);
                Settle(r, 1, raw.sqlite3_changes(Db));
            }
        }

        Array.Clear(batch, 0, n);
    }

    private void Step(sqlite3_stmt s)
    {
        var rc = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        Check(rc);
    }

    /// <summary>Accounts for rows [first, first + count) of the batch after an insert that stored <paramref name="stored"/> of them.</summary>
    private void Settle(int first, int count, int stored)
    {
        if (stored == count)
        {
            Added += count;
            maxRowId = raw.sqlite3_last_insert_rowid(Db);
            for (var r = first; r < first + count; r++)
            {
                Count(batch[r].Row, batch[r].CustomerId);
            }

            return;
        }

        var identities = new HashSet<(string, string, int)>();
        for (var r = first; r < first + count; r++)
        {
            var (row, customerId) = batch[r];
            var firstOfIdentity = identities.Add((row.IssuerTaxId, row.DocumentNumber, row.LineNumber));
            Resolve(row, customerId, firstOfIdentity);
        }

        maxRowId = MaxRowId();
    }

    private void Resolve(SaleRow row, long customerId, bool firstOfIdentity)
    {
        var f = findLine.Parameters;
        f[1].Value = row.IssuerTaxId;
        f[2].Value = row.DocumentNumber;
        f[3].Value = row.LineNumber;
        bool same;
        long storedImport;
        using (var r = findLine.ExecuteReader())
        {
            r.Read();
            if (firstOfIdentity && r.GetInt64(0) > maxRowId)
            {
                Added++;
                Count(row, customerId);
                return;
            }

            same = r.GetString(1) == row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) && r.GetInt64(2) == customerId && r.GetInt64(3) == row.NetCents
                && SameDecimal(r.GetString(4), row.Quantity) && SameDecimal(r.GetString(5), row.UnitPrice) && SameDecimal(r.GetString(6), row.DiscountPct)
                && (r.IsDBNull(7) ? null : r.GetString(7)) == row.ProductSku && r.GetString(8) == (row.Currency ?? Session.Currency);
            storedImport = r.GetInt64(9);
        }

        if (same)
        {
            if (Session.Replace)
            {
                var key = (row.IssuerTaxId, row.DocumentNumber);
                if (!identicalLines.TryGetValue(key, out var lines))
                {
                    identicalLines[key] = lines = [];
                }

                lines.Add(row.LineNumber);
            }

            return;
        }

        if (!Session.Replace || storedImport == Session.Record.Id)
        {
            // Two lines of this very file with one identity are a conflict even with --replace.
            Problems.Add(Conflict(row));
            return;
        }

        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM sale_line WHERE workspace_id = $w AND issuer_tax_id = $i AND document_number = $d AND line_number = $l";
            delete.Parameters.AddWithValue("$w", Session.Workspace.Id);
            delete.Parameters.AddWithValue("$i", row.IssuerTaxId);
            delete.Parameters.AddWithValue("$d", row.DocumentNumber);
            delete.Parameters.AddWithValue("$l", row.LineNumber);
            delete.ExecuteNonQuery();
        }

        BindLine(insertOne!, 0, row, customerId);
        Step(insertOne!);
        replacedDocuments.Add((row.IssuerTaxId, row.DocumentNumber));
        Replaced++;
    }

    /// <summary>Adds a stored line to its customer's day (when the import keeps <c>sale_day</c> itself).</summary>
    private void Count(SaleRow row, long customerId)
    {
        if (days is null)
        {
            return;
        }

        ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(days, (customerId, row.Date), out _);
        day = (day.Cents + row.NetCents, day.Lines + 1);
        if (days.Count >= HeldDays)
        {
            WriteDays();
        }
    }

    /// <summary>Adds the held days to <c>sale_day</c> in key order (appends to its b-tree rather than scattered writes).</summary>
    private void WriteDays()
    {
        var (s, held) = (addDay!, days!);
        Span<byte> date = stackalloc byte[10];
        foreach (var (key, sum) in held.OrderBy(d => d.Key.CustomerId).ThenBy(d => d.Key.Date))
        {
            Check(raw.sqlite3_bind_int64(s, 1, key.CustomerId));
            key.Date.TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Check(raw.sqlite3_bind_text(s, 2, date));
            Check(raw.sqlite3_bind_int64(s, 3, sum.Cents));
            Check(raw.sqlite3_bind_int64(s, 4, sum.Lines));
            Step(s);
        }

        held.Clear();
    }

    /// <summary>Binds one line's 14 values from parameter <paramref name="offset"/> + 1 on.</summary>
    private void BindLine(sqlite3_stmt s, int offset, SaleRow row, long customerId)
    {
        BindText(s, offset + 1, row.IssuerTaxId);
        BindText(s, offset + 2, row.DocumentNumber);
        Check(raw.sqlite3_bind_int64(s, offset + 3, row.LineNumber));
        Span<byte> date = stackalloc byte[10];
        row.Date.TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text(s, offset + 4, date));
        Check(raw.sqlite3_bind_int64(s, offset + 5, customerId));
        BindText(s, offset + 6, row.ProductSku);
        BindText(s, offset + 7, row.ProductName);
        Check(raw.sqlite3_bind_text(s, offset + 8, DecimalText(row.Quantity)));
        Check(raw.sqlite3_bind_text(s, offset + 9, DecimalText(row.UnitPrice)));
        Check(raw.sqlite3_bind_text(s, offset + 10, DecimalText(row.DiscountPct)));
        Check(raw.sqlite3_bind_int64(s, offset + 11, row.NetCents));
        BindText(s, offset + 12, row.Currency ?? Session.Currency);
        Check(row.OriginalNetCents is { } original ? raw.sqlite3_bind_int64(s, offset + 13, original) : raw.sqlite3_bind_null(s, offset + 13));
        BindText(s, offset + 14, row.OriginalCurrency);
    }

    private void BindText(sqlite3_stmt s, int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(s, index));
            return;
        }

        // SQLite copies the bytes (SQLITE_TRANSIENT), so one buffer serves every value.
        var n = Encoding.UTF8.GetBytes(value, text);
        Check(raw.sqlite3_bind_text(s, index, text.AsSpan(0, n)));
    }

    /// <summary>
    /// A decimal as EF Core stores it in SQLite (<see cref="DecimalFormat"/>). Quantities, prices and
    /// discounts repeat a lot, so their UTF-8 text is kept (the format depends on the value only, not its scale).
    /// </summary>
    private ReadOnlySpan<byte> DecimalText(decimal value)
    {
        if (decimals.TryGetValue(value, out var cached))
        {
            return cached;
        }

        Span<byte> buffer = stackalloc byte[64];
        value.TryFormat(buffer, out var n, DecimalFormat, CultureInfo.InvariantCulture);
        var bytes = buffer[..n].ToArray();
        if (decimals.Count < 65_536)
        {
            decimals[value] = bytes;
        }

        return bytes;
    }

    private static bool SameDecimal(string stored, decimal value) =>
        decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d == value;

    /// <summary>
    /// Stores the last partial batch. For each replaced document: its lines the file repeated unchanged now
    /// belong to this import, and its earlier lines the file does not have are removed, so the document is
    /// exactly the file's lines.
    /// </summary>
    public override Task FinishAsync(CancellationToken ct)
    {
        Flush();
        if (days is not null)
        {
            WriteDays();
            Execute(Kamino.Data.SaleDayTriggers.SqliteInsertTrigger);
            days = null;
        }

        foreach (var (issuer, document) in replacedDocuments)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.Parameters.AddWithValue("$w", Session.Workspace.Id);
            cmd.Parameters.AddWithValue("$i", issuer);
            cmd.Parameters.AddWithValue("$d", document);
            cmd.Parameters.AddWithValue("$imp", Session.Record.Id);
            var lines = identicalLines.GetValueOrDefault((issuer, document)) ?? [];
            cmd.Parameters.AddWithValue("$lines", string.Join(',', lines.Select(l => l.ToString(CultureInfo.InvariantCulture))));
            cmd.CommandText = """
                UPDATE sale_line SET import_id = $imp
                WHERE workspace_id = $w AND issuer_tax_id = $i AND document_number = $d
                    AND line_number IN (SELECT value FROM json_each('[' || $lines || ']'));
                DELETE FROM sale_line WHERE workspace_id = $w AND issuer_tax_id = $i AND document_number = $d AND import_id <> $imp;
                """;
            cmd.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    public override void Dispose()
    {
        insertBatch?.Dispose();
        insertOne?.Dispose();
        insertCustomer?.Dispose();
        addDay?.Dispose();
        findLine.Dispose();
    }
}
