using System.Globalization;
using System.Security.Cryptography;
using Kamino.Data;
using Kamino.Workspaces;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kamino.Import;

/// <summary>What to import where.</summary>
/// <param name="Workspace">Workspace slug; created (named after the slug) when it does not exist.</param>
/// <param name="DisplayName">Name used in messages and the history; defaults to the file name.</param>
/// <param name="DryRun">Validate and count, then roll everything back.</param>
/// <param name="Replace">
/// Lines conflicting with earlier imports (same identity, other content) replace them instead of rejecting the
/// file: every earlier line of each such document is removed and the file's lines for it stored.
/// </param>
/// <param name="Sheet">Worksheet of an .xlsx file to read; null = the first.</param>
public sealed record ImportRequest(string Workspace, string Path, string? DisplayName = null, CsvReadOptions? Csv = null, bool DryRun = false, bool Replace = false, string? Sheet = null);

/// <summary>
/// Outcome of importing one file. <see cref="Imported"/> is false when any problem was found: then nothing
/// was written. <see cref="Problems"/> lists at most <see cref="SalesImporter.MaxListedProblems"/>;
/// <see cref="ProblemCount"/> counts them all. <see cref="Dialect"/>, <see cref="Encoding"/> and
/// <see cref="Delimiter"/> say how the file was read (null when it was not looked at);
/// <see cref="DialectAmbiguous"/>: the dialect could not be told, and the one problem says which flag settles it.
/// <see cref="Format"/>: the reader chosen by the file's content (<c>csv</c>, <c>xlsx</c>, <c>ubl</c>, <c>facturae</c>, <c>cii</c>).
/// <see cref="LinesReplaced"/>: lines of the file that replaced earlier lines with other content (<c>--replace</c>);
/// they are counted neither as added nor as skipped.
/// </summary>
public sealed record ImportResult(
    string File,
    bool Imported,
    bool DryRun,
    long? ImportId,
    int LinesRead,
    int LinesAdded,
    int LinesSkipped,
    int CustomersAdded,
    int ProblemCount,
    IReadOnlyList<ImportProblem> Problems,
    string? Dialect = null,
    string? Encoding = null,
    string? Delimiter = null,
    bool DialectAmbiguous = false,
    string? Format = null,
    int LinesReplaced = 0);

/// <summary>
/// Imports a sales file into a workspace in one transaction: the whole file or nothing. Lines whose identity
/// (PRODUCT.md §4) is already stored with the same content are skipped; with other content they are conflicts
/// and reject the file. Bulk paths: SQLite a prepared insert on the transaction's connection, PostgreSQL a
/// binary COPY into a temporary stage table, then one INSERT … SELECT.
/// </summary>
public sealed class SalesImporter(KaminoDatabase database, TimeProvider clock)
{
    public const int MaxListedProblems = 1000;

    private const string DecimalFormat = "0.0###########################";

    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var name = request.DisplayName ?? Path.GetFileName(request.Path);
        if (!File.Exists(request.Path))
        {
            return Rejected(name, 0, [new ImportProblem(name, 0, "file not found")]);
        }

        var sha = await HashAsync(request.Path, ct);
        var source = SalesSources.Open(request.Path, request.Csv, name, request.Sheet);
        var csvReader = source as CsvSalesReader;

        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await Session.StartAsync(db, tx, request.Workspace, name, sha, source.FormatName, clock, ct);
        session.Replace = request.Replace;
        var sellerCheck = IsEInvoice(source.FormatName) && session.OwnTaxIds.Count > 0;
        var foreignDocuments = new HashSet<(string, string)>();

        using var sink = db.IsPostgres
            ? (LineSink)new PostgresSink(session, (NpgsqlConnection)db.Database.GetDbConnection())
            : new SqliteSink(session, (SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)tx.GetDbTransaction());
        await sink.PrepareAsync(ct);

