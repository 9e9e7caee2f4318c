using System.Net.Http.Headers;
using Kamino.Host.Web;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Scale;

/// <summary>
/// A PostgreSQL primary of its own with a streaming standby (<see cref="ReplicatedPostgres"/>), two real
/// <c>kamino serve</c> processes (<c>node-a</c>, <c>node-b</c>: each sends its name in <see cref="RequestLog.NodeHeader"/>)
/// on free ports, writing to the primary and reading analyses from the standby (<c>--read-db</c>), and nginx in front
/// of both (<see cref="NginxProxy"/>). Workspace <c>acme</c> holds <c>sales-small.csv</c> (1,000 of revenue), with a
/// Director and a Viewer who sign in with <see cref="KaminoTestServer.Password"/>.
/// </summary>
public sealed class NginxTwoNodes : IAsyncLifetime
{
    public const string Slug = "acme";
    public const string Director = "director@acme.test";
    public const string Viewer = "viewer@acme.test";
    public static readonly string[] Names = ["node-a", "node-b"];

    private readonly KaminoProcess?[] processes = new KaminoProcess?[2];
    private ReplicatedPostgres? cluster;
    private NginxProxy? nginx;

    public KaminoDatabase Database { get; private set; } = null!;

    /// <summary>The primary and its standby, whose replay a test may pause.</summary>
    public ReplicatedPostgres Postgres => cluster!;

    /// <summary>The database on the standby: each node's <c>--read-db</c>.</summary>
    public string StandbyDatabase { get; private set; } = "";

    /// <summary>Each node's own address (direct, not through nginx).</summary>
    public Uri[] Nodes { get; } = new Uri[2];

    public NginxProxy Nginx => nginx!;

    public string DirectorId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        cluster = new ReplicatedPostgres();
        await cluster.InitializeAsync();
        var (primary, standby) = await Analysis.ReadReplicaApiTests.SeedAsync(cluster);
        (Database, StandbyDatabase) = (new KaminoDatabase(primary), standby);
        await SeedAsync();
        await cluster.CaughtUpAsync(cluster.Standby);
        for (var i = 0; i < Nodes.Length; i++)
        {
            Nodes[i] = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{NginxProxy.FreeLoopbackPort()}/"));
        }

        await Task.WhenAll(Enumerable.Range(0, Nodes.Length).Select(StartNodeAsync));
        nginx = await NginxProxy.StartAsync(Nodes.Select(n => $"127.0.0.1:{n.Port}").ToList());
    }

    public async Task DisposeAsync()
    {
        if (nginx is not null)
        {
            await nginx.DisposeAsync();
        }

        foreach (var p in processes)
        {
            p?.Dispose();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>SIGKILL to node <paramref name="i"/>: no draining, no goodbye, as when its machine dies.</summary>
    public Task<bool> KillAsync(int i) => processes[i]!.KillAsync();

    /// <summary>Starts node <paramref name="i"/> (again, after a kill) on its port and waits until <c>/readyz</c> says ready.</summary>
    public async Task StartNodeAsync(int i)
    {
        processes[i]?.Dispose();
        var environment = new Dictionary<string, string>
        {
            ["Kamino__NodeName"] = Names[i],
            // nginx is the client the nodes see: its X-Forwarded-For names the real one.
            ["Kamino__TrustedProxies"] = "127.0.0.1",
            // One user makes every request here: the per-user fairness limits would answer 429 (docs/security.md).
            ["Kamino__ApiLimits__ConcurrentRequests"] = "0",
            ["Kamino__ApiLimits__RequestsPerMinute"] = "0",
            ["Kamino__ApiLimits__ExpensiveConcurrentRequests"] = "0",
        };
        var process = KaminoProcess.Start(environment, "serve", "--db", Database.Target, "--read-db", StandbyDatabase, "--urls", Nodes[i].ToString().TrimEnd('/'));
        processes[i] = process;
        using var client = new HttpClient { BaseAddress = Nodes[i], Timeout = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; attempt < 900; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Names[i]} stopped:\n{await process.WaitAsync(TimeSpan.FromSeconds(5))}");
            }

            try
            {
                using var ready = await client.GetAsync("readyz");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Names[i]} was not ready within 90 s:\n{process.StandardOutputSoFar}");
    }

    /// <summary>
    /// A client of <paramref name="address"/> with the bearer token of <paramref name="email"/> (the Director by default)
    /// from <c>POST /api/auth/login</c> there, and a cookie jar that keeps the read-your-writes fence (<c>kamino-fence</c>).
    /// </summary>
    public static async Task<HttpClient> BearerClientAsync(Uri address, string email = Director)
    {
        var jar = new HttpClientHandler { CookieContainer = new CookieContainer() };
        var client = new HttpClient(jar) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var login = await client.PostAsJsonAsync("api/auth/login", new { email, password = KaminoTestServer.Password });
        var body = await login.Content.ReadAsStringAsync();
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"{(int)login.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>The node that answered (<see cref="RequestLog.NodeHeader"/>), or "?" when none did.</summary>
    public static string NodeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RequestLog.NodeHeader, out var values) ? values.Single() : "?";

    private async Task SeedAsync()
    {
        // The users are made by the app's own UserManager (password hash, stamps), in a node run in this process for that.
        var (app, _) = await KaminoTestServer.StartNodeAsync(Database);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>();
            var db = scope.ServiceProvider.GetRequiredService<KaminoDb>();
            var workspace = await db.Workspaces.SingleAsync(w => w.Slug == Slug);
            foreach (var (email, role) in new[] { (Director, Role.Director), (Viewer, Role.Viewer) })
            {
                var user = new KaminoUser { UserName = email, Email = email, DisplayName = role.ToString(), EmailConfirmed = true };
                var created = await users.CreateAsync(user, KaminoTestServer.Password);
                Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
                db.Memberships.Add(new Membership { WorkspaceId = workspace.Id, UserId = user.Id, Role = role, CreatedAt = TimeProvider.System.GetUtcNow() });
                if (role == Role.Director)
                {
                    DirectorId = user.Id;
                }
            }

            await db.SaveChangesAsync();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
