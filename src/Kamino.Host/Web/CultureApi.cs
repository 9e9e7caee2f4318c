using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Kamino.Host.Web;

/// <summary>The UI languages and <c>POST /culture</c>, which the language switcher posts to.</summary>
public static class CultureApi
{
    public const string DefaultCulture = "en";

    /// <summary>Cultures of the UI text and of number, date and money formats.</summary>
    public static readonly string[] Supported = ["en", "es"];

    public static IEndpointRouteBuilder MapCultureApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", SetCulture).ExcludeFromDescription();
        return app;
    }

    /// <summary>Stores the chosen culture in the request-localization cookie and goes back to the page.</summary>
    internal static RedirectHttpResult SetCulture([FromForm] string culture, [FromForm] string? returnUrl, HttpContext http, TimeProvider clock)
    {
        var chosen = Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is not null)
        {
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(chosen))),
                new CookieOptions
                {
                    Expires = clock.GetUtcNow().AddYears(1),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                });
        }

        return TypedResults.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>Only paths of this site: no scheme, no host, no protocol-relative <c>//</c> or <c>/\</c>.</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
