using System.Threading.RateLimiting;
using Kamino.Host.Resources;
using Kamino.Host.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Web;

/// <summary>
/// Authentication of the web app: a cookie for the browser, bearer tokens for scripts (chosen per request by
/// the Authorization header), Identity for users, and the limits of ../shared/SECURITY.md.
/// </summary>
public static class KaminoAuth
{
    public const string Scheme = "kamino";

    /// <summary>How often a session is re-checked against the user's security stamp (disable, password change).</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Registers authentication. With <paramref name="secureCookies"/> (the default everywhere but plain http on
    /// loopback) every cookie is Secure and named <c>__Host-…</c> (ASVS 3.3.1); over plain http on 127.0.0.1
    /// browsers would drop such cookies, so there they are plain <c>kamino…</c> cookies.
    /// </summary>
    public static IServiceCollection AddKaminoAuth(this IServiceCollection services, bool secureCookies)
    {
        var prefix = secureCookies ? "__Host-" : "";
        var policy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddKaminoIdentity();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = ApiAuthentication.SelectScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromMinutes(30))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = prefix + "kamino";
            o.Cookie.SecurePolicy = policy;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            // The API answers 401/403; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.ConfigureExternalCookie(o =>
        {
            o.Cookie.Name = prefix + "kamino-ext";
            o.Cookie.SecurePolicy = policy;
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = prefix + "kamino-2fa";
            o.Cookie.SecurePolicy = policy;
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = prefix + "kamino-2fa-remember";
            o.Cookie.SecurePolicy = policy;
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) => (o.ValidationInterval, o.TimeProvider) = (RevalidationInterval, clock));
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthState>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = prefix + "kamino-af";
            o.Cookie.SecurePolicy = policy;
        });
        services.AddAuthorization();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return context.HttpContext.Request.Path.StartsWithSegments("/api")
                    ? ValueTask.CompletedTask
                    : new ValueTask(context.HttpContext.Response.WriteAsync(TooManyAttempts(context.HttpContext), ct));
            };
        });
        // Sign-in attempts (API and sign-in form posts) per client address and minute; showing the form is no attempt.
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var limit = configuration.GetValue(LoginAttemptsSetting, DefaultLoginAttemptsPerMinute);
            o.AddPolicy(AuthApi.LoginRateLimit, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>Configuration key of the number of sign-in attempts a client address may make per minute.</summary>
    public const string LoginAttemptsSetting = "Kamino:LoginAttemptsPerMinute";

    public const int DefaultLoginAttemptsPerMinute = 10;

    public static WebApplication UseKaminoAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWorkspaceAccess();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Whether cookies must be Secure: configuration <c>Kamino:SecureCookies</c>, else true unless every URL the
    /// app listens on is plain http on a loopback address (a local install).
    /// </summary>
    public static bool SecureCookies(IConfiguration configuration)
    {
        if (configuration.GetValue<bool?>("Kamino:SecureCookies") is { } configured)
        {
            return configured;
        }

        var urls = (configuration["urls"] ?? ServeCommand.DefaultUrls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return !urls.All(u => Uri.TryCreate(u.Replace("*", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "127.0.0.1"));
    }

    private static string TooManyAttempts(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.RequestServices.GetRequiredService<IStringLocalizer<Ui>>()["TooManyAttempts"];
    }

    private static Task Answer(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
