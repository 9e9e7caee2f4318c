using System.Collections.Concurrent;
using System.Globalization;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.Import;

namespace Kamino.Host.Import;

/// <summary>
/// How to read and store the files of one web or API import: <c>kamino import</c>'s options. <see cref="Dialect"/>
/// is <c>auto</c>, <c>en</c> or <c>es</c>; <see cref="Encoding"/> null = detect; <see cref="Map"/> overrides header matching.
/// </summary>
/// <see cref="KeepValid"/>: import the valid rows and skip the rows with a row problem (<c>--keep-valid</c>).
public sealed record ImportChoices(string Dialect = "auto", string? Encoding = null, IReadOnlyDictionary<SaleField, string>? Map = null, bool Replace = false, bool DryRun = false, string? Sheet = null, bool KeepValid = false)
{
    public CsvReadOptions Csv => new(Map is { Count: > 0 } ? Map : null, CsvDialects.TryParseName(Dialect, out var d) ? d : null, Encoding);
}

/// <summary>
/// A fresh temporary folder for uploaded files, deleted (with everything in it) on dispose. Each upload is
/// saved in a numbered subfolder under its own file name reduced to a safe name, so that the name reaches
/// messages and the history as the user knows it and no name can point outside the folder.
/// </summary>
public sealed class UploadFolder : IDisposable
{
    private int count;

    private UploadFolder(string path) => Path = path;

    public string Path { get; }

    public static UploadFolder Create() => new(Directory.CreateTempSubdirectory("kamino-upload-").FullName);

    /// <summary>Copies <paramref name="content"/> into the folder; null (and nothing kept) when it holds more than <paramref name="maxBytes"/>.</summary>
    public async Task<string?> SaveAsync(Stream content, string? fileName, long maxBytes, CancellationToken ct)
    {
        var folder = System.IO.Path.Combine(Path, (++count).ToString("D4", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var target = System.IO.Path.Combine(folder, WebImports.SafeFileName(fileName));
        var buffer = new byte[1 << 16];
        long total = 0;
        await using (var output = File.Create(target))
        {
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += n;
                if (total > maxBytes)
                {
                    break;
                }

                await output.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }

        if (total > maxBytes)
        {
            File.Delete(target);
            return null;
        }

        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}

/// <summary>What the import page and the imports API share: limits, names, and the call into <see cref="SalesImporter"/>.</summary>
public static class WebImports
{
    /// <summary>Largest upload (a request to the API, a file on the page) unless <c>Kamino:ImportMaxBytes</c> says otherwise: 200 MB.</summary>
    public const long DefaultMaxBytes = 200L * 1000 * 1000;

    /// <summary>Most files the page takes at once, and an API request (<c>Kamino:ImportMaxFiles</c> may lower or raise it).</summary>
    public const int MaxFiles = 50;

    /// <summary>Most files one API request may upload: <c>Kamino:ImportMaxFiles</c>, else <see cref="MaxFiles"/>.</summary>
    public static int MaxFilesPerRequest(IConfiguration configuration) =>
        configuration.GetValue<int?>("Kamino:ImportMaxFiles") is > 0 and var max ? max : MaxFiles;

    /// <summary>
    /// What the archives of one request may expand to together: <c>Kamino:ImportMaxEntries</c> (10,000),
    /// <c>Kamino:ImportMaxExpandedBytes</c> (2 GiB) and <c>Kamino:ImportMinFreeBytes</c> (1 GiB kept free on the
    /// temporary folder's disk).
    /// </summary>
    public static ImportBudget Budget(IConfiguration configuration) => new(
        configuration.GetValue<int?>("Kamino:ImportMaxEntries") is > 0 and var entries ? entries : ImportInputs.MaxZipEntries,
        configuration.GetValue<long?>("Kamino:ImportMaxExpandedBytes") is > 0 and var bytes ? bytes : ImportInputs.MaxZipBytes,
        configuration.GetValue<long?>("Kamino:ImportMinFreeBytes") is >= 0 and var free ? free : ImportBudget.DefaultMinFreeBytes);

    private const int MaxNameLength = 120;

    public static long MaxBytes(IConfiguration configuration) =>
        configuration.GetValue<long?>("Kamino:ImportMaxBytes") is > 0 and var max ? max : DefaultMaxBytes;

    /// <summary>The last segment of an uploaded file's name, without characters a file system refuses; "upload" when nothing is left.</summary>
    public static string SafeFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var invalid = System.IO.Path.GetInvalidFileNameChars();
        var safe = new string([.. last.Where(c => !invalid.Contains(c) && !char.IsControl(c))]).Trim().TrimStart('.');
        if (safe.Length > MaxNameLength)
        {
            var extension = System.IO.Path.GetExtension(safe);
            safe = safe[..(MaxNameLength - Math.Min(extension.Length, 10))] + extension[..Math.Min(extension.Length, 10)];
        }

        return safe.Length == 0 ? "upload" : safe;
    }

    /// <summary>
    /// Imports one file into the member's workspace with the engine of <c>kamino import</c>; a stored import is
    /// also written to the audit trail with who imported it, in the import's own transaction.
    /// </summary>
    /// <param name="problems">Every problem found, as it is found (the download of all of them); null = none kept.</param>
    /// <param name="rejects">The rows a <see cref="ImportChoices.KeepValid"/> import skips; the caller drops them when the file is rejected.</param>
    public static Task<ImportResult> ImportAsync(KaminoDatabase database, TimeProvider clock, string slug, string userId,
        ImportInput file, ImportChoices choices, IProgress<ImportProgress>? progress, CancellationToken ct,
        ImportProblemsCsv? problems = null, ImportProblemsCsv? rejects = null) =>
        Telemetry.MeasureImportAsync(() => new SalesImporter(database, clock).ImportAsync(
            new ImportRequest(slug, file.Path, file.DisplayName, choices.Csv, choices.DryRun, choices.Replace, choices.Sheet, new ImportActor(userId),
                choices.KeepValid, problems is null ? null : problems.Write, rejects is null ? null : rejects.Write),
            progress ?? NoProgress.Instance, ct));

    /// <summary>
    /// A file's problems by kind (malformed rows first, docs/import.md): per kind a line <c>file: N kind:</c> (with
    /// <paramref name="headings"/>: the CLI; the API's <c>problems</c> list keeps only problem lines), then its first
    /// examples as <c>file:line: reason</c>, then how many more there are.
    /// </summary>
    public static IEnumerable<string> ProblemLines(ImportResult result, bool headings = true)
    {
        var groups = result.ProblemGroups ?? [];
        foreach (var g in groups)
        {
            if (headings)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{result.File}: {g.Count:N0} {KindLabel(g.Kind, g.Count)}:");
            }

            foreach (var p in g.Examples)
            {
                yield return p.ToString();
            }

            if (g.Count > g.Examples.Count)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{result.File}: … and {g.Count - g.Examples.Count:N0} more {KindLabel(g.Kind, 2)}");
            }
        }
    }

