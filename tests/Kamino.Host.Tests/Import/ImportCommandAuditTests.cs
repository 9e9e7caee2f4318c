namespace Kamino.Host.Tests.Import;

/// <summary>
/// <c>kamino import</c> writes its audit entry in the import's own transaction, as a web import does: the
/// entry names no user (the command line has none: <c>kamino audit</c> shows "system") and the OS user in its
/// summary. A dry run and a rejected file write none.
/// </summary>
public abstract class ImportCommandAuditTests : IDisposable
{
    private const string Sales = "invoice,line,date,customer,amount\nF-1,1,2024-01-10,C1,10.00\nF-1,2,2024-01-10,C2,20.00";

    private readonly string dir = Directory.CreateTempSubdirectory("kamino-import-audit-").FullName;

    protected abstract Task<string> DatabaseAsync();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Import_StoredFile_WritesOneAuditEntryWithoutUser_NamingTheImportAndTheOsUser()
    {
        var db = await DatabaseAsync();
        var file = Write("ventas.csv", Sales);

        var run = await CliRunner.RunAsync("import", file, "--db", db, "--workspace", "acme", "--format", "json");

        Assert.Equal(0, run.Exit);
        var importId = JsonDocument.Parse(run.Out).RootElement[0].GetProperty("importId").GetInt64();
        await using var context = new KaminoDatabase(db).CreateDbContext();
        var entry = await context.AuditEntries.SingleAsync();
        Assert.Equal(("import", importId.ToString(System.Globalization.CultureInfo.InvariantCulture), "import"), (entry.Entity, entry.EntityId, entry.Action));
        Assert.Null(entry.UserId);
        Assert.StartsWith($"imported ventas.csv (#{importId}, csv): 2 lines added, 0 already imported, 0 replaced, 2 new customers", entry.Summary, StringComparison.Ordinal);
        Assert.EndsWith($"from the command line by OS user {Environment.UserName}", entry.Summary, StringComparison.Ordinal);

        var audit = await CliRunner.RunAsync("audit", "--db", db, "--workspace", "acme", "--format", "json");
        var shown = Assert.Single(JsonDocument.Parse(audit.Out).RootElement.EnumerateArray());
        Assert.Equal("system", shown.GetProperty("user").GetString());
        Assert.Equal("import", shown.GetProperty("entity").GetString());
    }

    [Fact]
    public async Task Import_DryRunOrRejectedFile_WritesNoAuditEntry()
    {
        var db = await DatabaseAsync();
        var good = Write("good.csv", Sales);
        var bad = Write("bad.csv", "invoice,line,date,customer,amount\nF-2,1,not-a-date,C1,10.00");

        var dry = await CliRunner.RunAsync("import", good, "--db", db, "--workspace", "acme", "--dry-run");
        var rejected = await CliRunner.RunAsync("import", bad, "--db", db, "--workspace", "acme");

        Assert.Equal(0, dry.Exit);
        Assert.Equal(3, rejected.Exit);
        await using var context = new KaminoDatabase(db).CreateDbContext();
        Assert.Empty(await context.AuditEntries.ToListAsync());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    protected string SqliteFile => Path.Combine(dir, "k.db");
}

public sealed class SqliteImportCommandAuditTests : ImportCommandAuditTests
{
    protected override Task<string> DatabaseAsync() => Task.FromResult(SqliteFile);
}

[Trait("Category", "Slow")]
public sealed class PostgresImportCommandAuditTests : ImportCommandAuditTests
{
    protected override async Task<string> DatabaseAsync() => await (await PostgresCluster.Shared).CreateDatabaseAsync();
}
