using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kamino.Host.Web;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Kamino believes (setting
/// <see cref="Setting"/>: addresses and CIDR networks). None by default: a client that reaches Kamino directly,
/// even from this machine, cannot choose the address the sign-in rate limit and the security log see, nor make
/// plain http look like https.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Configuration key: a list (<c>Kamino:TrustedProxies:0</c>, …) or one value separated by commas, semicolons or spaces.</summary>
    public const string Setting = "Kamino:TrustedProxies";

    /// <summary>
    /// Applies the forwarded headers of the trusted proxies. With none configured the middleware is not added at
    /// all: ASP.NET Core's forwarded-headers middleware with empty proxy lists would trust every sender.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var options = Options(configuration);
        return options is null ? app : app.UseForwardedHeaders(options);
    }

    /// <summary>The forwarded-headers options for the configured proxies, or null when none is configured.</summary>
    public static ForwardedHeadersOptions? Options(IConfiguration configuration)
    {
        var entries = Entries(configuration, Setting);
        if (entries.Count == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            var (address, network) = Parse(entry, Setting);
            if (network is { } n)
            {
                options.KnownIPNetworks.Add(n);
            }
            else
            {
                options.KnownProxies.Add(address!);
            }
        }

        return options;
    }

    /// <summary>One entry of an address list: a network (<c>10.0.0.0/8</c>) or an address; anything else stops the start naming the setting.</summary>
    internal static (IPAddress? Address, System.Net.IPNetwork? Network) Parse(string entry, string setting) =>
        entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network) ? (null, network)
        : IPAddress.TryParse(entry, out var address) ? (address, null)
        : throw new InvalidOperationException($"{setting}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");

    /// <summary>The addresses or networks of a setting given as one list (commas, semicolons or spaces) or as an array.</summary>
    internal static List<string> Entries(IConfiguration configuration, string setting)
    {
        var section = configuration.GetSection(setting);
        return new[] { section.Value }
            .Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }
}
