using System.Globalization;
using System.IO.Compression;

namespace Kamino.Import;

/// <summary>One file to import: where its bytes are and the name used in messages and the history.</summary>
public sealed record ImportInput(string Path, string DisplayName);

/// <summary>
/// What one request (a <c>kamino import</c> command, an API request, an upload on the page) may expand its
/// archives to, all archives together (issue 10 item 6): <see cref="MaxEntries"/> entries, <see cref="MaxExpandedBytes"/>
/// bytes written to the temporary folder, and never below <see cref="MinFreeBytes"/> of free space on its disk.
/// </summary>
/// <param name="MaxEntries">Most entries (of any kind) all archives of the request may hold together.</param>
/// <param name="MaxExpandedBytes">Most bytes all archives of the request may expand to together, counted while decompressing.</param>
/// <param name="MinFreeBytes">Free space the temporary folder's disk keeps: extraction stops before going under it.</param>
public sealed record ImportBudget(int MaxEntries = ImportInputs.MaxZipEntries, long MaxExpandedBytes = ImportInputs.MaxZipBytes, long MinFreeBytes = ImportBudget.DefaultMinFreeBytes)
{
    /// <summary>Free space kept on the temporary folder's disk by default: 1 GiB.</summary>
    public const long DefaultMinFreeBytes = 1L << 30;

    /// <summary>The defaults: 10,000 entries, 2 GiB, 1 GiB kept free.</summary>
    public static ImportBudget Default { get; } = new();
}

/// <summary>
/// What <c>kamino import</c> was given, as a list of files: a file as is; a folder as every <c>.csv</c>, <c>.xlsx</c> and
/// <c>.xml</c> file under it, sorted by path; a <c>.zip</c> archive as its <c>.csv</c>/<c>.xlsx</c>/<c>.xml</c> entries,
/// copied into a fresh temporary folder under generated names (an entry's own path is only used in
/// messages, so "../" names cannot write anywhere). The archives share one <see cref="ImportBudget"/>: the archive
/// that passes it is rejected whole, and so are the archives after it. Dispose deletes the temporary folder.
/// </summary>
public sealed class ImportInputs : IDisposable
{
    /// <summary>Most entries (of any kind) the archives of one request may hold together.</summary>
    public const int MaxZipEntries = 10_000;

    /// <summary>Most bytes all entries of the archives of one request may expand to (2 GiB), counted while decompressing.</summary>
    public const long MaxZipBytes = 2L * 1024 * 1024 * 1024;

    // What moving an archive's extraction forward checks the free space every so many bytes.
    private const long FreeSpaceCheckBytes = 64L << 20;

    private readonly ImportBudget budget;
    private string? tempFolder;
    private long expanded;
    private int entries;

    private ImportInputs(ImportBudget budget) => this.budget = budget;

    public List<ImportInput> Files { get; } = [];

    /// <summary>Inputs that cannot be read at all (missing, empty folder, bad or oversized archive).</summary>
    public List<ImportProblem> Problems { get; } = [];

    public static ImportInputs Expand(IEnumerable<string> paths, ImportBudget? budget = null)
    {
        var inputs = new ImportInputs(budget ?? ImportBudget.Default);
        foreach (var path in paths)
        {
            var name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(path));
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsSalesFile)
                    .Select(f => (Full: f, Relative: System.IO.Path.GetRelativePath(path, f).Replace('\\', '/')))
                    .OrderBy(f => f.Relative, StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    inputs.Problems.Add(new ImportProblem(name, 0, Said.Of("import.folder-empty"), ImportProblemKind.File));
                }

