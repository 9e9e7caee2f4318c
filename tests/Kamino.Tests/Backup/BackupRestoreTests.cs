using System.Globalization;
using Kamino.Backup;
using Kamino.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Backup;

/// <summary>
/// Backups and restores through the library on both engines (issue 19 items 1, 2 and 5): a copy holds the committed
/// state and not a writer's open transaction, is verified and recorded; a damaged copy or one from a later schema is
/// refused with nothing replaced; a good copy replaces the database and the replaced one is kept aside.
/// </summary>
public abstract class BackupRestoreTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));

    protected override async Task SeedAsync()
    {
        var sales = await SalesGenerator.GetAsync("--lines 1500 --customers 120 --seed 191");
        Assert.True((await new SalesImporter(Test.Database, clock).ImportAsync(new ImportRequest("acme", sales.Path))).Imported);
    }

    private string Extension => Test.Database.Provider == DatabaseProvider.Sqlite ? ".db" : ".dump";

    private static async Task<long> CountAsync(KaminoDatabase database, string table)
    {
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Backup_WhileAWriterHoldsAnOpenTransaction_HoldsTheCommittedStateAndIsRecorded()
    {
        var lines = await CountAsync(Test.Database, "sale_line");
        await using var writer = Db();
        await using var transaction = await writer.Database.BeginTransactionAsync();
        await writer.Database.ExecuteSqlRawAsync("DELETE FROM sale_line WHERE net_cents > 0");

        // The copy is written while the writer's transaction is open; the writer ends once it is there (on SQLite the
        // run's record waits for the write lock, as it would behind an import).
        var file = Path.Combine(Folder.Path, "copy" + Extension);
        var take = Task.Run(() => Backups.TakeAsync(Test.Database, file, Backups.CommandLine, "test", clock));
        while (!File.Exists(file) && !take.IsCompleted)
        {
            await Task.Delay(10);
        }

        await transaction.RollbackAsync();
        var outcome = await take;

        Assert.True(outcome.Ok, outcome.Check.Problem);
        Assert.Equal(lines, outcome.Check.Tables.Single(t => t.Table == "sale_line").Rows);
        Assert.Equal(SchemaVersions.Known(Test.Database)[^1], outcome.Check.SchemaVersion);
        Assert.False(File.Exists(outcome.File + ".partial"));
        await using var db = Db();
        var (last, good) = await Backups.LastAsync(db);
        Assert.NotNull(last);
        Assert.True(last.Succeeded);
        Assert.Equal("copy" + Extension, last.File);
        Assert.Equal(new FileInfo(outcome.File).Length, last.Bytes);
        Assert.Equal(last.Id, good!.Id);
    }

    [Fact]
    public async Task Restore_GoodCopy_ReplacesTheDatabaseAndKeepsTheReplacedOneAside()
    {
        var copy = Path.Combine(Folder.Path, "copy" + Extension);
        Assert.True((await Backups.TakeAsync(Test.Database, copy, Backups.CommandLine, "test", clock)).Ok);
        var lines = await CountAsync(Test.Database, "sale_line");
        await Test.Database.CreateDbContext().Database.ExecuteSqlRawAsync("DELETE FROM sale_line WHERE net_cents > 0");
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        var damaged = await CountAsync(Test.Database, "sale_line");
        Assert.True(damaged < lines);
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();

        var result = await RestoreAsync(copy);

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(lines, await CountAsync(Test.Database, "sale_line"));
        Assert.NotNull(result.KeptAside);
        var aside = Test.Database.Provider == DatabaseProvider.Sqlite
            ? new KaminoDatabase(result.KeptAside)
            : new KaminoDatabase(new Npgsql.NpgsqlConnectionStringBuilder(Test.Database.ConnectionString) { Database = result.KeptAside }.ToString());
        Assert.Equal(damaged, await CountAsync(aside, "sale_line"));
    }

    [Fact]
    public async Task Restore_CorruptedCopy_IsRefusedAndNothingIsReplaced()
    {
        var copy = Path.Combine(Folder.Path, "copy" + Extension);
        Assert.True((await Backups.TakeAsync(Test.Database, copy, Backups.CommandLine, "test", clock)).Ok);
        var bytes = await File.ReadAllBytesAsync(copy);
        if (Test.Database.Provider == DatabaseProvider.Sqlite)
        {
            // Garbage over pages in the middle of the file: the header still says "SQLite format 3".
            new Random(19).NextBytes(bytes.AsSpan(bytes.Length / 2, 8192));
        }
        else
        {
            bytes = bytes[..(bytes.Length * 2 / 3)];
        }

        await File.WriteAllBytesAsync(copy, bytes);
        var lines = await CountAsync(Test.Database, "sale_line");
        SqliteConnection.ClearAllPools();
        var before = Test.Database.SqlitePath is { } file ? await File.ReadAllBytesAsync(file) : null;

        var result = await RestoreAsync(copy);

        Assert.False(result.Ok);
        Assert.False(result.Copy.Ok);
        Assert.Contains("nothing replaced", result.Problem, StringComparison.Ordinal);
        Assert.Equal(lines, await CountAsync(Test.Database, "sale_line"));
        if (before is not null)
        {
            SqliteConnection.ClearAllPools();
            Assert.Equal(before, await File.ReadAllBytesAsync(Test.Database.SqlitePath!));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Test.Database.SqlitePath)!, "*before-restore*"));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Test.Database.SqlitePath)!, "*restoring*"));
        }
    }

    [Fact]
    public async Task Backup_IntoAFolderThatCannotBeMade_FailsAndIsRecordedAsFailed()
    {
        // A folder that cannot be made (a file is in the way): the copy fails, the run says so.
        var blocker = Folder.Write("blocker", "x");
        var outcome = await Backups.TakeAsync(Test.Database, Path.Combine(blocker, "copy" + Extension), Backups.Daily, "test", clock);

        Assert.False(outcome.Ok);
        await using var db = Db();
        var (last, good) = await Backups.LastAsync(db);
        Assert.False(last!.Succeeded);
        Assert.StartsWith("failed: ", last.Result, StringComparison.Ordinal);
        Assert.Null(good);
    }

    [Fact]
    public async Task TakeDaily_KeepsTheLastNCopies()
    {
        var folder = Path.Combine(Folder.Path, "daily");
        for (var day = 0; day < 4; day++)
        {
            Assert.True((await Backups.TakeDailyAsync(Test.Database, folder, keep: 2, "test", clock)).Ok);
            clock.Advance(TimeSpan.FromDays(1));
        }

        var kept = Backups.DailyCopies(folder, Extension);
        Assert.Equal(["kamino-20261208-020000" + Extension, "kamino-20261207-020000" + Extension], kept.Select(Path.GetFileName));
    }

    private Task<RestoreResult> RestoreAsync(string copy) => Test.Database.Provider == DatabaseProvider.Sqlite
        ? SqliteRestore.RestoreAsync(copy, Test.Database, clock)
        : PostgresCopies.RestoreAsync(copy, Test.Database, clock);
}

