using System.IO.Compression;
using Kamino.Import;

namespace Kamino.Host.Tests.Cli;

/// <summary>
/// Issue 10 items 6, 12 and 17 through the command line: control characters of the data never reach the
/// terminal raw, read commands refuse a database that does not exist (and create nothing), workspace slugs follow
/// one rule, devices are not read as files, and the archives of one import share one budget.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CliSafetyTests : CliDatabaseTests
{
    private const string Hostile = "Evil\u001b]0;pwned\u0007 Co\u001b[2J";

    protected override async Task SeedAsync(KaminoDatabase database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
        await using var db = database.CreateDbContext();
        // Stored as an older import or another path could have left it: the terminal must still be safe.
        await db.Customers.Where(c => c.Key == "C1").ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, Hostile));
    }

    private static void NoRawControl(string output) =>
        Assert.DoesNotContain(output, c => char.IsControl(c) && c is not '\n' and not '\r');

    [Theory]
    [InlineData("accounts", "pareto")]
    [InlineData("accounts", "list")]
    [InlineData("accounts", "list", "--format", "csv")]
    public async Task Accounts_CustomerNamedWithEscapeSequences_PrintedWithoutRawControlCharacters(params string[] command)
    {
        var (exit, output, error) = await RunAsync(command);

        Assert.Equal((0, ""), (exit, error));
        NoRawControl(output);
        Assert.Contains(@"Evil\x1B]0;pwned\x07 Co\x1B[2J", output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_Json_KeepsTheExactName_Escaped()
    {
        var (exit, output, _) = await RunAsync("accounts", "list", "--format", "json");

        Assert.Equal(0, exit);
        NoRawControl(output);
        Assert.Contains(@"Evil\u001B]0;pwned\u0007 Co\u001B[2J", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("accounts", "list")]
    [InlineData("accounts", "pareto")]
    [InlineData("imports", "list")]
    [InlineData("workspace", "show")]
    public async Task ReadCommand_MistypedDbPath_RefusedNamingIt_AndCreatesNothing(params string[] command)
    {
        var missing = Path.Combine(Dir, "typo", "deeper", "kamino.db");

        var (exit, _, error) = await CliRunner.RunAsync([.. command, "--db", missing, "--workspace", "acme"]);

        Assert.Equal(1, exit);
        Assert.Contains($"no database at {missing}", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Dir, "typo")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ReadCommand_DatabaseInAFolderTheUserMayOnlyRead_IsRead()
    {
        // The real executable: as root, permissions stop no write, so there it runs as nobody.
        var folder = Path.Combine(Dir, "ro");
        var db = Path.Combine(folder, "k.db");
        var csv = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.Equal(0, (await CliRunner.RunAsync("import", csv, "--db", db, "--workspace", "acme")).Exit);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // The import leaves the database and its migration lock file (Data/MigrationLock); the read must add nothing.
        var before = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("k.db", before);
        File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Dir, File.GetUnixFileMode(folder));
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var kamino = Path.Combine(RepoPaths.Root, "src", "Kamino.Host", "bin", tfm.Parent!.Name, tfm.Name, "kamino");
        var start = Environment.UserName == "root"
            ? new System.Diagnostics.ProcessStartInfo("runuser") { ArgumentList = { "-u", "nobody", "--", kamino } }
            : new System.Diagnostics.ProcessStartInfo(kamino);
        foreach (var arg in new[] { "accounts", "list", "--format", "csv", "--db", db, "--workspace", "acme" })
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.Environment["HOME"] = "/tmp";
        start.Environment.Remove("KAMINO_DB");
        var open = File.GetUnixFileMode(Path.GetTempPath());
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.SetUnixFileMode(Dir, open & ~UnixFileMode.StickyBit);
        File.SetUnixFileMode(folder, open & ~UnixFileMode.StickyBit);

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("C2", await output, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_NewDbPath_StillCreatesTheDatabase()
    {
        var fresh = Path.Combine(Dir, "new", "kamino.db");
        var csv = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");

        var (exit, _, error) = await CliRunner.RunAsync("import", csv, "--db", fresh, "--workspace", "acme");

        Assert.Equal((0, ""), (exit, error));
        Assert.True(File.Exists(fresh));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme\n")]
    public async Task Command_InvalidWorkspaceSlug_IsAUsageError(string slug)
    {
        var csv = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");

        var (exit, _, _) = await CliRunner.RunAsync("import", csv, "--db", Db, "--workspace", slug);

        Assert.Equal(2, exit);
        await using var db = Database.CreateDbContext();
        Assert.Equal(["acme"], await db.Workspaces.Select(w => w.Slug).ToListAsync());
    }

    [Fact]
    public async Task Command_FiveThousandCharacterSlug_IsAUsageError()
    {
        var (exit, _, _) = await CliRunner.RunAsync("workspace", "set", "--tax-id", "B12345674", "--db", Db, "--workspace", new string('a', 5000));

        Assert.Equal(2, exit);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("import")]
    public async Task ReadingADevice_IsRefused_NotReadForever(string command)
    {
        string[] args = command == "import" ? ["import", "/dev/zero", "--db", Db, "--workspace", "acme"] : ["analyze", "/dev/zero"];

        var (exit, _, error) = await CliRunner.RunAsync(args);

        Assert.NotEqual(0, exit);
        Assert.Contains("zero: not a regular file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TwoArchivesOverTheEntryBudgetTogether_SecondRejected()
    {
        // 6,000 entries each: under the 10,000 of a request alone, over it together.
        var zips = new[] { "a.zip", "b.zip" }.Select(name =>
        {
            var path = Path.Combine(Dir, name);
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            for (var i = 0; i < 6_000; i++)
            {
                zip.CreateEntry($"pad/{i}.txt");
            }

            using (var writer = new StreamWriter(zip.CreateEntry("sales.csv").Open()))
            {
                writer.Write($"date,customer,amount\n2024-01-01,{name},1\n");
            }

            return path;
        }).ToArray();

        var (exit, _, error) = await CliRunner.RunAsync("import", zips[0], zips[1], "--db", Db, "--workspace", "acme", "--dry-run");

        Assert.Equal(3, exit);
        Assert.Contains("b.zip: the archives of this import hold more than 10,000 entries together", error, StringComparison.Ordinal);
        Assert.DoesNotContain("a.zip:", error, StringComparison.Ordinal);
    }
}
