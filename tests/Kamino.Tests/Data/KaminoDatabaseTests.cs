namespace Kamino.Tests.Data;

/// <summary>Migrations and connection setup, run on each real engine by the sealed subclasses.</summary>
public abstract class KaminoDatabaseTests(Engine engine) : IAsyncLifetime
{
    private TestDatabase? test;

    protected KaminoDatabase Database => test!.Database;

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(engine);

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_AllMigrationsAppliedAndTablesUsable()
    {
        await using var db = Database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await test!.CountAsync());
    }

    [Fact]
    public async Task MigrateAsync_SecondTime_HasNothingToApply()
    {
        Assert.Empty(await Database.MigrateAsync());
    }

    [Fact]
    public void Provider_FromTarget_IsTheEngineUnderTest()
    {
        Assert.Equal(engine == Engine.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, Database.Provider);
    }
}

public sealed class SqliteKaminoDatabaseTests() : KaminoDatabaseTests(Engine.Sqlite)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)] // a file nothing has set up yet: the settings come with every connection
    public async Task CreateDbContext_OpenedConnection_HasWalAndFullSynchronous(bool migrated)
    {
        using var fresh = new TempFolder();
        var database = migrated ? Database : new KaminoDatabase(Path.Combine(fresh.Path, "new.db"));
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        async Task<object?> PragmaAsync(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return await command.ExecuteScalarAsync();
        }

        Assert.Equal("wal", await PragmaAsync("journal_mode"));
        Assert.Equal(2L, await PragmaAsync("synchronous")); // FULL
        Assert.Equal(1L, await PragmaAsync("foreign_keys"));
    }
}

[Trait("Category", "Slow")]
public sealed class PostgresKaminoDatabaseTests() : KaminoDatabaseTests(Engine.Postgres);
