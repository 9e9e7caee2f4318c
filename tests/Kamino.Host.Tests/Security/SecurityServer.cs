using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Kamino.Host.Web;
using Kamino.SignIn;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

[assembly: HostingStartup(typeof(Kamino.Host.Tests.Security.SecurityHostingStartup))]

namespace Kamino.Host.Tests.Security;

/// <summary>
/// The real app (<see cref="WebApp.Build"/>) on Kestrel over a fresh SQLite file, with a settable clock and an
/// in-memory log, both injected through a hosting startup named in the host arguments (the app itself is not
/// changed for tests). Adds a few test-only endpoints (excluded from OpenAPI, marked <see cref="TestOnly"/>).
/// Clients do not keep cookies: tests send and read them by hand, since HttpClient would not send Secure
/// cookies over the plain http of the test port.
/// </summary>
public sealed class SecurityServer : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private static readonly ConcurrentDictionary<string, SecurityServer> Running = new();

    private readonly string directory;
    private readonly string id = Guid.NewGuid().ToString("N");
    private WebApplication app = null!;

    private SecurityServer(string directory, KaminoDatabase database)
    {
        this.directory = directory;
        Database = database;
    }

    public KaminoDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public MemoryLog Log { get; } = new();

    /// <summary>How many times the app has checked a password against a hash (<see cref="CountingPasswordHasher"/>).</summary>
    public int PasswordChecks => passwordChecks;

    private int passwordChecks;

    internal void CountPasswordCheck() => Interlocked.Increment(ref passwordChecks);

    public Uri Address { get; private set; } = null!;

    /// <summary>Requests to <c>/api/_test/hold</c> (an expensive endpoint) wait for this before they answer.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Released once by every request that reaches <c>/api/_test/hold</c> (it holds its rate-limit leases then).</summary>
    public SemaphoreSlim Held { get; } = new(0);

    public IServiceProvider Services => app.Services;

    /// <summary>Starts the app; <paramref name="args"/> are extra host settings (<c>--Kamino:SecureCookies true</c>).</summary>
    public static async Task<SecurityServer> StartAsync(params string[] args)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kamino-security-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = new KaminoDatabase(Path.Combine(directory, "kamino.db"));
        await database.MigrateAsync();
        var server = new SecurityServer(directory, database);
        Running[server.id] = server;
        server.app = WebApp.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--hostingStartupAssemblies", typeof(SecurityServer).Assembly.GetName().Name!,
                "--KaminoTests:Server", server.id,
                "--Logging:LogLevel:Default", "Warning",
                "--Logging:LogLevel:" + SecurityLog.Category, "Information",
                // The tests play a reverse proxy on loopback (X-Forwarded-For, X-Forwarded-Proto).
                "--" + TrustedProxies.Setting, "127.0.0.1",
                .. KaminoTestServer.TestSettings,
                .. args,
            ],
            database);
        Assert.Same(server.Clock, server.app.Services.GetRequiredService<TimeProvider>());
        MapTestEndpoints(server);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    internal static SecurityServer? Find(string? id) => id is not null && Running.TryGetValue(id, out var s) ? s : null;

    /// <summary>A client without a cookie container or redirects, optionally through the loopback "proxy" headers.</summary>
    public HttpClient CreateClient(string? clientIp = null, bool https = false, string? host = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Address };
        if (clientIp is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp);
        }

        if (https)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }

        if (host is not null)
        {
            client.DefaultRequestHeaders.Host = host;
        }

        return client;
    }

    public async Task<int> AddWorkspaceAsync(string slug)
    {
        await using var db = Database.CreateDbContext();
        var workspace = new Workspace { Slug = slug, Name = slug.ToUpperInvariant(), CreatedAt = Clock.GetUtcNow() };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return workspace.Id;
    }

    /// <summary>Creates a user (through the app's UserManager) and, with <paramref name="workspace"/>, a membership.</summary>
    public async Task<string> AddUserAsync(string email, string? workspace = null, Role role = Role.Director, string password = Password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>();
        var user = new KaminoUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (workspace is not null)
        {
            await AddMemberAsync(user.Id, workspace, role);
        }

        return user.Id;
    }

    /// <summary>An invitation to <paramref name="workspace"/> for <paramref name="email"/> (by a Director created for it); its token.</summary>
    public async Task<string> InviteAsync(string workspace, string email, Role role = Role.Kam)
    {
        var inviter = await AddUserAsync("inviter-" + Guid.NewGuid().ToString("N")[..8] + "@kamino.test", workspace);
        await using var db = Database.CreateDbContext();
        var workspaceId = await db.Workspaces.Where(w => w.Slug == workspace).Select(w => w.Id).SingleAsync();
        var (result, invitation) = await Kamino.People.Invitations.InviteAsync(db, workspaceId, email, role, inviter, Clock);
        Assert.True(result.Succeeded, result.Problem);
        return invitation!.Token;
    }

    /// <summary>A client that keeps cookies (plain http: the app's cookies are not Secure here) and follows no redirects.</summary>
    public HttpClient CreateBrowserClient(string clientIp) =>
        new(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = Address,
            DefaultRequestHeaders = { { "X-Forwarded-For", clientIp } },
        };

    public async Task AddMemberAsync(string userId, string workspace, Role role)
    {
        await using var db = Database.CreateDbContext();
        var workspaceId = await db.Workspaces.Where(w => w.Slug == workspace).Select(w => w.Id).SingleAsync();
        db.Memberships.Add(new Membership { WorkspaceId = workspaceId, UserId = userId, Role = role, CreatedAt = Clock.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    public async Task WithUserAsync(string email, Func<UserManager<KaminoUser>, KaminoUser, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        await action(users, user);
    }

    public async Task<T> WithUserResultAsync<T>(string email, Func<UserManager<KaminoUser>, KaminoUser, Task<T>> action)
    {
        var result = default(T);
        await WithUserAsync(email, async (users, user) => result = await action(users, user));
        return result!;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? twoFactorCode = null) =>
        await client.PostAsJsonAsync("api/auth/login", new { email, password, twoFactorCode });

    /// <summary>Signs in through <c>POST /api/auth/login</c> and returns the token response.</summary>
    public async Task<(string AccessToken, string RefreshToken)> LoginAsync(string email, string password = Password)
    {
        using var client = CreateClient();
        using var response = await PostLoginAsync(client, email, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("accessToken").GetString()!, json.RootElement.GetProperty("refreshToken").GetString()!);
    }

    public HttpClient CreateBearerClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>The session cookie (<c>name=value</c>) the app's cookie handler issues for <paramref name="email"/>.</summary>
    public async Task<string> CookieSignInAsync(string email, bool https = false)
    {
        using var client = CreateClient(https: https);
        using var response = await client.PostAsJsonAsync("_test/cookie-sign-in", new { email });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return SetCookies(response).Select(c => c.Split(';')[0]).Single(c => c.StartsWith(CookieName(https), StringComparison.Ordinal));
    }

    public static string CookieName(bool secure) => (secure ? "__Host-" : "") + "kamino=";

    public static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    public async ValueTask DisposeAsync()
    {
        Running.TryRemove(id, out _);
        Release.TrySetResult();
        await KaminoTestServer.StopAsync(app, directory);
    }

    private static void MapTestEndpoints(SecurityServer server)
    {
        var app = server.app;
        var test = new TestOnly();
        // Signs in with the app's own cookie scheme and options: the pages' sign-in form ends in the same call.
        app.MapPost("/_test/cookie-sign-in", async (CookieSignIn body, SignInManager<KaminoUser> signIn) =>
        {
            var user = await signIn.UserManager.FindByEmailAsync(body.Email);
            if (user is null)
            {
                return Results.NotFound();
            }

            await signIn.SignInAsync(user, isPersistent: false);
            return Results.Ok();
        }).DisableAntiforgery().ExcludeFromDescription().WithMetadata(test);
        app.MapGet("/api/_test/who", (HttpContext http) => http.User.Identity?.Name ?? "").RequireAuthorization().ExcludeFromDescription().WithMetadata(test);
        app.MapPost("/api/_test/who", (HttpContext http) => http.User.Identity?.Name ?? "").RequireAuthorization().ExcludeFromDescription().WithMetadata(test);
        app.MapGet("/api/_test/hold", async () =>
        {
            server.Held.Release();
            await server.Release.Task;
            return "released";
        }).RequireExpensiveLimit().ExcludeFromDescription().WithMetadata(test);
        app.MapGet("/api/_test/boom", string () => throw new InvalidOperationException("secret-detail-in-exception")).ExcludeFromDescription().WithMetadata(test);
        app.MapGet("/_test/boom", string () => throw new InvalidOperationException("secret-detail-in-exception")).ExcludeFromDescription().WithMetadata(test);
    }

    private sealed record CookieSignIn(string Email);
}

/// <summary>Metadata of the endpoints <see cref="SecurityServer"/> adds for tests; the route-table tests skip them.</summary>
public sealed record TestOnly;

/// <summary>Gives the app of a <see cref="SecurityServer"/> its clock and in-memory log before its services are built.</summary>
public sealed class SecurityHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices((context, services) =>
    {
        if (SecurityServer.Find(context.Configuration["KaminoTests:Server"]) is { } server)
        {
            services.AddSingleton<TimeProvider>(server.Clock);
            services.AddSingleton<ILoggerProvider>(server.Log);
            services.AddSingleton(server);
            services.AddScoped<IPasswordHasher<KaminoUser>, CountingPasswordHasher>();
        }
    });
}

/// <summary>The app's password hasher, counting the checks (<see cref="SecurityServer.PasswordChecks"/>).</summary>
public sealed class CountingPasswordHasher(SecurityServer server, Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options) : IPasswordHasher<KaminoUser>
{
    private readonly PasswordHasher<KaminoUser> inner = new(options);

    public string HashPassword(KaminoUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(KaminoUser user, string hashedPassword, string providedPassword)
    {
        server.CountPasswordCheck();
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Log records kept in memory: category, level, event, structured values and the formatted message.</summary>
public sealed class MemoryLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> records = new();

    public IReadOnlyList<LogRecord> Records => records.ToArray();

    public IReadOnlyList<LogRecord> Security => Records.Where(r => r.Category == SecurityLog.Category).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(MemoryLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            log.records.Enqueue(new LogRecord(category, logLevel, eventId, values.ToDictionary(v => v.Key, v => v.Value), formatter(state, exception)));
        }
    }
}

public sealed record LogRecord(string Category, LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> Values, string Message);
