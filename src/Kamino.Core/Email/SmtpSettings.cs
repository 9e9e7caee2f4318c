using System.Text;

namespace Kamino.Email;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text. Only for a server on the same machine or a test server on loopback.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS before anything is sent (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,
}

/// <summary>
/// The outgoing mail server: the configuration section <c>Smtp</c> (<c>Smtp:Host</c>, <c>Smtp:Port</c>, …), read
/// the same way by <c>kamino serve</c> and by the commands that send email (docs/tasks.md). The server's
/// certificate is always validated when TLS is used.
/// </summary>
public sealed record SmtpSettings
{
    public const string SectionName = "Smtp";

    public string Host { get; init; } = "";

    public int Port { get; init; } = 587;

    /// <summary>StartTls unless set; the host's binding makes it Ssl on port 465 when the setting is absent.</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>User name for SMTP authentication; none when null or empty.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The sender address of every message, e.g. <c>kamino@example.com</c>.</summary>
    public string FromAddress { get; init; } = "";

    public string FromName { get; init; } = "Kamino";

    /// <summary>The hour (UTC, 0–23) at which <c>kamino serve</c> sends the day's reminders and digests.</summary>
    public int DailyHourUtc { get; init; } = 7;

    /// <summary>A host and a sender address are set: email can be sent.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(FromAddress);

    /// <summary>Keeps the password out of logs and exception messages that print the settings.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host)
            .Append(", Port = ").Append(Port)
            .Append(", Security = ").Append(Security)
            .Append(", User = ").Append(User)
            .Append(", Password = ").Append(string.IsNullOrEmpty(Password) ? "" : "***")
            .Append(", FromAddress = ").Append(FromAddress)
            .Append(", FromName = ").Append(FromName)
            .Append(", DailyHourUtc = ").Append(DailyHourUtc);
        return true;
    }
}
