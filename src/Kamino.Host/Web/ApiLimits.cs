using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Kamino.Host.Resources;
using Kamino.Host.SignIn;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Web;

/// <summary>
/// Fairness between users (issue 10 item 8): each user — the signed-in user's id, else the client address — may
/// have at most <see cref="ConcurrentSetting"/> requests in flight and make <see cref="PerMinuteSetting"/>
/// requests a minute, on <c>/api</c> and on form posts. Endpoints marked <see cref="RequireExpensiveLimit{T}"/>
/// (analyses, imports, the customer list) allow only <see cref="ExpensiveConcurrentSetting"/> at once per
/// user. Over a limit the answer is 429 at once (no queue) with <c>Retry-After</c>. A limit of 0 switches it off.
/// Limits are per process.
/// </summary>
public static class ApiLimits
{
    public const string ConcurrentSetting = "Kamino:ApiLimits:ConcurrentRequests";
    public const string PerMinuteSetting = "Kamino:ApiLimits:RequestsPerMinute";
    public const string ExpensiveConcurrentSetting = "Kamino:ApiLimits:ExpensiveConcurrentRequests";

    public const int DefaultConcurrent = 8;
    public const int DefaultPerMinute = 600;
    public const int DefaultExpensiveConcurrent = 2;

    /// <summary>Name of the rate-limiting policy of the expensive endpoints.</summary>
    public const string Expensive = "expensive";

    /// <summary>Seconds a client is told to wait when the concurrency limit (which has no natural retry time) refuses it.</summary>
    private const int ConcurrencyRetryAfterSeconds = 1;

    /// <summary>Adds the per-user limits to the app's rate limiter (registered with the sign-in limit in <see cref="KaminoAuth"/>).</summary>
    public static IServiceCollection AddApiLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var concurrent = configuration.GetValue(ConcurrentSetting, DefaultConcurrent);
            var perMinute = configuration.GetValue(PerMinuteSetting, DefaultPerMinute);
            var expensive = configuration.GetValue(ExpensiveConcurrentSetting, DefaultExpensiveConcurrent);
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => IsLimited(c) && concurrent > 0
                    ? RateLimitPartition.GetConcurrencyLimiter(UserKey(c), _ => new ConcurrencyLimiterOptions { PermitLimit = concurrent, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(c => IsLimited(c) && perMinute > 0
                    ? RateLimitPartition.GetFixedWindowLimiter(UserKey(c), _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("")));
            o.AddPolicy(Expensive, c => expensive > 0
                ? RateLimitPartition.GetConcurrencyLimiter(UserKey(c), _ => new ConcurrencyLimiterOptions { PermitLimit = expensive, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        });
        // Every 429 says when to try again (the limiters that know, windows, give the time; a concurrency limit has
        // none); a page post refused here, not by the sign-in limit, says so in the user's language.
        services.PostConfigure<RateLimiterOptions>(o =>
        {
            var answer = o.OnRejected;
            o.OnRejected = (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
                    ? (int)Math.Ceiling(retry.TotalSeconds)
                    : ConcurrencyRetryAfterSeconds).ToString(CultureInfo.InvariantCulture);
                if (http.Request.Path.StartsWithSegments("/api")
                    || http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == AuthApi.LoginRateLimit)
                {
                    return answer?.Invoke(context, ct) ?? ValueTask.CompletedTask;
                }

                http.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(http.Response.WriteAsync(http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>()["TooManyRequests"], ct));
            };
        });
        return services;
    }

    /// <summary>Gives the endpoints of <paramref name="builder"/> the tighter concurrency limit of expensive work.</summary>
    public static T RequireExpensiveLimit<T>(this T builder)
        where T : IEndpointConventionBuilder => builder.RequireRateLimiting(Expensive);

    /// <summary>
    /// API calls and form posts. Page views, static files and the Blazor circuit (a long-lived connection) are not
    /// limited here.
    /// </summary>
    private static bool IsLimited(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        || (!context.Request.Path.StartsWithSegments("/_blazor")
            && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method));

    /// <summary>The signed-in user, else the client address (after the trusted proxies).</summary>
    private static string UserKey(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id
            ? "user:" + id
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
