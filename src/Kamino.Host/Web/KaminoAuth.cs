using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Kamino.Host.Resources;
using Kamino.Host.SignIn;
using Kamino.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
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

    /// <summary>
    /// How often an open interactive circuit (Blazor Server) is re-checked against the user's security stamp
    /// (<see cref="RevalidatingAuthState"/>). The session cookie is checked on every request (<see cref="CookieValidationInterval"/>).
    /// </summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The session cookie's security stamp is checked whenever any time has passed since the cookie was issued,
    /// that is on every request (the issue time is kept in whole seconds): sign-out, password change and disable
    /// end other sessions at once (ASVS 7.4.1, 7.4.2).
    /// </summary>
    public static readonly TimeSpan CookieValidationInterval = TimeSpan.Zero;

    /// <summary>A session ends after this long without a request (sliding cookie expiration, ASVS 7.3.1).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(60);

    /// <summary>A session ends this long after the sign-in with password, however active it is (ASVS 7.3.2).</summary>
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    /// <summary>Claim with the UTC time (round-trip format) of the sign-in that started the session.</summary>
    public const string SignedInAtClaim = "kamino:signed_in_at";

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
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            // The API answers 401/403; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
            // A sign-in on the sign-in page redirects to its ReturnUrl: only a local path a Location header can carry
            // (ReturnUrl=/%E3%80%82 made the header throw: 500), else the home page.
            o.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(CultureApi.IsLocal(context.RedirectUri) ? context.RedirectUri : "/");
                return Task.CompletedTask;
            };
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
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            (o.ValidationInterval, o.TimeProvider) = (CookieValidationInterval, clock);
            o.OnRefreshingPrincipal = KeepSignInTime;
        });
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

    /// <summary>The claim that records a sign-in at <paramref name="time"/>.</summary>
    public static Claim SignedInAt(DateTimeOffset time) =>
        new(SignedInAtClaim, time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), ClaimValueTypes.DateTime);

    /// <summary>
    /// Whether the session of <paramref name="principal"/> is within <see cref="AbsoluteTimeout"/> of its sign-in. A
    /// session without a (readable) sign-in time is not.
    /// </summary>
    public static bool WithinAbsoluteTimeout(ClaimsPrincipal? principal, DateTimeOffset now) =>
        principal?.FindFirstValue(SignedInAtClaim) is { } value
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeUniversal, out var signedInAt)
        && now - signedInAt <= AbsoluteTimeout;

    /// <summary>
    /// Every request with the session cookie: refuse a session older than <see cref="AbsoluteTimeout"/>, then check
    /// the security stamp (Identity's validator; the user may have signed out, changed the password or been disabled).
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!WithinAbsoluteTimeout(context.Principal, now))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
        catch (Exception) when (context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            // The error page after a failure (say, the database is unreachable) cannot check the stamp either:
            // it is shown without a user. The request that failed has already been refused.
            context.RejectPrincipal();
        }
    }

    /// <summary>
    /// Every request with a bearer token, as <see cref="ValidateSessionAsync"/> for the cookie: the token's security
    /// stamp must still be the user's (a password change, sign-out everywhere or disable ends it at once), the user
    /// active, and its refresh-token family not revoked (<see cref="RefreshTokenFamilies"/>). Otherwise the request
    /// goes on anonymous (401 where sign-in is needed).
    /// </summary>
    private static async Task ValidateBearerTokenAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true && ApiAuthentication.SelectScheme(context) == IdentityConstants.BearerScheme)
        {
            var signIn = context.RequestServices.GetRequiredService<SignInManager<KaminoUser>>();
            var user = await signIn.ValidateSecurityStampAsync(context.User);
            var db = context.RequestServices.GetRequiredService<Kamino.Data.KaminoDb>();
            if (user is null || !KaminoIdentity.IsActive(user) || !await RefreshTokenFamilies.IsLiveAsync(db, user.Id, context.User))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }

        await next(context);
    }

    /// <summary>The security-stamp validator builds a new principal from the database: keep the time of the sign-in.</summary>
    private static Task KeepSignInTime(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SignedInAtClaim) is { } signedInAt && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.TryRemoveClaim(identity.FindFirst(SignedInAtClaim));
            identity.AddClaim(new Claim(signedInAt.Type, signedInAt.Value, signedInAt.ValueType));
        }

        return Task.CompletedTask;
    }

    /// <summary>Configuration key of the number of sign-in attempts a client address may make per minute.</summary>
    public const string LoginAttemptsSetting = "Kamino:LoginAttemptsPerMinute";

    public const int DefaultLoginAttemptsPerMinute = 10;

    public static WebApplication UseKaminoAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(ValidateBearerTokenAsync);
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
