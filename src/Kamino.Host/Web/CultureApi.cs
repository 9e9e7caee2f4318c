using System.Globalization;
using Kamino.Host.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Kamino.Host.Web;

/// <summary>The UI languages and <c>POST /culture</c>, which the language switcher posts to.</summary>
public static class CultureApi
{
    public const string DefaultCulture = "en";

    /// <summary>Cultures of the UI text and of number, date and money formats.</summary>
    public static readonly string[] Supported = ["en", "es"];

    /// <summary>
    /// The culture cookie: <c>__Host-kamino-culture</c> where every cookie must be Secure (ASVS 3.3.1), else the
    /// framework's default name.
    /// </summary>
    public static string CookieName(bool secureCookies) => secureCookies ? "__Host-kamino-culture" : CookieRequestCultureProvider.DefaultCookieName;

    public static IEndpointRouteBuilder MapCultureApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", SetCultureAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Stores the chosen culture in the request-localization cookie and goes back to the page.</summary>
    /// <remarks>
    /// The form is read by hand after an explicit antiforgery check: with <c>[FromForm]</c> parameters a bad
    /// token surfaced as an exception (500) instead of a 400.
    /// </remarks>
    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SetCultureAsync(HttpContext http, IAntiforgery antiforgery, TimeProvider clock)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired: reload the page and choose the language again.");
        }

        var form = await http.Request.ReadFormAsync();
        string? culture = form["culture"];
        string? returnUrl = form["returnUrl"];
        var chosen = Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is not null)
        {
            var name = http.RequestServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value
                .RequestCultureProviders.OfType<CookieRequestCultureProvider>().First().CookieName;
            http.Response.Cookies.Append(
                name,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(chosen))),
                new CookieOptions
                {
                    Expires = clock.GetUtcNow().AddYears(1),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps || name.StartsWith("__Host-", StringComparison.Ordinal),
                    Path = "/",
                });
        }

        if (chosen is not null && http.User.Identity?.IsAuthenticated == true)
        {
            var signIn = http.RequestServices.GetRequiredService<KaminoSignInManager>();
            await signIn.RememberLanguageAsync(await signIn.UserManager.GetUserAsync(http.User), CultureInfo.GetCultureInfo(chosen));
        }

        return TypedResults.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>
    /// Only paths of this site: no scheme, no host, no protocol-relative <c>//</c> or <c>/\</c>, and only printable
    /// ASCII (a Location header cannot carry anything else: <c>/。</c> made the redirect fail with 500; browsers may
    /// also read some full-width characters as <c>.</c> or <c>/</c>). Anything else is not local.
    /// </summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && url.All(c => c is > ' ' and < (char)0x7F);
}
