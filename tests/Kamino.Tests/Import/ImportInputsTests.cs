using System.IO.Compression;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>Files, folders and archives given to <c>kamino import</c>, with the archive limits.</summary>
public sealed class ImportInputsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Zip(string name, params (string Entry, string Content)[] entries)
    {
        var path = Path.Combine(folder.Path, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in entries)
        {
            using var w = new StreamWriter(archive.CreateEntry(entry).Open());
            w.Write(content);
        }

        return path;
    }

    [Fact]
    public void Expand_ZipBomb_RejectedWholeByDecompressedBytes()
    {
        // 5 MB of zeros compresses to a few KB: only counting while decompressing catches it.
        var zip = Zip("bomb.zip", ("a.csv", "date,customer,amount\n"), ("b.csv", new string('0', 5_000_000)));

        using var inputs = ImportInputs.Expand([zip], new ImportBudget(MaxExpandedBytes: 1_000_000));

        Assert.Empty(inputs.Files);
        Assert.Contains("expand to more than 1,000,000 bytes", Assert.Single(inputs.Problems).Reason, StringComparison.Ordinal);
        Assert.True(new FileInfo(zip).Length < 100_000);
    }

    [Fact]
    public void Expand_TooManyEntries_Rejected()
    {
        var zip = Zip("many.zip", [.. Enumerable.Range(0, 5).Select(i => ($"{i}.csv", "x"))]);

        using var inputs = ImportInputs.Expand([zip], new ImportBudget(MaxEntries: 4));

        Assert.Empty(inputs.Files);
        Assert.Contains("more than 4 entries", Assert.Single(inputs.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_ThreeArchives_ShareOneBudget_TheOneThatPassesItAndTheRestRejected()
    {
        // Each archive is under the budget alone (issue 10 item 6: three 611 KB zips wrote 1.89 GB).
        var zips = Enumerable.Range(1, 3).Select(i => Zip($"part{i}.zip", ($"s{i}.csv", new string('0', 400_000)))).ToList();

        using var inputs = ImportInputs.Expand(zips, new ImportBudget(MaxExpandedBytes: 1_000_000));

        Assert.Equal(["part1.zip/s1.csv", "part2.zip/s2.csv"], inputs.Files.Select(f => f.DisplayName));
        var problem = Assert.Single(inputs.Problems);
        Assert.Equal("part3.zip", problem.File);
        Assert.StartsWith("the archives of this import expand to more than 1,000,000 bytes together", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Path.GetDirectoryName(inputs.Files[0].Path)!).Length);
    }

    [Fact]
    public void Expand_TwoArchives_ShareOneEntryBudget()
    {
        var first = Zip("a.zip", [.. Enumerable.Range(0, 3).Select(i => ($"{i}.csv", "x"))]);
        var second = Zip("b.zip", [.. Enumerable.Range(0, 3).Select(i => ($"{i}.csv", "x"))]);

        using var inputs = ImportInputs.Expand([first, second], new ImportBudget(MaxEntries: 5));

        Assert.Equal(3, inputs.Files.Count);
        Assert.Equal(("b.zip", "the archives of this import hold more than 5 entries together; nothing of this archive was imported"), (Assert.Single(inputs.Problems).File, inputs.Problems[0].Reason));
    }

    [Fact]
    public void Expand_NotEnoughFreeDisk_RejectedBeforeFillingIt()
    {
        var zip = Zip("sales.zip", ("s.csv", "date,customer,amount\n2024-01-01,C1,1\n"));

        using var inputs = ImportInputs.Expand([zip], new ImportBudget(MinFreeBytes: long.MaxValue / 2));

        Assert.Empty(inputs.Files);
        Assert.StartsWith("not enough free disk space to expand the archive", Assert.Single(inputs.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_ZipSlipEntry_StaysInItsTemporaryFolderAndIsDeletedWithIt()
    {
        var zip = Zip("slip.zip", ("../../../../tmp/kamino-slip.csv", "a"), ("/etc/kamino-abs.xml", "b"));
        string[] paths;

        using (var inputs = ImportInputs.Expand([zip]))
        {
            paths = [.. inputs.Files.Select(f => f.Path)];
            Assert.Equal(["slip.zip/../../../../tmp/kamino-slip.csv", "slip.zip//etc/kamino-abs.xml"], inputs.Files.Select(f => f.DisplayName));
            var temp = Path.GetDirectoryName(paths[0])!;
            Assert.All(paths, p => Assert.Equal(temp, Path.GetDirectoryName(p)));
            Assert.StartsWith(Path.GetTempPath(), temp, StringComparison.Ordinal);
        }

        Assert.All(paths, p => Assert.False(File.Exists(p)));
        Assert.False(File.Exists("/tmp/kamino-slip.csv"));
    }

    [Fact]
    public void Expand_Folder_EveryCsvAndXmlSortedAndNothingElse()
    {
        var sub = Directory.CreateDirectory(Path.Combine(folder.Path, "in", "z")).FullName;
        folder.Write("in/b.XML", "x");
        folder.Write("in/a.csv", "x");
        folder.Write("in/readme.txt", "x");
        File.WriteAllText(Path.Combine(sub, "c.csv"), "x");

        using var inputs = ImportInputs.Expand([Path.Combine(folder.Path, "in")]);

        Assert.Equal(["in/a.csv", "in/b.XML", "in/z/c.csv"], inputs.Files.Select(f => f.DisplayName));
        Assert.Empty(inputs.Problems);
    }
}
