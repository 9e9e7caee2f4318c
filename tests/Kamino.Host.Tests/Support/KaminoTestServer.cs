using System.Net.Http.Headers;
using Kamino.Host.Web;
using Kamino.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Support;

/// <summary>
/// The real web app (<see cref="WebApp.Build"/>) on Kestrel at a free port of 127.0.0.1, over a migrated SQLite
/// file in a temporary folder that is deleted on dispose, or over a new database of the test run's PostgreSQL
/// cluster (<see cref="PostgresCluster.Shared"/>).
/// </summary>
public sealed class KaminoTestServer : IAsyncDisposable
{
    private readonly string directory;
    private readonly WebApplication app;

    private KaminoTestServer(string directory, KaminoDatabase database, WebApplication app, Uri address)
    {
        this.directory = directory;
        Database = database;
        this.app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public KaminoDatabase Database { get; }

    /// <summary>Root address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The password of the users tests create.</summary>
    public const string Password = "a long enough test password";

    public IServiceProvider Services => app.Services;

    /// <summary>
    /// Starts the app over a database <paramref name="seed"/> fills. Sign-in attempts are not rate-limited
    /// unless <paramref name="settings"/> say so (<c>--Kamino:LoginAttemptsPerMinute 3</c>): tests sign in often.
    /// </summary>
    public static Task<KaminoTestServer> StartAsync(Func<KaminoDatabase, Task> seed, params string[] settings) =>
        StartAsync(postgres: false, seed, settings);

    /// <summary>As <see cref="StartAsync(Func{KaminoDatabase, Task}, string[])"/>, on PostgreSQL when <paramref name="postgres"/>.</summary>
    public static async Task<KaminoTestServer> StartAsync(bool postgres, Func<KaminoDatabase, Task> seed, params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kamino-host-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = new KaminoDatabase(postgres
            ? await (await PostgresCluster.Shared).CreateDatabaseAsync()
            : Path.Combine(directory, "kamino.db"));
        await database.MigrateAsync();
        await seed(database);

        var (app, address) = await StartNodeAsync(database, settings);
        return new KaminoTestServer(directory, database, app, address);
    }

    /// <summary>
    /// A server over <paramref name="database"/> as the caller migrated and seeded it (a primary with a standby, say),
    /// with <paramref name="settings"/>; the database is not removed on dispose.
    /// </summary>
    public static async Task<KaminoTestServer> StartOnAsync(KaminoDatabase database, params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kamino-host-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var (app, address) = await StartNodeAsync(database, settings);
        return new KaminoTestServer(directory, database, app, address);
    }

    /// <summary>
    /// The app on <paramref name="database"/> as it is (not migrated or seeded here), started at a free port with the
    /// test settings: a second node beside a server, or a node over a database in some state. The caller stops it.
    /// </summary>
    public static async Task<(WebApplication App, Uri Address)> StartNodeAsync(KaminoDatabase database, params string[] settings)
    {
        var app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", "--Kamino:LoginAttemptsPerMinute", "100000", .. TestSettings, .. settings], database);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// Settings every test host starts with (a test's own settings override them): no per-user API limits (tests
    /// run many requests in parallel as one user), and the API documents open to anonymous callers (tests read
    /// the OpenAPI document).
    /// </summary>
    public static readonly string[] TestSettings =
    [
        "--" + ApiLimits.ConcurrentSetting, "0",
        "--" + ApiLimits.PerMinuteSetting, "0",
        "--" + ApiLimits.ExpensiveConcurrentSetting, "0",
        "--" + WebApp.PublicApiDocsSetting, "true",
    ];

    /// <summary>Creates a user through the app's UserManager, a member of each of <paramref name="workspaces"/> with <paramref name="role"/>.</summary>
    public async Task<KaminoUser> AddUserAsync(string email, Role role, params string[] workspaces)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>();
        var user = new KaminoUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<KaminoDb>();
        foreach (var slug in workspaces)
        {
            var workspace = await db.Workspaces.SingleAsync(w => w.Slug == slug);
            db.Memberships.Add(new Membership { WorkspaceId = workspace.Id, UserId = user.Id, Role = role, CreatedAt = TimeProvider.System.GetUtcNow() });
        }

        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Makes an existing user a member of workspace <paramref name="slug"/> with <paramref name="role"/>.</summary>
    public async Task AddMemberAsync(string email, string slug, Role role)
    {
        await using var db = Database.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var workspaceId = await db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();
        db.Memberships.Add(new Membership { WorkspaceId = workspaceId, UserId = userId, Role = role, CreatedAt = TimeProvider.System.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    /// <summary>Runs <paramref name="action"/> with the app's UserManager on the user <paramref name="email"/>.</summary>
    public async Task<T> WithUserAsync<T>(string email, Func<UserManager<KaminoUser>, KaminoUser, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return await action(users, user);
    }

    /// <summary><c>POST /api/auth/login</c>.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string email, string password, string? twoFactorCode = null) =>
        await Client.PostAsJsonAsync("api/auth/login", new { email, password, twoFactorCode });

    /// <summary>A client that sends the bearer token <c>POST /api/auth/login</c> gives <paramref name="email"/>.</summary>
    public async Task<HttpClient> BearerClientAsync(string email, string password = Password)
    {
        using var response = await PostLoginAsync(email, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A client with a cookie jar, signed in as <paramref name="email"/> through the sign-in form; redirects are not followed.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password = Password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };
        using var response = await Forms.PostAsync(client, "account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email}: {(int)response.StatusCode}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync(app, directory);
    }

    /// <summary>Stops and disposes a test app, then removes its temporary folder with the database in it.</summary>
    internal static async Task StopAsync(WebApplication app, string directory)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }
}
