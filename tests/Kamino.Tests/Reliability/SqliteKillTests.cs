using System.Text.Json;
using Xunit.Abstractions;

namespace Kamino.Tests.Reliability;

/// <summary>SECURITY.md §1.4 R1 and R7 on SQLite: kill -9 the CLI during an import.</summary>
[Trait("Category", "Slow")]
public sealed class SqliteKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task R1_kill9_at_10_seeded_points_leaves_the_baseline_or_the_whole_file_and_a_rerun_completes()
    {
        using var folder = new TempFolder();
        var baseline = await ReliabilityFiles.Baseline;
        var big = await ReliabilityFiles.Big;
        var template = Path.Combine(folder.Path, "template.db");
        await ReliabilityFiles.ImportAsync(template, baseline.Path);
        Assert.Equal("ok", await ImportState.SqliteIntegrityAsync(template));

        await KillSeries.RunAsync(
            name => Task.FromResult(ImportState.CopySqlite(template, Path.Combine(folder.Path, name + ".db"))),
            async db =>
            {
                var wal = File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0;
                Assert.Equal("ok", await ImportState.SqliteIntegrityAsync(db));
                return wal;
            },
            big.Path,
            ReliabilityFiles.KillFileLines,
            KillSeries.Spread(10, 0.25, 1.05, seed: 1),
            output);
    }

    [Fact]
    public async Task R7_after_kill9_mid_import_the_cli_opens_the_database_recovers_the_wal_and_answers()
    {
        using var folder = new TempFolder();
        var baseline = await ReliabilityFiles.Baseline;
        var big = await ReliabilityFiles.Big;
        var db = Path.Combine(folder.Path, "x.db");
        await ReliabilityFiles.ImportAsync(db, baseline.Path);
        var before = await ImportState.ReadAsync(db);
        var answerBefore = await ParetoAsync(db);

        // Kill once the transaction has written over 1 MiB to the -wal: certainly mid-import, before COMMIT.
        var wal = db + "-wal";
        using (var import = KaminoProcess.Start("import", big.Path, "--db", db, "--workspace", "w"))
        {
            while (!File.Exists(wal) || new FileInfo(wal).Length < 1024 * 1024)
            {
                Assert.True(import.Elapsed < TimeSpan.FromSeconds(60), "the import wrote no 1 MiB of -wal within 60 s");
                var early = await Task.WhenAny(Task.Delay(10), import.WaitAsync(TimeSpan.FromSeconds(90)));
                Assert.False(early is Task<CliRun>, "the import ended before it could be killed mid-transaction");
            }

            Assert.True(await import.KillAsync());
        }

        Assert.True(new FileInfo(wal).Length >= 1024 * 1024, "the killed import left its -wal");

        // The first thing to open the database after the crash is the application itself.
        var answer = await ParetoAsync(db);
        Assert.Equal(answerBefore.GetProperty("totalRevenue").GetDecimal(), answer.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(answerBefore.GetProperty("customerCount").GetInt32(), answer.GetProperty("customerCount").GetInt32());
        Assert.Equal("ok", await ImportState.SqliteIntegrityAsync(db));
        Assert.Equal(before, await ImportState.ReadAsync(db));
    }

    private static async Task<JsonElement> ParetoAsync(string db)
    {
        var run = await KaminoProcess.RunAsync("accounts", "pareto", "--workspace", "w", "--db", db, "--format", "json");
        Assert.True(run.ExitCode == 0, $"accounts pareto failed: {run}");
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.Clone();
    }
}