        var problems = new List<ImportProblem>();
        var problemCount = 0;
        var read = 0;
        foreach (var item in source.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (item is ImportProblem p)
            {
                problemCount++;
                if (problems.Count < MaxListedProblems)
                {
                    problems.Add(p);
                }

                continue;
            }

            var row = (SaleRow)item;
            read++;
            if (read % 10_000 == 0)
            {
                progress?.Report(read);
            }

            // After a problem the file is rejected, but valid rows are still stored (and rolled back) so that
            // conflicts with earlier imports are listed too, and a PostgreSQL COPY always completes.
            var currency = row.Currency ?? session.Currency;
            if (session.LinesSeen == 0 && session.WorkspaceCreated && row.Currency is not null)
            {
                session.Currency = currency;
            }

            if (currency != session.Currency)
            {
                problemCount++;
                if (problems.Count < MaxListedProblems)
                {
                    problems.Add(new ImportProblem(name, row.SourceLine, $"currency {currency} differs from the workspace currency {session.Currency}"));
                }

                continue;
            }

            if (sellerCheck && !session.OwnTaxIds.Contains(row.IssuerTaxId))
            {
                // One problem per document: its lines all share the seller.
                if (foreignDocuments.Add((row.IssuerTaxId, row.DocumentNumber)))
                {
                    problemCount++;
                    if (problems.Count < MaxListedProblems)
                    {
                        problems.Add(new ImportProblem(name, row.SourceLine, row.IssuerTaxId.Length == 0
                            ? $"document {row.DocumentNumber}: the seller has no tax id, so it cannot be told to be one of this workspace's tax ids ({string.Join(", ", session.OwnTaxIds.Order(StringComparer.Ordinal))})"
                            : $"document {row.DocumentNumber}: seller {row.IssuerTaxId} is not one of this workspace's tax ids ({string.Join(", ", session.OwnTaxIds.Order(StringComparer.Ordinal))}): probably a purchase invoice"));
                    }
                }

                continue;
            }

            session.LinesSeen++;
            var customerId = await sink.CustomerIdAsync(row, ct);
            var conflict = await sink.AddAsync(row, customerId, ct);
            if (conflict is not null)
            {
                problemCount++;
                if (problems.Count < MaxListedProblems)
                {
                    problems.Add(conflict);
                }
            }
        }

        progress?.Report(read);
        foreach (var conflict in await sink.FinishAsync(ct))
        {
            problemCount++;
            if (problems.Count < MaxListedProblems)
            {
                problems.Add(conflict);
            }
        }

