namespace Kamino.Tests.Support;

/// <summary>
/// The base of data test classes that run every test on a fresh, migrated database of one engine (a sealed
/// subclass per engine) with a temporary folder for input files; both are created before each test and
/// removed after it.
/// </summary>
public abstract class DatabaseTests(Engine engine) : IAsyncLifetime
{
    private TestDatabase? test;

    /// <summary>A temporary folder for the test's files.</summary>
    protected TempFolder Folder { get; } = new();

    /// <summary>The test's database, created in <see cref="InitializeAsync"/>.</summary>
    protected TestDatabase Test => test!;

    /// <summary>A new context on the test's database (dispose it).</summary>
    protected KaminoDb Db() => Test.Database.CreateDbContext();

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync(engine);
        await SeedAsync();
    }

    /// <summary>What every test of the class starts from, written once the database is migrated.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder.Dispose();
    }
}
