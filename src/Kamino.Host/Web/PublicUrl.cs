using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kamino.Host.Web;

/// <summary>
/// The address users reach Kamino at, for links that leave the request (invitation emails): setting
/// <see cref="Setting"/> (<c>kamino serve --public-url</c>), else the first address Kamino listens on (https
/// preferred, a wildcard host read as <c>localhost</c>). Never the request's <c>Host</c> or forwarded headers,
/// which the client chooses.
/// </summary>
public sealed class PublicUrl(IServer server, IConfiguration configuration)
{
    public const string Setting = "Kamino:PublicUrl";

    private readonly string? configured = Parse(configuration[Setting]);

    /// <summary>The root, without a trailing slash (<c>https://kamino.example.com</c> or <c>https://example.com/kamino</c>).</summary>
    public string Root =>
        configured ?? FromListenUrls(server.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } addresses
            ? addresses
            : (configuration["urls"] ?? ServeCommand.DefaultUrls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The absolute URL of the app's <paramref name="path"/> (which starts with '/').</summary>
    public string For(string path) => Root + path;

    /// <summary>The configured value as a root URL, or null when not set; anything but an absolute http(s) URL without query is refused.</summary>
    public static string? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"{Setting}: '{value}' is not an absolute http(s) URL such as https://kamino.example.com.");
        }

        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The first https URL of <paramref name="urls"/> (else the first), with a wildcard host read as localhost.</summary>
    public static string FromListenUrls(IEnumerable<string> urls)
    {
        var list = urls.ToList();
        var url = list.FirstOrDefault(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? list.FirstOrDefault() ?? ServeCommand.DefaultUrls;
        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
        {
            url = url.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return url.TrimEnd('/');
    }
}
