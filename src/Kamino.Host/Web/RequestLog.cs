using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration.Memory;

namespace Kamino.Host.Web;

/// <summary>
/// The request log (category <see cref="Category"/>), written by Kamino instead of ASP.NET Core's hosting log
/// because that one writes the raw path and query: invitation links and tokens would sit in the log in plain
/// text. Here every path goes through <see cref="SafePath"/> first. Also the logging defaults: in Production
/// only warnings, except the security log (<see cref="SecurityLog.Category"/>) and start-up messages.
/// </summary>
public static partial class RequestLog
{
    public const string Category = "Kamino.Requests";

    /// <summary>What replaces a secret in a logged path.</summary>
    public const string Redacted = "***";

    /// <summary>Response header carrying the request's id, the <c>RequestId</c> of its log lines.</summary>
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>Configuration key: this node's name, sent as <see cref="NodeHeader"/> when set (several nodes behind a proxy).</summary>
    public const string NodeNameSetting = "Kamino:NodeName";

    /// <summary>Response header naming the node that answered (only when <see cref="NodeNameSetting"/> is set).</summary>
    public const string NodeHeader = "X-Kamino-Node";

    /// <summary>Path segments followed by a secret (the invitation token, the calendar feed token).</summary>
    private static readonly string[] SecretAfter = ["invite", "invitations", "calendar"];

    /// <summary>Query parameters whose value is a secret (matched as a part of the name, ignoring case).</summary>
    private static readonly string[] SecretQueryNames = ["token", "code", "secret", "password", "key", "signature"];

    /// <summary>
    /// Logging defaults, below every configuration source (so <c>appsettings.json</c>, environment variables and
    /// the command line override them), and the hosting request log turned off for good (it logs raw paths).
    /// </summary>
    public static void AddKaminoLogging(this WebApplicationBuilder builder)
    {
        var defaults = new Dictionary<string, string?>();
        if (builder.Environment.IsProduction())
        {
            defaults["Logging:LogLevel:Default"] = "Warning";
            defaults["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information";
            defaults["Logging:LogLevel:" + SecurityLog.Category] = "Information";
        }

        // One JSON object per line, with the request's scope (RequestId, RequestPath) on every line written during a
        // request; Logging:Console:FormatterName=simple gives the plain text format back.
        defaults["Logging:Console:FormatterName"] = "json";
        defaults["Logging:Console:FormatterOptions:IncludeScopes"] = "true";
        defaults["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true";
        defaults["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ";

        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
    }

    /// <summary>Logs each request once it is answered: method, <see cref="SafePath"/>, status and duration.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var node = app.ApplicationServices.GetRequiredService<IConfiguration>()[NodeNameSetting];
        return app.Use(async (http, next) =>
        {
            // The id every log line of this request carries (JSON logs: Scopes[].RequestId), for a user to quote.
            http.Response.Headers[RequestIdHeader] = http.TraceIdentifier;
            if (!string.IsNullOrEmpty(node))
            {
                http.Response.Headers[NodeHeader] = node;
            }
            if (!log.IsEnabled(LogLevel.Information))
            {
                await next(http);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                Answered(log, http.Request.Method, SafePath(http.Request.Path, http.Request.QueryString), http.Response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    /// <summary>The request's path and query with secrets replaced by <see cref="Redacted"/>, control characters escaped.</summary>
    public static string SafePath(PathString path, QueryString query = default) => SecurityLog.Clean(Redact(path.Value, query.Value));

    /// <summary>
    /// <paramref name="path"/> with the segment after <c>invite</c>/<c>invitations</c> redacted, and
    /// <paramref name="query"/> (with its '?') with the values of token-like parameters redacted.
    /// </summary>
    public static string Redact(string? path, string? query)
    {
        var segments = (path ?? "").Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (SecretAfter.Any(s => string.Equals(Uri.UnescapeDataString(segments[i - 1]), s, StringComparison.OrdinalIgnoreCase)) && segments[i].Length > 0)
            {
                segments[i] = Redacted;
            }
        }

        var result = new StringBuilder(string.Join('/', segments));
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return result.ToString();
        }

        var separator = '?';
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var secret = SecretQueryNames.Any(s => Uri.UnescapeDataString(name).Contains(s, StringComparison.OrdinalIgnoreCase));
            result.Append(separator).Append(equals < 0 || !secret ? pair : name + "=" + Redacted);
            separator = '&';
        }

        return result.ToString();
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs} ms")]
    private static partial void Answered(ILogger logger, string method, string path, int statusCode, long elapsedMs);
}
