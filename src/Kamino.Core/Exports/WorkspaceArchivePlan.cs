using System.Security.Cryptography;
using Kamino.Data;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kamino.Exports;

/// <summary>One record of an archive file: its number (the header is record 1) and fields (null: an unquoted empty field).</summary>
internal sealed record ArchiveRow(long Number, string?[] Fields);

/// <summary>A file the manifest lists, with the columns its header names once it has been checked.</summary>
internal sealed class PlannedFile(ArchiveFile entry, IReadOnlyDictionary<string, ArchiveColumn?> expected)
{
    public ArchiveFile Entry { get; } = entry;

    public string File => Entry.File;

    /// <summary>The columns this file may have, by name (null: a column of user.csv, which maps to no property).</summary>
    public IReadOnlyDictionary<string, ArchiveColumn?> Expected { get; } = expected;

    /// <summary>Field index by column name, from the header.</summary>
    public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

    /// <summary>The column of each field of the header.</summary>
    public ArchiveColumn?[] Columns { get; set; } = [];
}

/// <summary>How the files of a manifest map to the tables of the model; <see cref="Problems"/> lists what does not fit.</summary>
internal sealed class ArchivePlan
{
    private readonly Dictionary<string, PlannedFile> byTable = new(StringComparer.Ordinal);

    public ArchivePlan(KaminoDb db, IReadOnlyList<ArchiveTable> tables, ArchiveManifest manifest)
    {
        var known = new Dictionary<string, (string File, IReadOnlyDictionary<string, ArchiveColumn?> Columns)>(StringComparer.Ordinal)
        {
            ["workspace"] = (WorkspaceArchiveTables.WorkspaceFile, WorkspaceArchiveTables.WorkspaceColumns(db).ToDictionary(c => c.Name, c => (ArchiveColumn?)c, StringComparer.Ordinal)),
            ["user"] = (WorkspaceArchiveTables.UserFile, WorkspaceArchiveTables.UserColumns.ToDictionary(c => c, _ => (ArchiveColumn?)null, StringComparer.Ordinal)),
        };
        foreach (var t in tables)
        {
            known[t.Name] = (t.File, t.Columns.ToDictionary(c => c.Name, c => (ArchiveColumn?)c, StringComparer.Ordinal));
        }

        foreach (var entry in manifest.Files)
        {
            if (entry?.Table is null || !known.TryGetValue(entry.Table, out var k) || entry.File != k.File)
            {
                Problems.Add($"{ArchiveManifest.FileName}: '{entry?.File}' is not a table this Kamino knows (a newer version's export, or not Kamino's)");
            }
            else if (!byTable.TryAdd(entry.Table, new PlannedFile(entry, k.Columns)))
            {
                Problems.Add($"{ArchiveManifest.FileName}: {entry.File} is listed twice");
            }
        }

        foreach (var required in new[] { "workspace", "user" })
        {
            if (!byTable.ContainsKey(required))
            {
                Problems.Add($"{ArchiveManifest.FileName}: {known[required].File} is not listed");
            }
        }
    }

    public List<string> Problems { get; } = [];

    public IEnumerable<PlannedFile> Files => byTable.Values;

    public PlannedFile? FileOf(string table) => byTable.GetValueOrDefault(table);

    /// <summary>Sets <paramref name="entity"/>'s properties from <paramref name="row"/> (the columns <paramref name="which"/> accepts), mapping user ids.</summary>
    public static void Apply(PlannedFile file, ArchiveRow row, object entity, Func<ArchiveColumn, bool> which, IReadOnlyDictionary<string, string>? users = null)
    {
        for (var i = 0; i < file.Columns.Length; i++)
        {
            if (file.Columns[i] is not { } c || !which(c))
            {
                continue;
            }

            var text = row.Fields[i];
            object? value;
            try
            {
                value = WorkspaceArchiveTables.Parse(text, c.Type);
            }
            catch (FormatException e)
            {
                throw new ArchiveRowException($"{file.File}:{row.Number}: {c.Name}: {e.Message}");
            }
            catch (OverflowException e)
            {
                throw new ArchiveRowException($"{file.File}:{row.Number}: {c.Name}: {e.Message}");
            }

            if (value is null && !c.IsNullable)
            {
                throw new ArchiveRowException($"{file.File}:{row.Number}: {c.Name} must have a value");
            }

            if (c.IsUser && value is string id && users is not null)
            {
                value = users.TryGetValue(id, out var mapped) ? mapped
                    : throw new ArchiveRowException($"{file.File}:{row.Number}: {c.Name} names user '{id}', who is not in {WorkspaceArchiveTables.UserFile}");
            }

            Set(c.Property, entity, value);
        }
    }

