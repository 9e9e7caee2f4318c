namespace Kamino.Tests.Support;

/// <summary>The real engines data tests run on.</summary>
public enum Engine
{
    Sqlite,
    Postgres,
}

/// <summary>Row counts of every table an import writes, and the sum of stored amounts.</summary>
public sealed record TableCounts(int Workspaces, int Customers, int Imports, int SaleLines, long NetCents);

/// <summary>
/// A fresh, migrated database for one test: a SQLite file in a temporary folder, or a new database in the
/// test run's PostgreSQL cluster.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempFolder? folder;

    private TestDatabase(KaminoDatabase database, TempFolder? folder)
    {
        Database = database;
        this.folder = folder;
    }

    public KaminoDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(Engine engine)
    {
        TestDatabase test;
        switch (engine)
        {
            case Engine.Sqlite:
                var folder = new TempFolder();
                test = new TestDatabase(new KaminoDatabase(Path.Combine(folder.Path, "kamino.db")), folder);
                break;
            case Engine.Postgres:
                var cluster = await PostgresCluster.Shared;
                test = new TestDatabase(new KaminoDatabase(await cluster.CreateDatabaseAsync()), null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(engine));
        }

        await test.Database.MigrateAsync();
        return test;
    }

    public async Task<TableCounts> CountAsync()
    {
        await using var db = Database.CreateDbContext();
        return new TableCounts(
            await db.Workspaces.CountAsync(),
            await db.Customers.CountAsync(),
            await db.Imports.CountAsync(),
            await db.SaleLines.CountAsync(),
            await db.SaleLines.SumAsync(s => (long?)s.NetCents) ?? 0);
    }

    public ValueTask DisposeAsync()
    {
        folder?.Dispose();
        if (Database.Provider == DatabaseProvider.Postgres)
        {
            // Each test has its own database and so its own pool; idle connections would otherwise stay open for
            // minutes and, with the classes running in parallel, exhaust the cluster's max_connections.
            using var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        return ValueTask.CompletedTask;
    }
}
