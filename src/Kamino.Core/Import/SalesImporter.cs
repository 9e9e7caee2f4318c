using System.Security.Cryptography;
using System.Threading.Channels;
using Kamino.Currencies;
using Kamino.Data;

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
/// <param name="Actor">
/// Who imports: a stored import then writes its audit entry in the same transaction as its lines and history row.
/// Null (the demo data, and tests that only need sales) writes no audit entry.
/// </param>
/// <param name="KeepValid">
/// Store the valid rows and skip the rows with a row problem (<see cref="ImportProblem.Skippable"/>: malformed rows and
/// bad values), handing each to <paramref name="OnRejected"/>. Any other problem still rejects the whole file.
/// </param>
/// <param name="OnProblem">Called with every problem as it is found, on the importer's thread (a download of all of them).</param>
/// <param name="OnRejected">
/// With <paramref name="KeepValid"/>, called with every skipped row's problem (its <see cref="ImportProblem.RowText"/> set
/// for CSV and workbook rows), also when the file is then rejected for another problem: the caller drops what it
/// wrote for a file whose result is not imported.
/// </param>
/// <param name="RejectsFile">Where the caller writes the rejected rows, recorded in the history (<c>kamino import --rejects</c>).</param>
public sealed record ImportRequest(string Workspace, string Path, string? DisplayName = null, CsvReadOptions? Csv = null, bool DryRun = false, bool Replace = false, string? Sheet = null, ImportActor? Actor = null,
    bool KeepValid = false, Action<ImportProblem>? OnProblem = null, Action<ImportProblem>? OnRejected = null, string? RejectsFile = null);

/// <summary>How far an import is: rows read, and bytes of the file read (CSV; other formats report the whole file when done).</summary>
public readonly record struct ImportProgress(int Rows, long Bytes, long TotalBytes);

/// <summary>Who an import's audit entry names.</summary>
/// <param name="UserId">The signed-in user of a web or API import; null for the command line, which has none (shown as "system").</param>
/// <param name="OsUser">The operating system's user name of a command-line import, added to the entry's summary.</param>
public sealed record ImportActor(string? UserId, string? OsUser = null)
{
    /// <summary>A <c>kamino import</c> run by the operating system's current user.</summary>
    public static ImportActor CommandLine() => new(null, Environment.UserName);
}

/// <summary>
/// Outcome of importing one file. <see cref="Imported"/> is false when any problem was found (with
/// <see cref="ImportRequest.KeepValid"/>: any problem but a skipped row): then nothing was written.
/// <see cref="ProblemGroups"/> holds the problems by kind in the order of <see cref="ImportProblemKind"/>, each with its
/// exact count and its first <see cref="ImportProblemList.MaxExamples"/> by line; <see cref="Problems"/> is those
/// examples, group after group; <see cref="ProblemCount"/> counts them all. <see cref="LinesRejected"/>: rows skipped
/// by an import that keeps the valid rows (its problems are then those rows'). <see cref="Dialect"/>, <see cref="Encoding"/> and
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
    int LinesReplaced = 0,
    IReadOnlyList<ImportProblemGroup>? ProblemGroups = null,
    int LinesRejected = 0)
{
    /// <summary>Warnings of the file (all counted): shown with the result, they do not stop the import.</summary>
    public int WarningCount { get; init; }

    /// <summary>The first <see cref="ImportProblemList.MaxExamples"/> warnings, in file order.</summary>
    public IReadOnlyList<ImportWarning> Warnings { get; init; } = [];
}

/// <summary>
/// Imports a sales file into a workspace in one transaction: the whole file or nothing. Lines whose identity
/// (PRODUCT.md §4) is already stored with the same content are skipped; with other content they are conflicts
/// and reject the file. The file is parsed on a second thread while the importer's thread stores. Bulk paths:
/// SQLite a prepared multi-row insert bound with SQLite's own calls on the transaction's connection
/// (<see cref="SqliteLineSink"/>), PostgreSQL a binary COPY, straight into sale_line on a workspace's first import,
/// else into a temporary stage table, then one INSERT … SELECT (<see cref="PostgresLineSink"/>; docs/benchmarks.md).
/// The transaction, workspace, history row and audit entry are the <see cref="ImportSession"/>'s.
/// </summary>
public sealed class SalesImporter(KaminoDatabase database, TimeProvider clock)
{
    private const int ReadAheadChunkItems = 1024;

    private const int ReadAheadChunks = 4;

    public Task<ImportResult> ImportAsync(ImportRequest request, IProgress<int>? progress = null, CancellationToken ct = default) =>
        ImportAsync(request, progress is null ? new RowsOnly(null) : new RowsOnly(progress), ct);

