using System.Globalization;
using System.IO.Compression;

namespace Kamino.Import;

/// <summary>One file to import: where its bytes are and the name used in messages and the history.</summary>
public sealed record ImportInput(string Path, string DisplayName);

/// <summary>
/// What <c>kamino import</c> was given, as a list of files: a file as is; a folder as every <c>.csv</c>, <c>.xlsx</c> and
/// <c>.xml</c> file under it, sorted by path; a <c>.zip</c> archive as its <c>.csv</c>/<c>.xlsx</c>/<c>.xml</c> entries,
/// copied into a fresh temporary folder under generated names (an entry's own path is only used in
/// messages, so "../" names cannot write anywhere). An archive past the limits is rejected whole. Dispose
/// deletes the temporary folder.
/// </summary>
public sealed class ImportInputs : IDisposable
{
    /// <summary>Most entries (of any kind) an archive may hold.</summary>
    public const int MaxZipEntries = 10_000;

    /// <summary>Most bytes all entries of one archive may expand to (2 GiB), counted while decompressing.</summary>
    public const long MaxZipBytes = 2L * 1024 * 1024 * 1024;

    private string? tempFolder;

    private ImportInputs()
    {
    }

    public List<ImportInput> Files { get; } = [];

    /// <summary>Inputs that cannot be read at all (missing, empty folder, bad or oversized archive).</summary>
    public List<ImportProblem> Problems { get; } = [];

    public static ImportInputs Expand(IEnumerable<string> paths, long maxZipBytes = MaxZipBytes, int maxZipEntries = MaxZipEntries)
    {
        var inputs = new ImportInputs();
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
                    inputs.Problems.Add(new ImportProblem(name, 0, "the folder holds no .csv, .xlsx or .xml file"));
                }

                inputs.Files.AddRange(found.Select(f => new ImportInput(f.Full, name + "/" + f.Relative)));
            }
            else if (!File.Exists(path))
            {
                inputs.Problems.Add(new ImportProblem(name, 0, "file not found"));
            }
            else if (IsZip(path) && !XlsxSalesReader.IsWorkbook(path))
            {
                inputs.AddArchive(path, name, maxZipBytes, maxZipEntries);
            }
            else
            {
                inputs.Files.Add(new ImportInput(System.IO.Path.GetFullPath(path), name));
            }
        }

        return inputs;
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

    private void AddArchive(string path, string name, long maxBytes, int maxEntries)
    {
        var extracted = new List<ImportInput>();
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > maxEntries)
            {
                Problems.Add(new ImportProblem(name, 0, string.Create(CultureInfo.InvariantCulture, $"the archive has more than {maxEntries} entries")));
                return;
            }

            long total = 0;
            var buffer = new byte[1 << 16];
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (entry.FullName.EndsWith('/') || !IsSalesFile(entry.FullName))
                {
                    continue;
                }

                tempFolder ??= Directory.CreateTempSubdirectory("kamino-import-").FullName;
                var target = System.IO.Path.Combine(tempFolder, string.Create(CultureInfo.InvariantCulture, $"{Files.Count + extracted.Count:D6}{System.IO.Path.GetExtension(entry.FullName).ToLowerInvariant()}"));
                using (var source = entry.Open())
                using (var output = File.Create(target))
                {
                    int n;
                    while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        // Counted as decompressed, never taken from the entry's declared size.
                        total += n;
                        if (total > maxBytes)
                        {
                            Problems.Add(new ImportProblem(name, 0, string.Create(CultureInfo.InvariantCulture, $"the archive expands to more than {maxBytes:N0} bytes; nothing of it was imported")));
                            output.Close();
                            foreach (var done in extracted)
                            {
                                File.Delete(done.Path);
                            }

                            File.Delete(target);
                            return;
                        }

                        output.Write(buffer, 0, n);
                    }
                }

                extracted.Add(new ImportInput(target, name + "/" + entry.FullName.Replace('\\', '/')));
            }
        }
        catch (InvalidDataException e)
        {
            Problems.Add(new ImportProblem(name, 0, "not a readable zip archive: " + e.Message));
            return;
        }

        if (extracted.Count == 0)
        {
            Problems.Add(new ImportProblem(name, 0, "the archive holds no .csv, .xlsx or .xml file"));
        }

        Files.AddRange(extracted);
    }

    public void Dispose()
    {
        if (tempFolder is not null && Directory.Exists(tempFolder))
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }
}
