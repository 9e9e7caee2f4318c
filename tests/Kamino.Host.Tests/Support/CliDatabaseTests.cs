namespace Kamino.Host.Tests.Support;

/// <summary>
/// The base of CLI test classes over a real SQLite file made for each test: migrated, given the class's data by
/// <see cref="SeedAsync"/>, and removed after the test. <see cref="RunAsync"/> runs <c>kamino</c> on it in
/// workspace <c>acme</c>.
/// </summary>
public abstract class CliDatabaseTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("kamino-cli-").FullName;

    /// <summary>The test's folder, holding <see cref="Db"/>.</summary>
    protected string Dir => dir;

    /// <summary>The SQLite file.</summary>
    protected string Db => Path.Combine(dir, "k.db");

    /// <summary>The database of <see cref="Db"/> (nothing opened until used).</summary>
    protected KaminoDatabase Database => new(Db);

    public async Task InitializeAsync()
    {
        var database = Database;
        await database.MigrateAsync();
        await SeedAsync(database);
    }

    /// <summary>What every test of the class starts from.</summary>
    protected virtual Task SeedAsync(KaminoDatabase database) => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary><c>kamino ARGS --db FILE --workspace acme</c>.</summary>
    protected Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunInAsync("acme", args);

    /// <summary><c>kamino ARGS --db FILE --workspace acme</c> in a run that speaks Spanish.</summary>
    protected Task<(int Exit, string Out, string Error)> RunInSpanishAsync(params string[] args) =>
        CliRunner.RunInAsync("es", [.. args, "--db", Db, "--workspace", "acme"]);

    /// <summary><c>kamino ARGS --db FILE --workspace WORKSPACE</c>.</summary>
    protected Task<(int Exit, string Out, string Error)> RunInAsync(string workspace, params string[] args) =>
        CliRunner.RunAsync([.. args, "--db", Db, "--workspace", workspace]);
}
