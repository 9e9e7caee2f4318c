using System.Globalization;
using System.Text;

namespace Kamino.Host.Web;

/// <summary>
/// Security events (ASVS 16.3.1–16.3.3) under the log category <c>Kamino.Security</c>: who (the user or the
/// sign-in name tried), from which client address (after the trusted proxy's X-Forwarded-For) and when (UTC,
/// from the app's <see cref="TimeProvider"/>). Values that came from a request are escaped so that one event is
/// one line in any sink (ASVS 16.4.1).
/// </summary>
public static partial class SecurityLog
{
    public const string Category = "Kamino.Security";

    private const int MaxValueLength = 200;

    public static void SignInSucceeded(HttpContext http, string user, string scheme) =>
        SignInSucceeded(Logger(http), Clean(user), scheme, ClientIp(http), Now(http));

    public static void SignInFailed(HttpContext http, string user, string reason) =>
        SignInFailed(Logger(http), Clean(user), reason, ClientIp(http), Now(http));

    public static void LockedOut(HttpContext http, string user) =>
        LockedOut(Logger(http), Clean(user), ClientIp(http), Now(http));

    public static void AccessDenied(HttpContext http, string? userId, string workspace, string permission) =>
        AccessDenied(Logger(http), Clean(userId), Clean(workspace), permission, http.Request.Method, RequestLog.SafePath(http.Request.Path), ClientIp(http), Now(http));

    public static void NotAMember(HttpContext http, string? userId, string workspace) =>
        NotAMember(Logger(http), Clean(userId), Clean(workspace), http.Request.Method, RequestLog.SafePath(http.Request.Path), ClientIp(http), Now(http));

    public static void CrossOriginRejected(HttpContext http, string origin) =>
        CrossOriginRejected(Logger(http), Clean(origin), RequestLog.SafePath(http.Request.Path), ClientIp(http), Now(http));

    /// <summary>Control characters (CR, LF, …) become <c>\uXXXX</c>; overlong values are cut.</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var text = value.Length > MaxValueLength ? value[..MaxValueLength] + "…" : value;
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            clean.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return clean.ToString();
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Sign-in succeeded for {User} ({Scheme}) from {ClientIp} at {TimeUtc}")]
    private static partial void SignInSucceeded(ILogger logger, string user, string scheme, string clientIp, string timeUtc);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Sign-in failed for {User} ({Reason}) from {ClientIp} at {TimeUtc}")]
    private static partial void SignInFailed(ILogger logger, string user, string reason, string clientIp, string timeUtc);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Account locked out: {User} from {ClientIp} at {TimeUtc}")]
    private static partial void LockedOut(ILogger logger, string user, string clientIp, string timeUtc);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "Access denied (403) to user {UserId} in workspace {Workspace}: needs {Permission} for {Method} {Path}, from {ClientIp} at {TimeUtc}")]
    private static partial void AccessDenied(ILogger logger, string userId, string workspace, string permission, string method, string path, string clientIp, string timeUtc);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning, Message = "Not a member (404): user {UserId} asked for workspace {Workspace} with {Method} {Path}, from {ClientIp} at {TimeUtc}")]
    private static partial void NotAMember(ILogger logger, string userId, string workspace, string method, string path, string clientIp, string timeUtc);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Warning, Message = "Cross-origin Blazor request refused (403): origin {Origin} for {Path}, from {ClientIp} at {TimeUtc}")]
    private static partial void CrossOriginRejected(ILogger logger, string origin, string path, string clientIp, string timeUtc);

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "-";

    private static string Now(HttpContext http) =>
        http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