    /// <summary>The kind in English for the API's problem lines (the command line words its own, <c>Import_Kind_…</c> in Cli.resx).</summary>
    public static string KindLabel(ImportProblemKind kind, int count) => (kind, count == 1) switch
    {
        (ImportProblemKind.Malformed, true) => "malformed row",
        (ImportProblemKind.Malformed, false) => "malformed rows",
        (ImportProblemKind.BadValue, true) => "row with a bad value",
        (ImportProblemKind.BadValue, false) => "rows with a bad value",
        (ImportProblemKind.Conflict, true) => "conflict with an earlier import",
        (ImportProblemKind.Conflict, false) => "conflicts with earlier imports",
        (ImportProblemKind.Currency, true) => "currency problem (lines without an exchange rate)",
        (ImportProblemKind.Currency, false) => "currency problems (lines without an exchange rate)",
        (ImportProblemKind.Seller, true) => "invoice of another seller",
        (ImportProblemKind.Seller, false) => "invoices of another seller",
        (ImportProblemKind.Invoice, true) => "e-invoice problem",
        (ImportProblemKind.Invoice, false) => "e-invoice problems",
        (ImportProblemKind.File, true) => "problem with the file as a whole",
        (ImportProblemKind.File, false) => "problems with the file as a whole",
    };

    private sealed class NoProgress : IProgress<ImportProgress>
    {
        public static readonly NoProgress Instance = new();

        public void Report(ImportProgress value)
        {
        }
    }
}

/// <summary>
/// One upload at a time per workspace (issue 10 item 6): an import or preview request holds its workspace from
/// before its form is read until its temporary files are deleted, so that several requests cannot fill the disk
/// together. Registered once per app.
/// </summary>
public sealed class ImportGate
{
    private readonly ConcurrentDictionary<int, byte> running = new();

    /// <summary>The workspace held until the result is disposed; null when another upload into it is running.</summary>
    public IDisposable? TryEnter(int workspaceId) => running.TryAdd(workspaceId, 0) ? new Held(running, workspaceId) : null;

    private sealed class Held(ConcurrentDictionary<int, byte> running, int workspaceId) : IDisposable
    {
        public void Dispose() => running.TryRemove(workspaceId, out _);
    }
}
