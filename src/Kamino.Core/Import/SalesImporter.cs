using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Kamino.Audit;
using Kamino.Data;
using Kamino.Workspaces;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

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
/// <param name="AuditUserId">
/// Who imports: a stored import then writes its audit entry in the same transaction as its lines and history row.
/// Null (the CLI and the demo data, which have no signed-in user) writes no audit entry.
/// </param>
public sealed record ImportRequest(string Workspace, string Path, string? DisplayName = null, CsvReadOptions? Csv = null, bool DryRun = false, bool Replace = false, string? Sheet = null, string? AuditUserId = null);

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
/// and reject the file. The file is parsed on a second thread while the importer's thread stores. Bulk paths:
/// SQLite a prepared multi-row insert bound with SQLite's own calls on the transaction's connection, PostgreSQL a
/// binary COPY, straight into sale_line on a workspace's first import, else into a temporary stage table, then one
/// INSERT … SELECT (docs/benchmarks.md).
/// </summary>
public sealed class SalesImporter(KaminoDatabase database, TimeProvider clock)
{
    public const int MaxListedProblems = 1000;

    private const string DecimalFormat = "0.0###########################";

    private const int ReadAheadChunkItems = 1024;

    private const int ReadAheadChunks = 4;

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

        var problems = new Problems();
        using var sink = db.IsPostgres
            ? (LineSink)new PostgresSink(session, problems, (NpgsqlConnection)db.Database.GetDbConnection())
            : new SqliteSink(session, problems, (SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)tx.GetDbTransaction());
        await sink.PrepareAsync(ct);

