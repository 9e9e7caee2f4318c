using Kamino.Analysis;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kamino.Tests.Reliability;

/// <summary>
/// Everything an import writes, summed: equal states mean the database holds the same data. An atomic import
/// leaves either the state before it or the state after a complete run, never anything in between. A CLI import
/// writes its audit entry in the same transaction (<see cref="ImportAudits"/>). Every read also checks that the
/// revenue per customer and day the analyses read (<c>sale_day</c>) equals the lines (<see cref="SaleDayCheck"/>):
/// after a kill, a full disk or concurrent imports, the aggregate and the lines are never out of step.
/// </summary>
public sealed record ImportState(int Workspaces, int Customers, int Imports, int SaleLines, long NetCents, long LinesAddedInImportRows, int ImportAudits)
{
    public static async Task<ImportState> ReadAsync(string target)
    {
        var database = new KaminoDatabase(target);
        try
        {
            await using var db = database.CreateDbContext();
            var check = await SaleDayCheck.RunAsync(db, null);
            Assert.True(check.Matches, $"sale_day differs from the lines on {check.DifferenceCount} days, first: {(check.Differences.Count > 0 ? check.Differences[0] : null)}");
            return new ImportState(
                await db.Workspaces.CountAsync(),
                await db.Customers.CountAsync(),
                await db.Imports.CountAsync(),
                await db.SaleLines.CountAsync(),
                await db.SaleLines.SumAsync(s => (long?)s.NetCents) ?? 0,
                await db.Imports.SumAsync(i => (long?)i.LinesAdded) ?? 0,
                await db.AuditEntries.CountAsync(a => a.Entity == "import" && a.Action == "import"));
        }
        finally
        {
            // Nothing of the test process may stay connected: files are copied and databases used as templates.
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary><c>PRAGMA integrity_check</c> on a SQLite file: "ok" when the file is sound.</summary>
    public static async Task<string> SqliteIntegrityAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>Copies a SQLite database that no process has open (no -wal left) to a new file.</summary>
    public static string CopySqlite(string template, string copy)
    {
        Assert.False(File.Exists(template + "-wal") && new FileInfo(template + "-wal").Length > 0, "the template still has a -wal: it is in use");
        File.Copy(template, copy, overwrite: true);
        return copy;
    }
}

/// <summary>The generated files of the reliability tests; document numbers of different files never meet.</summary>
public static class ReliabilityFiles
{
    /// <summary>Lines of the file the kill tests interrupt (about 1.5 s from process start to exit: the suite stays fast).</summary>
    public const int KillFileLines = 60_000;

    /// <summary>The earlier small import every test starts from (invoices of 2022–2024).</summary>
    public static Task<GeneratedSales> Baseline => SalesGenerator.GetAsync("--lines 1000 --customers 100 --seed 11");

    /// <summary>The big file (invoices of 2026).</summary>
    public static Task<GeneratedSales> Big => SalesGenerator.GetAsync($"--lines {KillFileLines} --customers 3000 --seed 12 --start-date 2026-01-01 --days 365");

    /// <summary>Another big file (invoices of 2027), for concurrent imports.</summary>
    public static Task<GeneratedSales> Big2 => SalesGenerator.GetAsync($"--lines {KillFileLines} --customers 3000 --seed 13 --start-date 2027-01-01 --days 365");

    /// <summary>A medium file (invoices of 2028).</summary>
    public static Task<GeneratedSales> Medium => SalesGenerator.GetAsync("--lines 30000 --customers 500 --seed 14 --start-date 2028-01-01 --days 365");

    /// <summary>Imports a file to the end and fails the test with the CLI's output when it did not succeed.</summary>
    public static async Task<CliRun> ImportAsync(string db, string file, string workspace = "w")
    {
        var run = await KaminoProcess.RunAsync(TimeSpan.FromSeconds(90), "import", file, "--db", db, "--workspace", workspace, "--format", "json");
        Assert.True(run.ExitCode == 0, $"import {Path.GetFileName(file)} failed: {run}");
        return run;
    }
}
