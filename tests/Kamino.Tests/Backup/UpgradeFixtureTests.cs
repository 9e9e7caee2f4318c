using System.Globalization;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Kamino.Tests.Backup;

/// <summary>
/// Upgrades that never lose data (issue 19 item 3): the databases that earlier versions of Kamino wrote
/// (<c>tests/fixtures/upgrade/*</c>, made by its <c>make.sh</c> from tagged commits, on SQLite and PostgreSQL) are
/// migrated to the current schema by the real <c>kamino</c>, and the Pareto figures it prints afterwards are the ones
/// the old version printed. <c>migrate --dry-run</c> lists the pending migrations and changes nothing; a migration killed
/// with SIGKILL part-way leaves a database the next <c>kamino migrate</c> finishes.
/// </summary>
[Trait("Category", "Slow")]
public sealed class UpgradeFixtureTests(ITestOutputHelper output)
{
    private static string FixturesFolder => Path.Combine(RepoPaths.Root, "tests", "fixtures", "upgrade");

    public static TheoryData<string, Engine> Fixtures()
    {
        var data = new TheoryData<string, Engine>();
        foreach (var dir in Directory.GetDirectories(FixturesFolder).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir), Engine.Sqlite);
            data.Add(Path.GetFileName(dir), Engine.Postgres);
        }

        return data;
    }

    [Fact]
    public void Fixtures_AtLeastThreeVersions_EachSmall()
    {
        var dirs = Directory.GetDirectories(FixturesFolder);
        Assert.True(dirs.Length >= 3, "three or more earlier schema versions are kept");
        foreach (var file in dirs.SelectMany(Directory.GetFiles))
        {
            Assert.True(new FileInfo(file).Length < 1024 * 1024, $"{file} is over 1 MB");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_MigratedToTheCurrentSchema_KeepsItsFigures(string fixture, Engine engine)
    {
        using var folder = new TempFolder();
        var target = await PrepareAsync(fixture, engine, folder);

        var dry = await KaminoProcess.RunAsync("migrate", "--dry-run", "--db", target);
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("nothing applied (dry run)", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("_Backups", dry.Stdout, StringComparison.Ordinal);
        var dryAgain = await KaminoProcess.RunAsync("migrate", "--dry-run", "--db", target);
        Assert.Equal(dry.Stdout, dryAgain.Stdout);

        var migrate = await KaminoProcess.RunAsync(TimeSpan.FromMinutes(2), "migrate", "--db", target);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains("applied", migrate.Stdout, StringComparison.Ordinal);
        var after = await KaminoProcess.RunAsync("migrate", "--dry-run", "--db", target);
        Assert.Contains("up to date", after.Stdout, StringComparison.Ordinal);

        await AssertFiguresAsync(fixture, target);
    }

    [Fact]
    public async Task Migration_KilledPartWay_TheNextMigrateFinishesAndTheFiguresHold()
    {
        using var folder = new TempFolder();
        var delays = new[] { 150, 300, 450, 600, 800, 1000 };
        foreach (var delay in delays)
        {
            var target = await PrepareAsync("v1-workspace-counter", Engine.Sqlite, folder, $"k{delay}.db");
            using (var migrate = KaminoProcess.Start("migrate", "--db", target))
            {
                await Task.Delay(delay);
                var killed = await migrate.KillAsync();
                output.WriteLine($"kill after {delay} ms: {(killed ? "killed" : "had ended")}");
            }

            var again = await KaminoProcess.RunAsync(TimeSpan.FromSeconds(90), "migrate", "--db", target);
            Assert.True(again.ExitCode == 0, again.ToString());
            await AssertFiguresAsync("v1-workspace-counter", target);
        }
    }

    /// <summary>A working copy of the fixture: the SQLite file copied, or the dump loaded into a new PostgreSQL database.</summary>
    private static async Task<string> PrepareAsync(string fixture, Engine engine, TempFolder folder, string name = "kamino.db")
    {
        var source = Path.Combine(FixturesFolder, fixture);
        if (engine == Engine.Sqlite)
        {
            var file = Path.Combine(folder.Path, name);
            File.Copy(Path.Combine(source, "kamino.db"), file);
            return file;
        }

        var cluster = await PostgresCluster.Shared;
        var target = await cluster.CreateDatabaseAsync();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(target).Database!;
        var psql = new ProcessStartInfo(Path.Combine(cluster.BinDirectory, "psql"))
        {
            ArgumentList = { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-f", Path.Combine(source, "postgres.sql") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psql)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return target;
    }

    /// <summary>The current kamino's Pareto report of the whole history equals the one the old version recorded.</summary>
    private static async Task AssertFiguresAsync(string fixture, string target)
    {
        var run = await KaminoProcess.RunAsync("accounts", "pareto", "--all", "--workspace", "fixture", "--format", "json", "--db", target);
        Assert.True(run.ExitCode == 0, run.ToString());
        var now = JsonNode.Parse(run.Stdout)!.AsObject();
        var then = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FixturesFolder, fixture, "figures.json")))!.AsObject();
        foreach (var key in new[] { "period", "currency", "totalRevenue", "customerCount", "paretoCount", "paretoCustomerShare", "paretoRevenueShare", "classes", "classRevenue", "concentration" })
        {
            Assert.True(JsonNode.DeepEquals(then[key], now[key]), $"{key}: {then[key]?.ToJsonString()} before, {now[key]?.ToJsonString()} after");
        }

        var before = then["customers"]!.AsArray();
        var after = now["customers"]!.AsArray();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            foreach (var key in new[] { "rank", "customerId", "name", "revenue", "class" })
            {
                Assert.True(JsonNode.DeepEquals(before[i]![key], after[i]![key]), $"customer {i}, {key}: {before[i]![key]} before, {after[i]![key]} after");
            }
        }

        var check = await KaminoProcess.RunAsync("check", "--db", target);
        Assert.True(check.ExitCode == 0, check.ToString());
    }
}