        // The file is read and parsed on a second thread while this one stores, so the two halves of the work
        // overlap (docs/benchmarks.md); the bounded channel keeps memory flat whichever side is slower.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var chunks = Channel.CreateBounded<object[]>(new BoundedChannelOptions(ReadAheadChunks) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ReadAheadAsync(source, chunks.Writer, stop.Token), CancellationToken.None);
        var read = 0;
        try
        {
            while (await chunks.Reader.WaitToReadAsync(ct))
            {
                while (chunks.Reader.TryRead(out var chunk))
                {
                    ct.ThrowIfCancellationRequested();
                    foreach (var item in chunk)
                    {
                        if (item is ImportProblem p)
                        {
                            problems.Add(p);
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
                            problems.Add(new ImportProblem(name, row.SourceLine, $"currency {currency} differs from the workspace currency {session.Currency}"));
                            continue;
                        }

                        if (sellerCheck && !session.OwnTaxIds.Contains(row.IssuerTaxId))
                        {
                            // One problem per document: its lines all share the seller.
                            if (foreignDocuments.Add((row.IssuerTaxId, row.DocumentNumber)))
                            {
                                problems.Add(new ImportProblem(name, row.SourceLine, row.IssuerTaxId.Length == 0
                                    ? $"document {row.DocumentNumber}: the seller has no tax id, so it cannot be told to be one of this workspace's tax ids ({string.Join(", ", session.OwnTaxIds.Order(StringComparer.Ordinal))})"
                                    : $"document {row.DocumentNumber}: seller {row.IssuerTaxId} is not one of this workspace's tax ids ({string.Join(", ", session.OwnTaxIds.Order(StringComparer.Ordinal))}): probably a purchase invoice"));
                            }

                            continue;
                        }

                        session.LinesSeen++;
                        sink.Add(row, sink.CustomerId(row));
                    }
                }
            }

            await producer;
        }
        finally
        {
            // On an error here (disk full, cancellation) the reader thread is stopped before the file is let go.
            await stop.CancelAsync();
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        progress?.Report(read);
        await sink.FinishAsync(ct);
        var problemCount = problems.Count;

        var format = csvReader?.Format;
        var dialect = (format?.Dialect ?? (source as XlsxSalesReader)?.Dialect) is { } d ? CsvDialects.Name(d) : null;
        var delimiter = format is null ? null : CsvDelimiters.Name(format.Delimiter);
        if (problemCount > 0)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return Rejected(name, read, [.. problems.Listed.OrderBy(p => p.Line)], problemCount) with
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

        if (request.AuditUserId is not null && !request.DryRun)
        {
            // Last, so that a PostgreSQL transaction holds the audit counter row only while it commits.
            await AuditLog.AddAsync(db, session.Workspace.Id, request.AuditUserId, "import", record.Id.ToString(CultureInfo.InvariantCulture), "import", string.Create(CultureInfo.InvariantCulture,
                $"imported {name} (#{record.Id}, {source.FormatName}): {record.LinesAdded} lines added, {record.LinesSkipped} already imported, {sink.Replaced} replaced, {record.CustomersAdded} new customers"), null, clock, ct);
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

    /// <summary>
    /// Runs on its own thread: reads the file and hands its items over in chunks (one hand-over per row would
    /// cost more than the parse). Stops when the importer stops listening.
    /// </summary>
    private static async Task ReadAheadAsync(ISalesSource source, ChannelWriter<object[]> writer, CancellationToken ct)
    {
        try
        {
            var chunk = new object[ReadAheadChunkItems];
            var n = 0;
            foreach (var item in source.Read())
            {
                chunk[n++] = item;
                if (n == chunk.Length)
                {
                    await writer.WriteAsync(chunk, ct);
                    chunk = new object[ReadAheadChunkItems];
                    n = 0;
                }
            }

            if (n > 0)
            {
                await writer.WriteAsync(chunk[..n], ct);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
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
            // Imports of a workspace already take turns (the lock above, or SQLite's one writer), so holding the
            // counter row until commit blocks no one else. Customers are written only by imports, under that same
            // lock: numbering them after the highest stored is safe.
            var record = new ImportRecord
            {
                WorkspaceId = ws.Id,
                Id = await db.NextIdAsync(db.Imports, ws.Id, ct),
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

    /// <summary>Problems of one file: all counted, the first <see cref="MaxListedProblems"/> kept.</summary>
    private sealed class Problems
    {
        public int Count { get; private set; }

        public List<ImportProblem> Listed { get; } = [];

        public void Add(ImportProblem problem)
        {
            Count++;
            if (Listed.Count < MaxListedProblems)
            {
                Listed.Add(problem);
            }
        }
    }

    private abstract class LineSink(Session session, Problems problems) : IDisposable
    {
        protected Session Session { get; } = session;

        protected Problems Problems { get; } = problems;

        public int Added { get; protected set; }

        /// <summary>Lines written over earlier lines with other content (<c>--replace</c>).</summary>
        public int Replaced { get; protected set; }

        public int CustomersAdded { get; private set; }

        public abstract Task PrepareAsync(CancellationToken ct);

        public long CustomerId(SaleRow row)
        {
            if (Session.CustomerIds.TryGetValue(row.CustomerKey, out var id))
            {
                return id;
            }

            id = Session.NextCustomerId++;
            Session.CustomerIds.Add(row.CustomerKey, id);
            CustomersAdded++;
            AddCustomer(id, row);
            return id;
        }

        protected abstract void AddCustomer(long id, SaleRow row);

        /// <summary>Stores the line; a conflict may be reported to <see cref="Problems"/> now or later.</summary>
        public abstract void Add(SaleRow row, long customerId);

        /// <summary>Completes bulk work, reporting conflicts found only then.</summary>
        public abstract Task FinishAsync(CancellationToken ct);

        public abstract void Dispose();

        protected ImportProblem Conflict(SaleRow row) => new(
            Session.Record.FileName,
            row.SourceLine,
            $"document {row.DocumentNumber} line {row.LineNumber} was imported before with different content");

        protected ImportProblem Conflict(int sourceLine, string document, int line) => new(
            Session.Record.FileName,
            sourceLine,
            $"document {document} line {line} was imported before with different content");
    }

    /// <summary>
    /// SQLite: lines go in <see cref="BatchRows"/> at a time through one prepared multi-row
    /// <c>INSERT … ON CONFLICT DO NOTHING</c>, bound with SQLite's own calls (no parameter objects, no boxing,
    /// text encoded once into a reused buffer). A batch that stored fewer rows than it had is resolved row by
    /// row against what is stored: a row is new when its stored line has a rowid above the table's highest
    /// before the batch and no earlier row of the batch has its identity; any other row was ignored and is
    /// compared with the stored line (identical ⇒ skipped, else a conflict, or with --replace a replacement).
    /// </summary>
    private sealed class SqliteSink(Session session, Problems problems, SqliteConnection connection, SqliteTransaction tx) : LineSink(session, problems)
    {
        private const int BatchRows = 128;
        private const int Columns = 12;

        private readonly SqliteCommand findLine = connection.CreateCommand();
        private readonly (SaleRow Row, long CustomerId)[] batch = new (SaleRow, long)[BatchRows];
        private readonly byte[] text = new byte[4096];
        private readonly Dictionary<decimal, byte[]> decimals = [];
        private sqlite3_stmt? insertBatch;
        private sqlite3_stmt? insertOne;
        private sqlite3_stmt? insertCustomer;
        private int batched;
        private long maxRowId;

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

            const string Insert = """
                INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency) VALUES
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

        /// <summary>Binds one line's 12 values from parameter <paramref name="offset"/> + 1 on.</summary>
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
            findLine.Dispose();
        }
    }

    /// <summary>
    /// PostgreSQL: lines go through a binary COPY into a temporary stage table, then one <c>INSERT … SELECT … ON
    /// CONFLICT DO NOTHING</c> and one query for the conflicts. When the workspace has no lines yet (a first import,
    /// the bulk case) nothing stored can conflict, so lines are copied straight into <c>sale_line</c> while their
    /// identities are new within the file (a 64-bit hash each, <see cref="HashCounts"/>); from the first identity
    /// that may repeat on, the copy continues into the stage and the stage path settles duplicates and conflicts
    /// exactly as before.
    /// </summary>
    private sealed class PostgresSink(Session session, Problems problems, NpgsqlConnection connection) : LineSink(session, problems)
    {
        private const string SaleLineColumns = "workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id, product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency";

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
                    quantity numeric NOT NULL, unit_price numeric NOT NULL, discount_pct numeric NOT NULL, net_cents bigint NOT NULL, currency text NOT NULL
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

        private const string StageCopy = "COPY import_stage (source_line, issuer_tax_id, document_number, line_number, date, customer_id, product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency) FROM STDIN (FORMAT BINARY)";

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
        }

        private void WriteDirect(NpgsqlBinaryImporter s, SaleRow row, long customerId)
        {
            s.StartRow();
            s.Write(Session.Workspace.Id, NpgsqlDbType.Integer);
            s.Write(row.IssuerTaxId, NpgsqlDbType.Text);
            s.Write(row.DocumentNumber, NpgsqlDbType.Text);
            s.Write(row.LineNumber, NpgsqlDbType.Integer);
            s.Write(row.Date, NpgsqlDbType.Date);
            s.Write(customerId, NpgsqlDbType.Bigint);
            s.Write(Session.Record.Id, NpgsqlDbType.Bigint);
            WriteNullable(s, row.ProductSku);
            WriteNullable(s, row.ProductName);
            s.Write(row.Quantity, NpgsqlDbType.Numeric);
            s.Write(row.UnitPrice, NpgsqlDbType.Numeric);
            s.Write(row.DiscountPct, NpgsqlDbType.Numeric);
            s.Write(row.NetCents, NpgsqlDbType.Bigint);
            s.Write(row.Currency ?? Session.Currency, NpgsqlDbType.Text);
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

        public override void Dispose()
        {
            direct?.Dispose();
            stage?.Dispose();
        }
    }
}
