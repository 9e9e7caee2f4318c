namespace Kamino.Host.Web;

/// <summary>
/// ASVS 4.1.1: every API body names its character set. ASP.NET Core writes <c>application/json; charset=utf-8</c>
/// but <c>application/problem+json</c> (problem details, also from the status-code pages) without a charset; this
/// adds <c>charset=utf-8</c> to JSON and text content types that lack one. Every text body Kamino writes is UTF-8.
/// </summary>
public static class Utf8Charset
{
    public static IApplicationBuilder UseUtf8Charset(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            http.Response.ContentType = WithCharset(http.Response.ContentType);
            return Task.CompletedTask;
        });
        return next(http);
    });

    /// <summary><paramref name="contentType"/> with <c>; charset=utf-8</c> when it is JSON or text without a charset.</summary>
    internal static string? WithCharset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || contentType.Contains("charset=", StringComparison.OrdinalIgnoreCase))
        {
            return contentType;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        var textual = mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        return textual ? contentType.TrimEnd().TrimEnd(';') + "; charset=utf-8" : contentType;
    }
}