        var format = csvReader?.Format;
        var dialect = (format?.Dialect ?? (source as XlsxSalesReader)?.Dialect) is { } d ? CsvDialects.Name(d) : null;
        var delimiter = format is null ? null : CsvDelimiters.Name(format.Delimiter);
        if (problemCount > 0)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return Rejected(name, read, [.. problems.OrderBy(p => p.Line)], problemCount) with
            {
                Dialect = dialect,
                Encoding = format?.Encoding,
                Delimiter = delimiter,
                DialectAmbiguous = csvReader?.DialectAmbiguous ?? false,
                Format = source.FormatName,
            };
        }

        var record = session.Record;
        record.Dialect = dialect;
        record.Encoding = format?.Encoding;
        record.Delimiter = delimiter;
        record.LinesAdded = sink.Added;
        record.LinesSkipped = read - sink.Added - sink.Replaced;
        record.CustomersAdded = sink.CustomersAdded;
        if (session.WorkspaceCreated)
        {
            session.Workspace.Currency = session.Currency;
        }

        await db.SaveChangesAsync(ct);
        if (request.DryRun)
        {
            await tx.RollbackAsync(CancellationToken.None);
        }
        else
        {
            await tx.CommitAsync(CancellationToken.None);
        }

        return new ImportResult(name, !request.DryRun, request.DryRun, request.DryRun ? null : record.Id, read, record.LinesAdded, record.LinesSkipped, record.CustomersAdded, 0, [], dialect, format?.Encoding, delimiter, Format: source.FormatName, LinesReplaced: sink.Replaced);
    }

    private static bool IsEInvoice(string format) => format is "ubl" or "facturae" or "cii";

    private static ImportResult Rejected(string name, int read, List<ImportProblem> problems, int? count = null) =>
        new(name, false, false, null, read, 0, 0, 0, count ?? problems.Count, problems);

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>State shared by the sinks: the workspace, its customers and the import's record.</summary>
    private sealed class Session
    {
        public required Workspace Workspace { get; init; }

        public required bool WorkspaceCreated { get; init; }

        public required ImportRecord Record { get; init; }

        public required Dictionary<string, long> CustomerIds { get; init; }

        public required long NextCustomerId { get; set; }

        public required string Currency { get; set; }

        public int LinesSeen { get; set; }

        public bool Replace { get; set; }

        /// <summary>The workspace's own tax ids, normalised as e-invoice sellers are; empty = every seller is accepted.</summary>
        public required HashSet<string> OwnTaxIds { get; init; }

        public static async Task<Session> StartAsync(KaminoDb db, IDbContextTransaction tx, string slug, string fileName, string sha, string formatName, TimeProvider clock, CancellationToken ct)
        {
            if (db.IsPostgres)
            {
                // One import per workspace at a time; SQLite's BEGIN IMMEDIATE already serialises writers.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(4242, hashtext({slug}))", ct);
            }

            var ws = await db.Workspaces.FirstOrDefaultAsync(w => w.Slug == slug, ct);
            var created = false;
            if (ws is null)
            {
                ws = new Workspace { Slug = slug, Name = slug, CreatedAt = clock.GetUtcNow() };
                db.Workspaces.Add(ws);
                await db.SaveChangesAsync(ct);
                created = true;
            }

            var ownTaxIds = await db.WorkspaceTaxIds.Where(t => t.WorkspaceId == ws.Id).Select(t => t.TaxId).ToListAsync(ct);
            var customers = await db.Customers.Where(c => c.WorkspaceId == ws.Id)
                .Select(c => new { c.Key, c.Id }).ToListAsync(ct);
            var nextImport = (await db.Imports.Where(i => i.WorkspaceId == ws.Id).MaxAsync(i => (long?)i.Id, ct) ?? 0) + 1;
            var record = new ImportRecord
            {
                WorkspaceId = ws.Id,
                Id = nextImport,
                FileName = fileName.Length > 500 ? fileName[..500] : fileName,
                Sha256 = sha,
                Format = formatName,
                ImportedAt = clock.GetUtcNow(),
            };
            db.Imports.Add(record);
            await db.SaveChangesAsync(ct);
            _ = tx;
            return new Session
            {
                Workspace = ws,
                WorkspaceCreated = created,
                Record = record,
                CustomerIds = customers.ToDictionary(c => c.Key, c => c.Id, StringComparer.Ordinal),
                NextCustomerId = customers.Count == 0 ? 1 : customers.Max(c => c.Id) + 1,
                Currency = ws.Currency,
                OwnTaxIds = new HashSet<string>(ownTaxIds, StringComparer.Ordinal),
            };
        }
    }

    private abstract class LineSink(Session session) : IDisposable
    {
        protected Session Session { get; } = session;

        public int Added { get; protected set; }

        /// <summary>Lines written over earlier lines with other content (<c>--replace</c>).</summary>
        public int Replaced { get; protected set; }

        public int CustomersAdded { get; private set; }

        public abstract Task PrepareAsync(CancellationToken ct);

        public async Task<long> CustomerIdAsync(SaleRow row, CancellationToken ct)
        {
            if (Session.CustomerIds.TryGetValue(row.CustomerKey, out var id))
            {
                return id;
            }

            id = Session.NextCustomerId++;
            Session.CustomerIds.Add(row.CustomerKey, id);
            CustomersAdded++;
            await AddCustomerAsync(id, row, ct);
            return id;
        }

        protected abstract Task AddCustomerAsync(long id, SaleRow row, CancellationToken ct);

        /// <summary>Stores the line; returns a conflict when it is known only at this point.</summary>
        public abstract Task<ImportProblem?> AddAsync(SaleRow row, long customerId, CancellationToken ct);

        /// <summary>Completes bulk work; returns conflicts found only then.</summary>
        public abstract Task<IReadOnlyList<ImportProblem>> FinishAsync(CancellationToken ct);

        public abstract void Dispose();

        protected ImportProblem Conflict(SaleRow row) => new(
            Session.Record.FileName,
            row.SourceLine,
            $"document {row.DocumentNumber} line {row.LineNumber} was imported before with different content");
    }

    private sealed class SqliteSink(Session session, SqliteConnection connection, SqliteTransaction tx) : LineSink(session)
    {
        private readonly SqliteCommand insertLine = connection.CreateCommand();
        private readonly SqliteCommand findLine = connection.CreateCommand();
        private readonly SqliteCommand insertCustomer = connection.CreateCommand();

        // --replace only: documents being replaced, and per document the lines of the file found identical to the stored ones.
        private readonly HashSet<(string Issuer, string Document)> replacedDocuments = [];
        private readonly Dictionary<(string Issuer, string Document), List<int>> identicalLines = [];

        public override Task PrepareAsync(CancellationToken ct)
        {
            insertLine.Transaction = tx;
            insertLine.CommandText = """
                INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency)
                VALUES ($w, $i, $d, $l, $date, $c, $imp, $sku, $pn, $q, $p, $disc, $net, $cur)
                ON CONFLICT DO NOTHING
                """;
            foreach (var n in new[] { "$w", "$i", "$d", "$l", "$date", "$c", "$imp", "$sku", "$pn", "$q", "$p", "$disc", "$net", "$cur" })
            {
                insertLine.Parameters.Add(new SqliteParameter { ParameterName = n });
            }

            insertLine.Parameters["$w"].Value = Session.Workspace.Id;
            insertLine.Parameters["$imp"].Value = Session.Record.Id;
            insertLine.Prepare();

            findLine.Transaction = tx;
            findLine.CommandText = """
                SELECT date, customer_id, net_cents, quantity, unit_price, discount_pct, product_sku, currency
                FROM sale_line WHERE workspace_id = $w AND issuer_tax_id = $i AND document_number = $d AND line_number = $l
                """;
            foreach (var n in new[] { "$w", "$i", "$d", "$l" })
            {
                findLine.Parameters.Add(new SqliteParameter { ParameterName = n });
            }

            findLine.Parameters["$w"].Value = Session.Workspace.Id;

            insertCustomer.Transaction = tx;
            insertCustomer.CommandText = "INSERT INTO customer (workspace_id, id, key, name, tax_id, is_key_account, created_by_import_id) VALUES ($w, $id, $k, $n, $t, 0, $imp)";
            foreach (var n in new[] { "$w", "$id", "$k", "$n", "$t", "$imp" })
            {
                insertCustomer.Parameters.Add(new SqliteParameter { ParameterName = n });
            }

            insertCustomer.Parameters["$w"].Value = Session.Workspace.Id;
            insertCustomer.Parameters["$imp"].Value = Session.Record.Id;
            return Task.CompletedTask;
        }

        protected override Task AddCustomerAsync(long id, SaleRow row, CancellationToken ct)
        {
            var p = insertCustomer.Parameters;
            p["$id"].Value = id;
            p["$k"].Value = row.CustomerKey;
            p["$n"].Value = row.CustomerName;
            p["$t"].Value = (object?)row.CustomerTaxId ?? DBNull.Value;
            insertCustomer.ExecuteNonQuery();
            return Task.CompletedTask;
        }

        public override Task<ImportProblem?> AddAsync(SaleRow row, long customerId, CancellationToken ct)
        {
            var p = insertLine.Parameters;
            var date = row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var q = row.Quantity.ToString(DecimalFormat, CultureInfo.InvariantCulture);
            var price = row.UnitPrice.ToString(DecimalFormat, CultureInfo.InvariantCulture);
            var disc = row.DiscountPct.ToString(DecimalFormat, CultureInfo.InvariantCulture);
            var currency = row.Currency ?? Session.Currency;
            p[1].Value = row.IssuerTaxId;
            p[2].Value = row.DocumentNumber;
            p[3].Value = row.LineNumber;
            p[4].Value = date;
            p[5].Value = customerId;
            p[7].Value = (object?)row.ProductSku ?? DBNull.Value;
            p[8].Value = (object?)row.ProductName ?? DBNull.Value;
            p[9].Value = q;
            p[10].Value = price;
            p[11].Value = disc;
            p[12].Value = row.NetCents;
            p[13].Value = currency;
            if (insertLine.ExecuteNonQuery() == 1)
            {
                Added++;
                return Task.FromResult<ImportProblem?>(null);
            }

            var f = findLine.Parameters;
            f[1].Value = row.IssuerTaxId;
            f[2].Value = row.DocumentNumber;
            f[3].Value = row.LineNumber;
            using var r = findLine.ExecuteReader();
            r.Read();
            var same = r.GetString(0) == date && r.GetInt64(1) == customerId && r.GetInt64(2) == row.NetCents
                && SameDecimal(r.GetString(3), row.Quantity) && SameDecimal(r.GetString(4), row.UnitPrice) && SameDecimal(r.GetString(5), row.DiscountPct)
                && (r.IsDBNull(6) ? null : r.GetString(6)) == row.ProductSku && r.GetString(7) == currency;
            r.Close();
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

                return Task.FromResult<ImportProblem?>(null);
            }

            if (!Session.Replace || ImportIdOf(row) == Session.Record.Id)
            {
                // Two lines of this very file with one identity are a conflict even with --replace.
                return Task.FromResult<ImportProblem?>(Conflict(row));
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

            insertLine.ExecuteNonQuery();
            replacedDocuments.Add((row.IssuerTaxId, row.DocumentNumber));
            Replaced++;
            return Task.FromResult<ImportProblem?>(null);
        }

        private long ImportIdOf(SaleRow row)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT import_id FROM sale_line WHERE workspace_id = $w AND issuer_tax_id = $i AND document_number = $d AND line_number = $l";
            cmd.Parameters.AddWithValue("$w", Session.Workspace.Id);
            cmd.Parameters.AddWithValue("$i", row.IssuerTaxId);
            cmd.Parameters.AddWithValue("$d", row.DocumentNumber);
            cmd.Parameters.AddWithValue("$l", row.LineNumber);
            return (long)cmd.ExecuteScalar()!;
        }

        private static bool SameDecimal(string stored, decimal value) =>
            decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d == value;

        /// <summary>
        /// For each replaced document: its lines the file repeated unchanged now belong to this import, and its
        /// earlier lines the file does not have are removed, so the document is exactly the file's lines.
        /// </summary>
        public override Task<IReadOnlyList<ImportProblem>> FinishAsync(CancellationToken ct)
        {
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

            return Task.FromResult<IReadOnlyList<ImportProblem>>([]);
        }

        public override void Dispose()
        {
            insertLine.Dispose();
            findLine.Dispose();
            insertCustomer.Dispose();
        }
    }

    private sealed class PostgresSink(Session session, NpgsqlConnection connection) : LineSink(session)
    {
        private readonly List<(long Id, SaleRow Row)> newCustomers = [];
        private NpgsqlBinaryImporter? stage;
        private int staged;

        public override async Task PrepareAsync(CancellationToken ct)
        {
            await using (var cmd = new NpgsqlCommand(
                """
                CREATE TEMP TABLE import_stage (
                    source_line int NOT NULL, issuer_tax_id text NOT NULL, document_number text NOT NULL, line_number int NOT NULL,
                    date date NOT NULL, customer_id bigint NOT NULL, product_sku text, product_name text,
                    quantity numeric NOT NULL, unit_price numeric NOT NULL, discount_pct numeric NOT NULL, net_cents bigint NOT NULL, currency text NOT NULL
                ) ON COMMIT DROP
                """, connection))
            {
                await cmd.ExecuteNonQueryAsync(ct);
            }

            stage = await connection.BeginBinaryImportAsync(
                "COPY import_stage (source_line, issuer_tax_id, document_number, line_number, date, customer_id, product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency) FROM STDIN (FORMAT BINARY)", ct);
        }

        protected override Task AddCustomerAsync(long id, SaleRow row, CancellationToken ct)
        {
            newCustomers.Add((id, row));
            return Task.CompletedTask;
        }

        // Synchronous writes: they only fill Npgsql's buffer, and an await per field costs more than the copy.
        public override Task<ImportProblem?> AddAsync(SaleRow row, long customerId, CancellationToken ct)
        {
            var s = stage!;
            s.StartRow();
            s.Write(row.SourceLine, NpgsqlDbType.Integer);
            s.Write(row.IssuerTaxId, NpgsqlDbType.Text);
            s.Write(row.DocumentNumber, NpgsqlDbType.Text);
            s.Write(row.LineNumber, NpgsqlDbType.Integer);
            s.Write(row.Date, NpgsqlDbType.Date);
            s.Write(customerId, NpgsqlDbType.Bigint);
            WriteNullable(s, row.ProductSku);
            WriteNullable(s, row.ProductName);
            s.Write(row.Quantity, NpgsqlDbType.Numeric);
            s.Write(row.UnitPrice, NpgsqlDbType.Numeric);
            s.Write(row.DiscountPct, NpgsqlDbType.Numeric);
            s.Write(row.NetCents, NpgsqlDbType.Bigint);
            s.Write(row.Currency ?? Session.Currency, NpgsqlDbType.Text);
            staged++;
            return Task.FromResult<ImportProblem?>(null);
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

        public override async Task<IReadOnlyList<ImportProblem>> FinishAsync(CancellationToken ct)
        {
            await stage!.CompleteAsync(ct);
            await stage.DisposeAsync();
            stage = null;

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

            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency)
                SELECT $1, issuer_tax_id, document_number, line_number, date, customer_id, $2,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency
                FROM import_stage
                ON CONFLICT DO NOTHING
                """, connection))
            {
                insert.Parameters.AddWithValue(Session.Workspace.Id);
                insert.Parameters.AddWithValue(Session.Record.Id);
                insert.CommandTimeout = 0;
                Added = await insert.ExecuteNonQueryAsync(ct);
            }

            if (Added == staged)
            {
                return [];
            }

            if (Session.Replace)
            {
                await ReplaceAsync(ct);
            }

            var conflicts = new List<ImportProblem>();
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
                conflicts.Add(new ImportProblem(Session.Record.FileName, r.GetInt32(0),
                    $"document {r.GetString(1)} line {r.GetInt32(2)} was imported before with different content"));
            }

            return conflicts;
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
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency)
                SELECT $1, s.issuer_tax_id, s.document_number, s.line_number, s.date, s.customer_id, $2,
                    s.product_sku, s.product_name, s.quantity, s.unit_price, s.discount_pct, s.net_cents, s.currency
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

        public override void Dispose() => stage?.Dispose();
    }
}
