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

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(engine);

    public async Task DisposeAsync()
    {
        Folder.Dispose();
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }
}
