using Kamino.Workspaces;

namespace Kamino.Host.Tests.Backup;

/// <summary><c>kamino backup</c>, <c>restore</c> and <c>migrate --dry-run</c> as a user runs them (issue 19 items 1-3).</summary>
public sealed class BackupCliTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", Currency = "EUR", CreatedAt = TimeProvider.System.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Backup_WritesAVerifiedCopy_AndRestoreBringsItBack()
    {
        var copy = Path.Combine(Dir, "copy.db");
        var backup = await CliRunner.RunAsync("backup", copy, "--db", Db);
        Assert.True(backup.Exit == 0, backup.Error);
        Assert.Contains("verified, integrity ok", backup.Out, StringComparison.Ordinal);
        Assert.Matches(@"workspace\s+1", backup.Out);
        Assert.True(File.Exists(copy));

        await using (var db = Database.CreateDbContext())
        {
            db.Workspaces.Add(new Workspace { Slug = "later", Name = "Later", Currency = "EUR", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var restore = await CliRunner.RunAsync("restore", copy, "--db", Db);
        Assert.True(restore.Exit == 0, restore.Error);
        Assert.Contains("The replaced database is kept as", restore.Out, StringComparison.Ordinal);
        await using (var db = Database.CreateDbContext())
        {
            Assert.Equal(["acme"], await db.Workspaces.Select(w => w.Slug).ToListAsync());
        }

        var aside = Assert.Single(Directory.GetFiles(Dir, "k.db.before-restore-*"));
        await using var kept = new KaminoDatabase(aside).CreateDbContext();
        Assert.Equal(2, await kept.Workspaces.CountAsync());
    }

    [Fact]
    public async Task Restore_ANonDatabaseFile_IsRefusedWithExit3_AndTheDatabaseIsUnchanged()
    {
        var junk = Path.Combine(Dir, "junk.db");
        await File.WriteAllTextAsync(junk, "this is not a database, whatever its name says\n");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(Db);

        var restore = await CliRunner.RunAsync("restore", junk, "--db", Db);

        Assert.Equal(3, restore.Exit);
        Assert.Contains("nothing replaced", restore.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Db));
        Assert.Empty(Directory.GetFiles(Dir, "*before-restore*"));
    }

    [Fact]
    public async Task MigrateDryRun_ListsEveryPendingMigration_AndCreatesNothing()
    {
        var fresh = Path.Combine(Dir, "new.db");
        var dry = await CliRunner.RunAsync("migrate", "--dry-run", "--db", fresh);

        Assert.Equal(0, dry.Exit);
        var listed = dry.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        await using var db = Database.CreateDbContext();
        Assert.Equal(db.Database.GetMigrations(), listed);
        Assert.False(File.Exists(fresh));

        var current = await CliRunner.RunAsync("migrate", "--dry-run", "--db", Db);
        Assert.Contains("up to date, nothing to apply", current.Out, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Restore_WhileAServeRuns_IsRefused_AndWorksOnceItStops()
    {
        var copy = Path.Combine(Dir, "copy.db");
        Assert.Equal(0, (await CliRunner.RunAsync("backup", copy, "--db", Db)).Exit);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var serve = KaminoProcess.Start("serve", "--db", Db, "--urls", "http://127.0.0.1:0"))
        {
            for (var i = 0; i < 600 && !serve.StandardOutputSoFar.Contains("Now listening on", StringComparison.Ordinal); i++)
            {
                Assert.False(serve.HasExited, serve.StandardOutputSoFar);
                await Task.Delay(100);
            }

            var refused = await KaminoProcess.RunAsync("restore", copy, "--db", Db);
            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains("a kamino serve is using", refused.Stderr, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Dir, "*before-restore*"));
            Assert.True(await serve.KillAsync());
        }

        var restored = await KaminoProcess.RunAsync("restore", copy, "--db", Db);
        Assert.True(restored.ExitCode == 0, restored.ToString());
    }
}
