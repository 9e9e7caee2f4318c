namespace Kamino.Host.Tests.Import;

/// <summary>
/// <c>kamino import</c> with <c>--keep-valid --rejects</c> and <c>--problems</c> (issue 17 item 5): the valid rows
/// stored, the rejected ones in the rejects file with their text, every problem in the problems file, the partial
/// import in <c>kamino imports list</c>; without <c>--keep-valid</c> the problems grouped on stderr, malformed first.
/// </summary>
public sealed class ImportKeepValidCommandTests : IDisposable
{
    private const string Sales = "invoice,line,date,customer,amount\nF-1,1,2024-01-10,C1,10.00\nF-1,2,2024-13-10,C2,20.00\nF-2,1,2024-01-11\nF-3,1,2024-01-12,C2,@SUM(1)\nF-4,1,2024-01-12,C2,5.00\n";

    private readonly string dir = Directory.CreateTempSubdirectory("kamino-keep-valid-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Import_KeepValid_StoresTheValidRows_WritesRejectsAndProblems_AndListsThePartialImport()
    {
        var db = Path.Combine(dir, "k.db");
        var file = Write("ventas.csv", Sales);
        var rejects = Path.Combine(dir, "rejects.csv");
        var problems = Path.Combine(dir, "problems.csv");

        var run = await CliRunner.RunAsync("import", file, "--db", db, "--workspace", "acme", "--keep-valid", "--rejects", rejects, "--problems", problems, "--format", "json");

        Assert.Equal(0, run.Exit);
        var result = JsonDocument.Parse(run.Out).RootElement[0];
        Assert.Equal((2, 3, true), (result.GetProperty("linesAdded").GetInt32(), result.GetProperty("linesRejected").GetInt32(), result.GetProperty("imported").GetBoolean()));
        Assert.Contains($"3 rejected rows written to {rejects}", run.Error, StringComparison.Ordinal);
        string[] expected =
        [
            "file,line,kind,reason,row",
            "ventas.csv,3,BadValue,\"date '2024-13-10' is not a valid date (yyyy-mm-dd or mm/dd/yyyy, dialect en)\",\"F-1,2,2024-13-10,C2,20.00\"",
            "ventas.csv,4,Malformed,3 fields instead of 5,\"F-2,1,2024-01-11\"",
            "ventas.csv,5,BadValue,net amount '@SUM(1)' is not a number,\"F-3,1,2024-01-12,C2,@SUM(1)\"",
        ];
        Assert.Equal(expected, File.ReadAllLines(rejects));
        Assert.Equal(expected, File.ReadAllLines(problems));
        await using (var context = new KaminoDatabase(db).CreateDbContext())
        {
            Assert.Equal(1500, await context.SaleLines.SumAsync(s => s.NetCents));
        }

        var list = await CliRunner.RunAsync("imports", "list", "--db", db, "--workspace", "acme", "--format", "json");
        var record = JsonDocument.Parse(list.Out).RootElement[0];
        Assert.Equal((3, rejects), (record.GetProperty("linesRejected").GetInt32(), record.GetProperty("rejectsFile").GetString()));
    }

    [Fact]
    public async Task Import_WithoutKeepValid_ProblemsGroupedOnStderr_MalformedFirst_AndNoRejectsFile()
    {
        var db = Path.Combine(dir, "k.db");
        var file = Write("ventas.csv", Sales);

        var run = await CliRunner.RunAsync("import", file, "--db", db, "--workspace", "acme");

        Assert.Equal(3, run.Exit);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
        [
            "ventas.csv: 1 malformed row:",
            "ventas.csv:4: 3 fields instead of 5",
            "ventas.csv: 2 rows with a bad value:",
        ], lines[..3]);
        Assert.Equal("ventas.csv: rejected, nothing imported (3 problems)", lines[^1]);
    }

    [Fact]
    public async Task Import_RejectsWithoutKeepValid_IsAUsageError()
    {
        var run = await CliRunner.RunAsync("import", Write("v.csv", Sales), "--db", Path.Combine(dir, "k.db"), "--rejects", Path.Combine(dir, "r.csv"));

        Assert.Equal(2, run.Exit);
        Assert.False(File.Exists(Path.Combine(dir, "k.db")));
    }

    [Fact]
    public async Task Import_KeepValidButAFileLevelProblem_RejectsTheFileAndWritesNoRejects()
    {
        var db = Path.Combine(dir, "k.db");
        var good = Write("a.csv", "invoice,line,date,customer,amount,currency\nA-1,1,2024-01-10,C1,10.00,EUR\n");
        var mixed = Write("b.csv", "invoice,line,date,customer,amount,currency\nB-1,1,2024-01-10,C1,10.00,USD\nB-2,1,bad,C1,1.00,EUR\n");
        var rejects = Path.Combine(dir, "rejects.csv");
        Assert.Equal(0, (await CliRunner.RunAsync("import", good, "--db", db, "--workspace", "acme")).Exit);

        var run = await CliRunner.RunAsync("import", mixed, "--db", db, "--workspace", "acme", "--keep-valid", "--rejects", rejects);

        Assert.Equal(3, run.Exit);
        Assert.Contains("b.csv: 1 currency problem (lines without an exchange rate):", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(rejects));
        await using var context = new KaminoDatabase(db).CreateDbContext();
        Assert.Equal(1, await context.SaleLines.CountAsync());
    }
}
