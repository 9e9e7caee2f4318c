using System.Collections.Concurrent;
using System.Security.Claims;
using Kamino.Data;
using NpgsqlTypes;

namespace Kamino.Host.Web;

/// <summary>
/// Analysis reads on a streaming standby (<c>kamino serve --read-db</c>, setting <see cref="Setting"/>) without a user
/// ever missing their own write. After every request that may write (any method but GET, HEAD, OPTIONS) the primary's
/// WAL insert position is taken as the user's <em>fence</em> and kept twice: in the cookie <see cref="CookieName"/>
/// (so every node knows it) and in this node's memory by user id (so a write made in an interactive page, which
/// cannot set a cookie, counts too: such a page's node is the one the browser comes back to, since circuits need
/// sticky sessions). An analysis read (<see cref="ReadDb"/>) takes the later of the two and goes to the standby only
/// if it has replayed that far (<see cref="ReadReplica"/>); otherwise, or when the standby is down, to the primary.
/// Without a read database nothing here runs: reads use the request's primary context.
/// </summary>
public sealed class ReadYourWrites(KaminoDatabase database, ILogger<ReadYourWrites> log)
{
    /// <summary>Configuration key of the read database's connection string (also <c>--read-db</c>, <c>KAMINO_READ_DB</c>).</summary>
    public const string Setting = "Kamino:ReadDb";

    /// <summary>The cookie holding the primary's WAL position after the browser's last write (not secret).</summary>
    public const string CookieName = "kamino-fence";

    /// <summary>
    /// How long a fence is kept: far longer than a healthy standby's lag, so after it a standby behind that write is
    /// broken, and the health of replication is the operator's to watch.
    /// </summary>
    public static readonly TimeSpan FenceLifetime = TimeSpan.FromMinutes(5);

    private const string ItemKey = "kamino.read-db";
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (NpgsqlLogSequenceNumber Fence, long At)> fences = new(StringComparer.Ordinal);

    public bool Enabled => database.Replica is not null;

    /// <summary>Adds the middleware that records the fence after requests that may write (only with a read database).</summary>
    public static void UseFences(WebApplication app)
    {
        var fences = app.Services.GetRequiredService<ReadYourWrites>();
        if (!fences.Enabled)
        {
            return;
        }

        var secure = KaminoAuth.SecureCookies(app.Configuration);
        app.Use(async (http, next) =>
        {
            var method = http.Request.Method;
            // Blazor's own posts (negotiate, disconnect) write nothing; an interactive page's writes record their fence themselves.
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method) && !http.Request.Path.StartsWithSegments("/_blazor"))
            {
                // When the response starts the handler's work is done: its transaction has committed (or failed).
                http.Response.OnStarting(() => fences.AfterWriteAsync(http, secure));
            }

            await next(http);
        });
    }

    /// <summary>Records the primary's position now as the fence of <paramref name="userId"/> on this node (a write made outside a request).</summary>
    public async Task AfterWriteAsync(string userId, CancellationToken ct = default)
    {
        if (Enabled && await PositionAsync(ct) is { } fence)
        {
            Remember(userId, fence);
        }
    }

    private async Task AfterWriteAsync(HttpContext http, bool secure)
    {
        if (await PositionAsync(http.RequestAborted) is not { } fence)
        {
            return;
        }

        // After a sign-in the user is known only from the next request: the cookie covers it.
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            Remember(userId, fence);
        }

        http.Response.Cookies.Append(CookieName, fence.ToString(), new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = FenceLifetime,
            IsEssential = true,
        });
    }

    private async Task<NpgsqlLogSequenceNumber?> PositionAsync(CancellationToken ct)
    {
        try
        {
            return await database.WritePositionAsync(ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // The primary just served the write; if it cannot answer now, the next read goes to it anyway.
            log.LogWarning(e, "Could not read the primary's WAL position after a write");
            return null;
        }
    }

    private void Remember(string userId, NpgsqlLogSequenceNumber fence)
    {
        var now = Environment.TickCount64;
        fences.AddOrUpdate(userId, (fence, now), (_, old) => (old.Fence > fence ? old.Fence : fence, now));
        if (fences.Count > MaxRemembered)
        {
            foreach (var (user, entry) in fences)
            {
                if (now - entry.At > FenceLifetime.TotalMilliseconds)
                {
                    fences.TryRemove(user, out _);
                }
            }
        }
    }

    /// <summary>The later of the request's cookie fence and this node's fence for its user; null when neither.</summary>
    private NpgsqlLogSequenceNumber? FenceOf(HttpContext http)
    {
        NpgsqlLogSequenceNumber? fence = null;
        if (http.Request.Cookies[CookieName] is { Length: <= 40 } text && NpgsqlLogSequenceNumber.TryParse(text, out var fromCookie))
        {
            fence = fromCookie;
        }

        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && fences.TryGetValue(userId, out var kept)
            && Environment.TickCount64 - kept.At <= FenceLifetime.TotalMilliseconds
            && (fence is null || kept.Fence > fence.Value))
        {
            fence = kept.Fence;
        }

        return fence;
    }

    /// <summary>
    /// The context the analysis reads of this request use: the request's own (primary) context without a read
    /// database, else one chosen once per request by <see cref="KaminoDatabase.OpenReadDbContextAsync"/> and disposed
    /// with the request.
    /// </summary>
    internal async Task<KaminoDb> ReadDbAsync(HttpContext http)
    {
        if (!Enabled)
        {
            return http.RequestServices.GetRequiredService<KaminoDb>();
        }

        if (http.Items[ItemKey] is KaminoDb chosen)
        {
            return chosen;
        }

        var read = await database.OpenReadDbContextAsync(FenceOf(http), http.RequestAborted);
        http.Response.RegisterForDisposeAsync(read.Db);
        http.Items[ItemKey] = read.Db;
        if (read.Route == ReadRoute.StandbyFailed)
        {
            log.LogWarning("The read database ({Standby}) is unreachable or not a standby; analysis reads go to the primary", database.Replica!.Describe());
        }

        Telemetry.ReadRouted(read.Route);
        log.LogDebug("Analysis reads of this request go to {Route}", read.Route);
        return read.Db;
    }
}

/// <summary>
/// The database an analysis endpoint reads from (<see cref="ReadYourWrites"/>): a handler takes it as a parameter
/// instead of <see cref="KaminoDb"/>. Never used for a write.
/// </summary>
public sealed record ReadDb(KaminoDb Db)
{
    public static async ValueTask<ReadDb?> BindAsync(HttpContext context) =>
        new(await context.RequestServices.GetRequiredService<ReadYourWrites>().ReadDbAsync(context));
}
