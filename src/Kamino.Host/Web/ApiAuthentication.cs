using Microsoft.AspNetCore.Identity;

namespace Kamino.Host.Web;

/// <summary>Which authentication scheme a request uses: the cookie for the browser, a bearer token for scripts.</summary>
public static class ApiAuthentication
{
    /// <summary>
    /// A bearer token when the request carries one. A state-changing API call (anything but GET, HEAD, OPTIONS)
    /// needs one even when the browser sent the session cookie: a cookie travels with cross-site requests, a
    /// token does not (ASVS 3.5.1), so such a call with only the cookie is 401.
    /// </summary>
    public static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var apiWrite = request.Path.StartsWithSegments("/api")
            && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        return bearer || apiWrite ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
    }
}
