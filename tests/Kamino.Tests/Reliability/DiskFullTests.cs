using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Kamino.Tests.Reliability;

/// <summary>
/// SECURITY.md §1.4 R3 on SQLite: the disk fills up during an import. The database lives on its own small
/// tmpfs. (<c>PRAGMA max_page_count</c> cannot stand in for it: it holds for one connection only and is back
/// at the default when the CLI opens the file, see <see cref="Max_page_count_does_not_persist_so_a_tmpfs_is_needed"/>.)
/// Mounting needs root, which CI has; elsewhere the test fails saying so, it does not skip.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DiskFullTests
{
    [Fact]
    public async Task R3_disk_full_fails_with_a_clear_message_leaves_the_database_unchanged_and_a_retry_after_freeing_space_succeeds()
    {
        Assert.True(Environment.UserName == "root",
            "R3 mounts a 3 MiB tmpfs for the database and needs root (CI runs as root); run the tests as root or in the CI container.");
        using var folder = new TempFolder();
        var disk = Path.Combine(folder.Path, "disk");
        Directory.CreateDirectory(disk);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=3m", "kamino-r3", disk);
        try
        {
            var baseline = await ReliabilityFiles.Baseline;
            var medium = await ReliabilityFiles.Medium;
            var db = Path.Combine(disk, "x.db");
            await ReliabilityFiles.ImportAsync(db, baseline.Path);
            var before = await ImportState.ReadAsync(db);

            var run = await KaminoProcess.RunAsync("import", medium.Path, "--db", db, "--workspace", "w");
            Assert.True(run.ExitCode != 0, $"the import into a full disk succeeded: {run}");
            Assert.Contains("full", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("nothing of it was written", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
            Assert.Equal("ok", await ImportState.SqliteIntegrityAsync(db));
            Assert.Equal(before, await ImportState.ReadAsync(db));

            // Free space (a bigger disk), then the same command succeeds.
            await RunAsync("mount", "-o", "remount,size=64m", disk);
            await ReliabilityFiles.ImportAsync(db, medium.Path);
            var after = await ImportState.ReadAsync(db);
            Assert.Equal(before.SaleLines + medium.Summary.Lines, after.SaleLines);
            Assert.Equal(before.Imports + 1, after.Imports);
            Assert.Equal("ok", await ImportState.SqliteIntegrityAsync(db));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", "-l", disk);
        }
    }

    [Fact]
    public async Task Max_page_count_does_not_persist_so_a_tmpfs_is_needed()
    {
        using var folder = new TempFolder();
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.Path, "p.db"), Pooling = false }.ToString();
        await using (var first = new SqliteConnection(cs))
        {
            await first.OpenAsync();
            await using var set = first.CreateCommand();
            set.CommandText = "CREATE TABLE t (x); PRAGMA max_page_count = 10; PRAGMA max_page_count";
            Assert.Equal(10L, (long)(await set.ExecuteScalarAsync())!);
        }

        await using var second = new SqliteConnection(cs);
        await second.OpenAsync();
        await using var get = second.CreateCommand();
        get.CommandText = "PRAGMA max_page_count";
        Assert.True((long)(await get.ExecuteScalarAsync())! > 10);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: exit {process.ExitCode}: {await error}");
    }
}
