namespace Kamino.Tests.Reliability;

/// <summary>SECURITY.md §1.4 R5: the same file twice, and two CLI processes importing at the same time.</summary>
[Trait("Category", "Slow")]
public sealed class RepeatedAndConcurrentImportTests
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task R5_the_same_file_imported_twice_adds_nothing_the_second_time(Engine engine)
    {
        using var folder = new TempFolder();
        var db = await BaselineDatabaseAsync(engine, folder);
        var medium = await ReliabilityFiles.Medium;
        await ReliabilityFiles.ImportAsync(db, medium.Path);
        var once = await ImportState.ReadAsync(db);

        var second = await ReliabilityFiles.ImportAsync(db, medium.Path);
        Assert.Contains("\"linesAdded\": 0", second.Stdout, StringComparison.Ordinal);
        var twice = await ImportState.ReadAsync(db);
        Assert.Equal(once.SaleLines, twice.SaleLines);
        Assert.Equal(once.NetCents, twice.NetCents);
        Assert.Equal(once.Customers, twice.Customers);
        Assert.Equal(once.LinesAddedInImportRows, twice.LinesAddedInImportRows);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task R5_two_processes_importing_different_files_at_once_both_complete_and_the_totals_add_up(Engine engine)
    {
        using var folder = new TempFolder();
        var db = await BaselineDatabaseAsync(engine, folder);
        var big = await ReliabilityFiles.Big;
        var big2 = await ReliabilityFiles.Big2;
        var before = await ImportState.ReadAsync(db);

        var runs = await ImportAtOnceAsync(db, big.Path, big2.Path);
        foreach (var run in runs)
        {
            Assert.True(run.ExitCode == 0, $"a concurrent import failed: {run}");
            Assert.DoesNotContain("locked", run.Stderr, StringComparison.OrdinalIgnoreCase);
        }

        var after = await ImportState.ReadAsync(db);
        Assert.Equal(before.SaleLines + big.Summary.Lines + big2.Summary.Lines, after.SaleLines);
        Assert.Equal(before.Imports + 2, after.Imports);
        Assert.Equal(before.LinesAddedInImportRows + big.Summary.Lines + big2.Summary.Lines, after.LinesAddedInImportRows);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task R5_two_processes_importing_the_same_file_at_once_store_it_once(Engine engine)
    {
        using var folder = new TempFolder();
        var db = await BaselineDatabaseAsync(engine, folder);
        var medium = await ReliabilityFiles.Medium;
        var before = await ImportState.ReadAsync(db);

        var runs = await ImportAtOnceAsync(db, medium.Path, medium.Path);
        Assert.All(runs, run => Assert.True(run.ExitCode == 0, $"a concurrent import failed: {run}"));

        var after = await ImportState.ReadAsync(db);
        Assert.Equal(before.SaleLines + medium.Summary.Lines, after.SaleLines);
        Assert.Equal(before.LinesAddedInImportRows + medium.Summary.Lines, after.LinesAddedInImportRows);
    }

    /// <summary>A new database of the engine (a file in <paramref name="folder"/> or one of the test run's cluster) holding the baseline file.</summary>
    private static async Task<string> BaselineDatabaseAsync(Engine engine, TempFolder folder)
    {
        var db = engine switch
        {
            Engine.Sqlite => Path.Combine(folder.Path, "x.db"),
            Engine.Postgres => await (await PostgresCluster.Shared).CreateDatabaseAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(engine)),
        };
        await ReliabilityFiles.ImportAsync(db, (await ReliabilityFiles.Baseline).Path);
        return db;
    }

    /// <summary><c>kamino import</c> of the two files into <paramref name="db"/>, as two processes started at once.</summary>
    private static async Task<CliRun[]> ImportAtOnceAsync(string db, string firstFile, string secondFile)
    {
        using var first = KaminoProcess.Start("import", firstFile, "--db", db, "--workspace", "w");
        using var second = KaminoProcess.Start("import", secondFile, "--db", db, "--workspace", "w");
        return await Task.WhenAll(first.WaitAsync(TimeSpan.FromSeconds(90)), second.WaitAsync(TimeSpan.FromSeconds(90)));
    }
}
