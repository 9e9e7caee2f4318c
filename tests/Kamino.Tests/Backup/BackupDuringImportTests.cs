using Kamino.Backup;
using Kamino.Tests.Reliability;
using Xunit.Abstractions;

namespace Kamino.Tests.Backup;

/// <summary>
/// A backup taken while a real <c>kamino import</c> process writes (issue 19 item 5) holds the database before the
/// import or after it, never part of it: its rows per table are one state or the other, and <c>kamino check</c> finds
/// revenue per day equal to the lines in it.
/// </summary>
[Trait("Category", "Slow")]
public sealed class BackupDuringImportTests(ITestOutputHelper output)
{
    private static readonly string[] Tables = ["customer", "import", "sale_day", "sale_line"];

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Backups_DuringARunningImport_HoldTheStateBeforeOrAfterIt(Engine engine)
    {
        using var folder = new TempFolder();
        var target = engine == Engine.Sqlite ? Path.Combine(folder.Path, "live.db") : await (await PostgresCluster.Shared).CreateDatabaseAsync();
        var baseline = await ReliabilityFiles.Baseline;
        var big = await ReliabilityFiles.Big;
        Assert.Equal(0, (await ReliabilityFiles.ImportAsync(target, baseline.Path)).ExitCode);
        var database = new KaminoDatabase(target);
        var extension = engine == Engine.Sqlite ? ".db" : ".dump";
        var before = Rows((await Backups.TakeAsync(database, Path.Combine(folder.Path, "before" + extension), Backups.CommandLine, "test", TimeProvider.System)).Check);

        var copies = new List<(string File, CopyCheck Check, bool WhileRunning)>();
        using (var import = KaminoProcess.Start("import", big.Path, "--db", target, "--workspace", "w"))
        {
            var n = 0;
            while (!import.HasExited)
            {
                var file = Path.Combine(folder.Path, $"during-{n++}{extension}");
                var outcome = await Backups.TakeAsync(database, file, Backups.CommandLine, "test", TimeProvider.System);
                copies.Add((file, outcome.Check, !import.HasExited));
                Assert.True(outcome.Ok, outcome.Check.Problem);
            }

            Assert.Equal(0, (await import.WaitAsync(TimeSpan.FromMinutes(2))).ExitCode);
        }

        var after = Rows((await Backups.TakeAsync(database, Path.Combine(folder.Path, "after" + extension), Backups.CommandLine, "test", TimeProvider.System)).Check);
        Assert.NotEqual(before["sale_line"], after["sale_line"]);
        Assert.Contains(copies, c => c.WhileRunning);
        foreach (var (file, check, _) in copies)
        {
            var rows = Rows(check);
            Assert.True(Same(rows, before) || Same(rows, after), $"{Path.GetFileName(file)} holds part of the import: {string.Join(", ", rows.Select(r => $"{r.Key} {r.Value}"))}");
            if (engine == Engine.Sqlite)
            {
                var checkRun = await KaminoProcess.RunAsync("check", "--db", file);
                Assert.True(checkRun.ExitCode == 0, checkRun.ToString());
            }
        }

        output.WriteLine($"{copies.Count} copies during the import: {copies.Count(c => Same(Rows(c.Check), before))} before it, {copies.Count(c => Same(Rows(c.Check), after))} after it");
    }

    private static Dictionary<string, long> Rows(CopyCheck check) =>
        Tables.ToDictionary(t => t, t => check.Tables.Single(x => x.Table == t).Rows);

    private static bool Same(Dictionary<string, long> a, Dictionary<string, long> b) => Tables.All(t => a[t] == b[t]);
}