    public static void Set(IProperty property, object entity, object? value)
    {
        if (property.PropertyInfo is { CanWrite: true } p)
        {
            p.SetValue(entity, value);
        }
        else
        {
            property.FieldInfo!.SetValue(entity, value);
        }
    }
}

/// <summary>Reads an archive file: the check against the manifest before anything is written, and its rows afterwards.</summary>
internal static class ArchiveFileCheck
{
    /// <summary>Problems of one file: missing, header, field counts, row count, SHA-256. Fills the file's header columns.</summary>
    public static Task<List<string>> VerifyAsync(Func<string, Stream?> open, PlannedFile file, CancellationToken ct)
    {
        var problems = new List<string>();
        using var stream = open(file.File);
        if (stream is null)
        {
            problems.Add($"{file.File} is missing");
            return Task.FromResult(problems);
        }

        using var sha = SHA256.Create();
        long rows = -1;
        try
        {
            using (var hashing = new CryptoStream(stream, sha, CryptoStreamMode.Read, leaveOpen: true))
            using (var reader = new StreamReader(hashing, ArchiveCsv.Utf8, detectEncodingFromByteOrderMarks: false, 1 << 16))
            {
                foreach (var record in ArchiveCsv.Records(reader))
                {
                    ct.ThrowIfCancellationRequested();
                    if (rows < 0 && !Header(file, record, problems))
                    {
                        return Task.FromResult(problems);
                    }

                    if (record.Length != file.Columns.Length)
                    {
                        problems.Add($"{file.File}:{rows + 2}: {record.Length} fields, the header has {file.Columns.Length}");
                        return Task.FromResult(problems);
                    }

                    rows++;
                }

                reader.ReadToEnd();
            }
        }
        catch (Exception e) when (e is FormatException or System.Text.DecoderFallbackException or IOException or InvalidDataException)
        {
            problems.Add($"{file.File}: {e.Message}");
            return Task.FromResult(problems);
        }

        var hash = Convert.ToHexStringLower(sha.Hash!);
        if (!string.Equals(hash, file.Entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{file.File}: SHA-256 {hash} is not the manifest's {file.Entry.Sha256}: the file was changed or damaged");
        }
        else if (Math.Max(rows, 0) != file.Entry.Rows)
        {
            problems.Add($"{file.File}: {Math.Max(rows, 0)} rows, the manifest says {file.Entry.Rows}");
        }

        return Task.FromResult(problems);
    }

    /// <summary>The rows of a verified file (without its header).</summary>
    public static async IAsyncEnumerable<ArchiveRow> ReadAsync(Func<string, Stream?> open, PlannedFile file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = open(file.File) ?? throw new ArchiveRowException($"{file.File} is missing");
        using var reader = new StreamReader(stream, ArchiveCsv.Utf8, detectEncodingFromByteOrderMarks: false, 1 << 16);
        long number = 0;
        foreach (var record in ArchiveCsv.Records(reader))
        {
            ct.ThrowIfCancellationRequested();
            if (++number > 1)
            {
                yield return new ArchiveRow(number, record);
            }
        }
    }

    private static bool Header(PlannedFile file, string?[] header, List<string> problems)
    {
        file.Index.Clear();
        var columns = new ArchiveColumn?[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i] ?? "";
            if (!file.Expected.TryGetValue(name, out var column))
            {
                problems.Add($"{file.File}: column '{name}' is not a column of {file.Entry.Table}");
            }
            else if (!file.Index.TryAdd(name, i))
            {
                problems.Add($"{file.File}: column '{name}' appears twice");
            }
            else
            {
                columns[i] = column;
            }
        }

        file.Columns = columns;
        return problems.Count == 0;
    }
}