    /// <summary>
    /// Imports the file, reporting <paramref name="progress"/> every 10,000 rows and once after the last; the import's
    /// history row records a partial import (<see cref="ImportRequest.KeepValid"/>) with its rejected rows.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress> progress, CancellationToken ct = default)
    {
        var name = request.DisplayName ?? Path.GetFileName(request.Path);
        if (!File.Exists(request.Path))
        {
            return Rejected(name, 0, [new ImportProblem(name, 0, Said.Of("import.file-not-found"), ImportProblemKind.File)]);
        }

        var sha = await HashAsync(request.Path, ct);
        var source = SalesSources.Open(request.Path, request.Csv, name, request.Sheet);
        var csvReader = source as CsvSalesReader;

        await using var session = await ImportSession.StartAsync(database, request, name, sha, source.FormatName, clock, ct);
        var sellerCheck = IsEInvoice(source.FormatName) && session.OwnTaxIds.Count > 0;
        var foreignDocuments = new HashSet<(string, string)>();
        var missingRates = new MissingRates();

        var problems = new ImportProblemList(request.OnProblem);
        var warnings = new List<ImportWarning>();
        var warningCount = 0;
        var rejected = 0;
        var totalBytes = new FileInfo(request.Path).Length;
        using var sink = session.CreateSink(problems);
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
                        if (item is ImportWarning w)
                        {
                            // A warning about a seller that is not the workspace's is moot: the invoice is refused as a purchase.
                            if (w.SellerTaxId is null || !sellerCheck || session.OwnTaxIds.Contains(w.SellerTaxId))
                            {
                                warningCount++;
                                if (warnings.Count < ImportProblemList.MaxExamples)
                                {
                                    warnings.Add(w);
                                }
                            }

                            continue;
                        }

                        if (item is ImportProblem p)
                        {
                            problems.Add(p);
                            if (request.KeepValid && p.Skippable)
                            {
                                rejected++;
                                request.OnRejected?.Invoke(p);
                            }

                            continue;
                        }

                        var row = (SaleRow)item;
                        read++;
                        if (read % 10_000 == 0)
                        {
                            progress.Report(new ImportProgress(read, csvReader?.BytesRead ?? 0, totalBytes));
                        }

                        // After a problem the file is rejected, but valid rows are still stored (and rolled back) so that
                        // conflicts with earlier imports are listed too, and a PostgreSQL COPY always completes.
                        if (row.Currency is { } currency && currency != session.Currency)
                        {
                            if (session.Conversion.Convert(row.NetCents, currency, row.Date, row.ExchangeRate) is not { } converted)
                            {
                                missingRates.Add(row, currency);
                                continue;
                            }

                            row = row with { NetCents = converted, Currency = session.Currency, OriginalNetCents = row.NetCents, OriginalCurrency = currency };
                        }

                        if (sellerCheck && !session.OwnTaxIds.Contains(row.IssuerTaxId))
                        {
                            // One problem per document: its lines all share the seller.
                            if (foreignDocuments.Add((row.IssuerTaxId, row.DocumentNumber)))
                            {
                                var own = string.Join(", ", session.OwnTaxIds.Order(StringComparer.Ordinal));
                                problems.Add(new ImportProblem(name, row.SourceLine, row.IssuerTaxId.Length == 0
                                    ? Said.Of("import.seller-no-tax-id", row.DocumentNumber, own)
                                    : Said.Of("import.seller-other", row.DocumentNumber, row.IssuerTaxId, own), ImportProblemKind.Seller));
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

        progress.Report(new ImportProgress(read, totalBytes, totalBytes));
        if (missingRates.Problem(name, session.Currency, MissingRates.ImportFix(request.Workspace, session.Currency)) is { } noRate)
        {
            problems.Add(noRate);
        }

        await sink.FinishAsync(ct);
        var problemCount = problems.Count;
        var groups = problems.Groups();

        var format = csvReader?.Format;
        var dialect = (format?.Dialect ?? (source as XlsxSalesReader)?.Dialect) is { } d ? CsvDialects.Name(d) : null;
        var delimiter = format is null ? null : CsvDelimiters.Name(format.Delimiter);
        if (problemCount > rejected)
        {
            await session.RollbackAsync();
            return Rejected(name, read, ImportProblemList.Flatten(groups), problemCount) with
            {
                ProblemGroups = groups,
                Dialect = dialect,
                Encoding = format?.Encoding,
                Delimiter = delimiter,
                DialectAmbiguous = csvReader?.DialectAmbiguous ?? false,
                Format = source.FormatName,
                WarningCount = warningCount,
                Warnings = warnings,
            };
        }

        var record = session.Record;
        record.Dialect = dialect;
        record.Encoding = format?.Encoding;
        record.Delimiter = delimiter;
        record.LinesAdded = sink.Added;
        record.LinesSkipped = read - sink.Added - sink.Replaced;
        record.CustomersAdded = sink.CustomersAdded;
        record.LinesRejected = rejected;
        record.RejectsFile = rejected > 0 && request.RejectsFile is { } rejects ? (rejects.Length > 500 ? rejects[..500] : rejects) : null;
        await session.CompleteAsync(name, request.Actor, request.DryRun, sink.Replaced, clock, ct);

        return new ImportResult(name, !request.DryRun, request.DryRun, request.DryRun ? null : record.Id, read, record.LinesAdded, record.LinesSkipped, record.CustomersAdded,
            problemCount, ImportProblemList.Flatten(groups), dialect, format?.Encoding, delimiter, Format: source.FormatName, LinesReplaced: sink.Replaced,
            ProblemGroups: groups, LinesRejected: rejected) { WarningCount = warningCount, Warnings = warnings };
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
        new(name, false, false, null, read, 0, 0, 0, count ?? problems.Count, problems, ProblemGroups: ImportProblemList.Group(problems));

    private sealed class RowsOnly(IProgress<int>? rows) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => rows?.Report(value.Rows);
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
