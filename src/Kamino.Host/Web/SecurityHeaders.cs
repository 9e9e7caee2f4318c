using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Net.Http.Headers;

namespace Kamino.Host.Web;

/// <summary>
/// Response headers and request checks of ../shared/SECURITY.md (ASVS 3.4, 4.4.2, 13.4.4, 14.3.2) for every
/// response: pages, API, static files, 404 and 500. The headers are written when the response starts, so
/// responses that the exception handler or the status-code pages rewrite keep them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>HSTS lifetime: one year (ASVS 3.4.1), with subdomains.</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var sendHsts = !app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        var scriptHashes = new ConcurrentDictionary<ImportMapDefinition, string>();
        return app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                Apply(http, sendHsts, scriptHashes);
                return Task.CompletedTask;
            });

            // ASVS 13.4.4: TRACE (and IIS's TRACK) would echo the request, cookies included.
            if (HttpMethods.IsTrace(http.Request.Method) || string.Equals(http.Request.Method, "TRACK", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                http.Response.Headers.Allow = "GET, HEAD, POST, PUT, PATCH, DELETE";
                return;
            }

            // ASVS 4.4.2: CORS does not cover WebSockets, so a page on another site could open a circuit with the
            // user's cookie. Browsers always send Origin on WebSocket and fetch POST requests; other clients may omit it.
            if (http.Request.Path.StartsWithSegments("/_blazor") && http.Request.Headers.Origin is { Count: > 0 } origin && !IsSameOrigin(http.Request, origin.ToString()))
            {
                SecurityLog.CrossOriginRejected(http, origin.ToString());
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next(http);
        });
    }

    /// <summary>Whether <paramref name="origin"/> is this site as the request reached it (after the proxy's forwarded scheme).</summary>
    public static bool IsSameOrigin(HttpRequest request, string origin) =>
        string.Equals(origin, request.Scheme + "://" + request.Host.ToUriComponent(), StringComparison.OrdinalIgnoreCase);

    private static void Apply(HttpContext http, bool sendHsts, ConcurrentDictionary<ImportMapDefinition, string> scriptHashes)
    {
        var request = http.Request;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(request, InlineScriptHash(http, scriptHashes));
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        // ASVS 14.3.2: API answers and pages are per user; only static assets (which set their own, immutable
        // caching) may be kept by browsers and proxies.
        if (request.Path.StartsWithSegments("/api") || !headers.ContainsKey(HeaderNames.CacheControl))
        {
            headers.CacheControl = "no-store";
        }

        // ASVS 3.4.1. Browsers ignore HSTS over http, and on a loopback host it would pin every local port to https.
        if (sendHsts && request.IsHttps && !IsLoopback(request.Host.Host))
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }

    /// <summary>
    /// The policy. <c>base-uri 'self'</c> deviates from ASVS 3.4.3's <c>'none'</c>: Blazor resolves every relative
    /// URL against <c>&lt;base href="/"&gt;</c>. <c>style-src 'unsafe-inline'</c>: Radzen writes <c>style</c>
    /// attributes (chart sizes, positions). The only inline script is Blazor's import map, allowed by its hash.
    /// </summary>
    private static string ContentSecurityPolicy(HttpRequest request, string? scriptHash)
    {
        var socket = (request.IsHttps ? "wss://" : "ws://") + request.Host.ToUriComponent();
        var script = scriptHash is null ? "'self'" : $"'self' '{scriptHash}'";
        return "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; "
            + $"script-src {script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            + $"connect-src 'self' {socket}";
    }

    /// <summary>The CSP hash of the <c>&lt;script type="importmap"&gt;</c> that <c>&lt;ImportMap /&gt;</c> renders on a page endpoint.</summary>
    private static string? InlineScriptHash(HttpContext http, ConcurrentDictionary<ImportMapDefinition, string> cache) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap
            ? cache.GetOrAdd(importMap, map => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map.ToString()))))
            : null;

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