public sealed class SqliteBackupRestoreTests() : BackupRestoreTests(Engine.Sqlite)
{
    [Fact]
    public async Task Restore_CopyFromALaterSchema_IsRefused()
    {
        var copy = Path.Combine(Folder.Path, "copy.db");
        Assert.True((await Backups.TakeAsync(Test.Database, copy, Backups.CommandLine, "test", TimeProvider.System)).Ok);
        await using (var connection = new SqliteConnection($"Data Source={copy};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __ef_migrations_history VALUES ('29991231000000_FromTheFuture', '99.0.0')";
            await command.ExecuteNonQueryAsync();
        }

        var result = await SqliteRestore.RestoreAsync(copy, Test.Database, TimeProvider.System);

        Assert.False(result.Ok);
        Assert.Contains("later Kamino", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_WhileAServeHoldsTheDatabase_IsRefused_AndWorksOnceItStops()
    {
        var copy = Path.Combine(Folder.Path, "copy.db");
        Assert.True((await Backups.TakeAsync(Test.Database, copy, Backups.CommandLine, "test", TimeProvider.System)).Ok);
        var serving = ServeLock.TryShared(Test.Database.SqlitePath!);
        Assert.NotNull(serving);
        var second = ServeLock.TryShared(Test.Database.SqlitePath!);
        Assert.NotNull(second);

        var refused = await SqliteRestore.RestoreAsync(copy, Test.Database, TimeProvider.System);
        Assert.False(refused.Ok);
        Assert.Contains("kamino serve is using", refused.Problem, StringComparison.Ordinal);

        serving.Dispose();
        second.Dispose();
        var restored = await SqliteRestore.RestoreAsync(copy, Test.Database, TimeProvider.System);
        Assert.True(restored.Ok, restored.Problem);
    }

    [Fact]
    public async Task Migrate_LockRowLeftByAKilledMigration_IsClearedAndTheDatabaseMigrates()
    {
        // What a kill -9 between EF's "insert the lock row" and "delete it" leaves: the row, and a migration pending.
        var path = Test.Database.SqlitePath!;
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM __ef_migrations_history WHERE \"MigrationId\" LIKE '%_Backups'; DROP TABLE backup_run; " +
                "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-05 01:00:00+00:00')";
            await command.ExecuteNonQueryAsync();
        }

        var again = new KaminoDatabase(path);
        var migrate = again.MigrateAsync();
        var finished = await Task.WhenAny(migrate, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(migrate, finished);
        Assert.Single(await migrate, m => m.EndsWith("_Backups", StringComparison.Ordinal));
        await using var db = again.CreateDbContext();
        Assert.Equal(0, await db.BackupRuns.CountAsync());
    }
}

[Trait("Category", "Slow")]
public sealed class PostgresBackupRestoreTests() : BackupRestoreTests(Engine.Postgres)
{
    [Fact]
    public async Task Restore_WhileAnotherSessionIsConnected_IsRefused()
    {
        var copy = Path.Combine(Folder.Path, "copy.dump");
        Assert.True((await Backups.TakeAsync(Test.Database, copy, Backups.CommandLine, "test", TimeProvider.System)).Ok);
        await using var serve = new Npgsql.NpgsqlConnection(Test.Database.ConnectionString + ";Pooling=false");
        await serve.OpenAsync();

        var result = await PostgresCopies.RestoreAsync(copy, Test.Database, TimeProvider.System);

        Assert.False(result.Ok);
        Assert.Contains("other session(s) are connected", result.Problem, StringComparison.Ordinal);
    }
}
