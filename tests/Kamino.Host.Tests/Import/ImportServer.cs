using Kamino.Workspaces;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// The app over an empty EUR workspace <c>acme</c> (no sales yet) and a workspace <c>other</c>, with a Director,
/// a Lead KAM, a KAM and a Viewer of <c>acme</c>. Sample files sit next to the tests:
/// <c>ventas-facturado.csv</c> (Spanish, <c>;</c>, three good lines, its amount column "Facturado" matches no
/// field) and <c>sales-bad-date.csv</c> (English, line 3 has the date 2025-13-45).
/// </summary>
public class ImportServer : IAsyncLifetime
{
    /// <summary>Whether the app runs over PostgreSQL (<see cref="PostgresImportServer"/>) rather than SQLite.</summary>
    protected virtual bool OnPostgres => false;

    public const string Slug = "acme";
    public const string Director = "director@acme.test";
    public const string Lead = "lead@acme.test";
    public const string Kam = "kam@acme.test";
    public const string Viewer = "viewer@acme.test";

    public KaminoTestServer Server { get; private set; } = null!;

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Import", name);

    public async Task InitializeAsync()
    {
        Server = await KaminoTestServer.StartAsync(OnPostgres, async database =>
        {
            await using var db = database.CreateDbContext();
            db.Workspaces.Add(new Workspace { Slug = Slug, Name = "Acme Imports", Currency = "EUR", CreatedAt = TimeProvider.System.GetUtcNow() });
            db.Workspaces.Add(new Workspace { Slug = "other", Name = "Other Co", Currency = "EUR", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        foreach (var (email, role) in new[] { (Director, Role.Director), (Lead, Role.LeadKam), (Kam, Role.Kam), (Viewer, Role.Viewer) })
        {
            await Server.AddUserAsync(email, role, Slug);
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Sale lines and imports of <c>acme</c>, and the sum of the lines' net cents.</summary>
    public async Task<(int Lines, int Imports, long NetCents)> StateAsync()
    {
        await using var db = Server.Database.CreateDbContext();
        var id = await db.Workspaces.Where(w => w.Slug == Slug).Select(w => w.Id).SingleAsync();
        var cents = await db.SaleLines.Where(s => s.WorkspaceId == id).Select(s => s.NetCents).ToListAsync();
        return (cents.Count, await db.Imports.CountAsync(i => i.WorkspaceId == id), cents.Sum());
    }
}

/// <summary><see cref="ImportServer"/> over a database of the test run's PostgreSQL cluster.</summary>
public sealed class PostgresImportServer : ImportServer
{
    protected override bool OnPostgres => true;
}