                inputs.Files.AddRange(found.Select(f => new ImportInput(f.Full, name + "/" + f.Relative)));
            }
            else if (!File.Exists(path))
            {
                inputs.Problems.Add(new ImportProblem(name, 0, Said.Of("import.file-not-found"), ImportProblemKind.File));
            }
            else if (!IsRegularFile(path))
            {
                inputs.Problems.Add(new ImportProblem(name, 0, Said.Of("import.not-a-file"), ImportProblemKind.File));
            }
            else if (IsZip(path) && !XlsxSalesReader.IsWorkbook(path))
            {
                inputs.AddArchive(path, name);
            }
            else
            {
                inputs.Files.Add(new ImportInput(System.IO.Path.GetFullPath(path), name));
            }
        }

        return inputs;
    }

    /// <summary>
    /// False for a device, pipe or generated file (<c>/dev/zero</c>, <c>/proc/…</c>), which would be read forever or
    /// differently each time: .NET does not tell the file type, but such files declare a size of 0 and still have
    /// bytes to read. (A FIFO with no writer blocks the open: name files, not pipes.)
    /// </summary>
    public static bool IsRegularFile(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal))
        {
            return false;
        }

        if (new FileInfo(full).Length > 0)
        {
            return true;
        }

        Span<byte> one = stackalloc byte[1];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        return stream.Read(one) == 0;
    }

    private static bool IsSalesFile(string path) =>
        System.IO.Path.GetExtension(path).ToUpperInvariant() is ".CSV" or ".XML" or ".XLSX";

    // By content: a local file header signature, whatever the name says.
    private static bool IsZip(string path)
    {
        Span<byte> start = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(start, 4, throwOnEndOfStream: false) == 4 && start is [0x50, 0x4B, 0x03, 0x04];
    }

    private void AddArchive(string path, string name)
    {
        var extracted = new List<ImportInput>();
        var expandedBefore = expanded;
        Said? refused = null;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            entries += zip.Entries.Count;
            if (entries > budget.MaxEntries)
            {
                Problems.Add(new ImportProblem(name, 0, Said.Of("import.archive-entries", [.. ImportSentences.Big(budget.MaxEntries)]), ImportProblemKind.File));
                return;
            }

            var buffer = new byte[1 << 16];
            var nextSpaceCheck = expanded;
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (entry.FullName.EndsWith('/') || !IsSalesFile(entry.FullName))
                {
                    continue;
                }

                tempFolder ??= Directory.CreateTempSubdirectory("kamino-import-").FullName;
                var target = System.IO.Path.Combine(tempFolder, string.Create(CultureInfo.InvariantCulture, $"{Files.Count + extracted.Count:D6}{System.IO.Path.GetExtension(entry.FullName).ToLowerInvariant()}"));
                extracted.Add(new ImportInput(target, name + "/" + entry.FullName.Replace('\\', '/')));
                using var source = entry.Open();
                using var output = File.Create(target);
                int n;
                while (refused is null && (n = source.Read(buffer, 0, buffer.Length)) > 0)
                {
                    // Counted as decompressed, never taken from the entry's declared size.
                    expanded += n;
                    if (expanded > budget.MaxExpandedBytes)
                    {
                        refused = Said.Of("import.archive-bytes", [.. ImportSentences.Big(budget.MaxExpandedBytes)]);
                    }
                    else if (expanded >= nextSpaceCheck && FreeSpace() is { } free && free - n < budget.MinFreeBytes)
                    {
                        refused = Said.Of("import.archive-disk", [.. ImportSentences.Big(free), .. ImportSentences.Big(budget.MinFreeBytes)]);
                    }
                    else
                    {
                        nextSpaceCheck = expanded >= nextSpaceCheck ? expanded + FreeSpaceCheckBytes : nextSpaceCheck;
                        output.Write(buffer, 0, n);
                    }
                }

                if (refused is not null)
                {
                    break;
                }
            }
        }
        catch (InvalidDataException e)
        {
            refused = Said.Of("import.archive-unreadable", e.Message);
        }

        if (refused is not null)
        {
            Problems.Add(new ImportProblem(name, 0, refused, ImportProblemKind.File));
            foreach (var done in extracted)
            {
                File.Delete(done.Path);
            }

            // What the refused archive wrote is deleted: it no longer counts against the budget.
            expanded = refused.Key == "import.archive-bytes" ? budget.MaxExpandedBytes + 1 : expandedBefore;
            return;
        }

        if (extracted.Count == 0)
        {
            Problems.Add(new ImportProblem(name, 0, Said.Of("import.archive-empty"), ImportProblemKind.File));
        }

        Files.AddRange(extracted);
    }

    private long? FreeSpace()
    {
        try
        {
            return new DriveInfo(tempFolder ?? System.IO.Path.GetTempPath()).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (tempFolder is not null && Directory.Exists(tempFolder))
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }
}
