using Kamino.Accounts;
using Kamino.Import;
using Kamino.WorkTasks;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.Support;

/// <summary>
/// The app over two workspaces for the team pages and APIs. <c>acme</c> holds the sales of
/// <c>sales-small.csv</c> (customers C1–C4; C1 and C2 key accounts, C1 owned by <see cref="Kam1"/> whom
/// <see cref="Lead"/> supervises, C2 owned by <see cref="Kam2"/>, unsupervised) and one member per role;
/// <c>other</c> has its own Director, customer <c>O1</c> and task 900.
/// </summary>
public class TeamServer : IAsyncLifetime
{
    /// <summary>Whether the app runs over PostgreSQL (<see cref="PostgresTeamServer"/>) rather than SQLite.</summary>
    protected virtual bool OnPostgres => false;

    public const string Slug = "acme";
    public const string OtherSlug = "other";
    public const string Director = "director@acme.test";
    public const string Lead = "lead@acme.test";
    public const string Kam1 = "kam1@acme.test";
    public const string Kam2 = "kam2@acme.test";
    public const string Collaborator = "collab@acme.test";
    public const string Viewer = "viewer@acme.test";
    public const string OtherDirector = "boss@other.test";

    /// <summary>The number of the task of <c>other</c>; <c>acme</c> has no task with it.</summary>
    public const long OtherTaskId = 900;

    public KaminoTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await KaminoTestServer.StartAsync(OnPostgres, async database =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
            Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(Slug, path, "Acme Foods"))).Imported);
            await using var db = database.CreateDbContext();
            (await db.Workspaces.SingleAsync(w => w.Slug == Slug)).Name = "Acme Foods";
            db.Workspaces.Add(new Workspace { Slug = OtherSlug, Name = "Other Co", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        foreach (var (email, role) in new[] { (Director, Role.Director), (Lead, Role.LeadKam), (Kam1, Role.Kam), (Kam2, Role.Kam), (Collaborator, Role.Collaborator), (Viewer, Role.Viewer) })
        {
            await Server.AddUserAsync(email, role, Slug);
        }

        await Server.AddUserAsync(OtherDirector, Role.Director, OtherSlug);

        await using var db = Db();
        var acme = await WorkspaceIdAsync(db, Slug);
        var other = await WorkspaceIdAsync(db, OtherSlug);
        var kam1Id = await UserIdAsync(Kam1);
        var kam1 = await db.Memberships.SingleAsync(m => m.WorkspaceId == acme && m.UserId == kam1Id);
        kam1.SupervisorUserId = await UserIdAsync(Lead);
        foreach (var (key, owner) in new[] { ("C1", Kam1), ("C2", Kam2) })
        {
            var customer = await db.Customers.SingleAsync(c => c.WorkspaceId == acme && c.Key == key);
            customer.IsKeyAccount = true;
            db.AccountTeamMembers.Add(new AccountTeamMember { WorkspaceId = acme, CustomerId = customer.Id, UserId = await UserIdAsync(owner), Department = Department.Sales, IsOwner = true });
        }

        db.Customers.Add(new Kamino.Customers.Customer { WorkspaceId = other, Id = 1, Key = "O1", Name = "Omega Other", IsKeyAccount = true });
        db.Tasks.Add(new WorkTask
        {
            WorkspaceId = other,
            Id = OtherTaskId,
            Title = "Other workspace's task",
            AssigneeUserId = await UserIdAsync(OtherDirector),
            CreatedByUserId = await UserIdAsync(OtherDirector),
            DueDate = Today.AddDays(3),
            CreatedAt = TimeProvider.System.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    public static DateOnly Today => Kamino.Workspaces.WorkspaceTime.Today(TimeProvider.System, Kamino.Workspaces.WorkspaceTime.DefaultZone);

    public KaminoDb Db() => Server.Database.CreateDbContext();

    public async Task<string> UserIdAsync(string email)
    {
        await using var db = Db();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public async Task<int> WorkspaceIdAsync(string slug)
    {
        await using var db = Db();
        return await WorkspaceIdAsync(db, slug);
    }

    /// <summary>A task of <c>acme</c> made through the library, as the API would.</summary>
    public async Task<WorkTask> TaskAsync(string title, string assignee, string createdBy, DateOnly due, string? accountKey = null)
    {
        await using var db = Db();
        var ws = await WorkspaceIdAsync(db, Slug);
        long? customerId = accountKey is null ? null : await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == accountKey).Select(c => (long?)c.Id).SingleAsync();
        var result = await Tasks.CreateAsync(db, ws, new NewTask(title, await UserIdAsync(assignee), due, "", customerId), await UserIdAsync(createdBy), TimeProvider.System);
        Assert.Equal(TaskOutcome.Changed, result.Outcome);
        return result.Task!;
    }

    public async Task<WorkTask> FindTaskAsync(string slug, long id)
    {
        await using var db = Db();
        var ws = await WorkspaceIdAsync(db, slug);
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.WorkspaceId == ws && t.Id == id);
    }

    public async Task<Membership> MembershipAsync(string email)
    {
        await using var db = Db();
        var ws = await WorkspaceIdAsync(db, Slug);
        var userId = await UserIdAsync(email);
        return await db.Memberships.AsNoTracking().SingleAsync(m => m.WorkspaceId == ws && m.UserId == userId);
    }

    /// <summary>The owner's email of an <c>acme</c> account, or null.</summary>
    public async Task<string?> OwnerAsync(string key)
    {
        await using var db = Db();
        var ws = await WorkspaceIdAsync(db, Slug);
        return await (from t in db.AccountTeamMembers
                      join c in db.Customers on new { t.WorkspaceId, Id = t.CustomerId } equals new { c.WorkspaceId, c.Id }
                      join u in db.Users on t.UserId equals u.Id
                      where t.WorkspaceId == ws && c.Key == key && t.IsOwner
                      select u.Email).SingleOrDefaultAsync();
    }

    /// <summary>A client signed in (cookie) as <paramref name="email"/>, in English.</summary>
    public async Task<HttpClient> BrowserClientAsync(string email)
    {
        var client = await Server.SignedInClientAsync(email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        return client;
    }

    private static Task<int> WorkspaceIdAsync(KaminoDb db, string slug) => db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary><see cref="TeamServer"/> over a database of the test run's PostgreSQL cluster.</summary>
public sealed class PostgresTeamServer : TeamServer
{
    protected override bool OnPostgres => true;
}
