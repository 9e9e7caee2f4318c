using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kamino.Email;

/// <summary>Who a message goes to: an address, the name shown with it, and the language the message is written in (English when not given).</summary>
public sealed record EmailRecipient(string Address, string Name, string? Language = null)
{
    public CultureInfo Culture => SignIn.UserLanguage.Of(Language);
}

/// <summary>One message, in plain text and HTML (the HTML is already encoded by whoever built it).</summary>
public sealed record EmailMessage(EmailRecipient To, string Subject, string Text, string Html);

/// <summary>What happened to one message of a batch: <see cref="Error"/> is null when the server accepted it.</summary>
public sealed record EmailResult(EmailMessage Message, string? Error)
{
    public bool Sent => Error is null;
}

/// <summary>
/// Sends messages through the SMTP server of <see cref="SmtpSettings"/> with MailKit. Header injection is
/// impossible: every text that goes into a header (subject, display names) has its control characters (CR, LF,
/// tabs…) replaced by spaces, addresses with whitespace or control characters are refused, and the only
/// envelope recipient of a message is its <see cref="EmailMessage.To"/> address.
/// </summary>
public sealed class EmailSender(SmtpSettings settings)
{
    public SmtpSettings Settings { get; } = settings;

    /// <summary>Sends one message; throws when the server refuses it or cannot be reached.</summary>
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var result = (await SendAsync([message], ct))[0];
        if (!result.Sent)
        {
            throw new InvalidOperationException($"The message to {message.To.Address} was not sent: {result.Error}");
        }
    }

    /// <summary>
    /// Sends the messages over one connection, in order. A message the server refuses (a rejected recipient)
    /// is reported and the others are still sent; a failure to connect or authenticate throws before any is sent.
    /// </summary>
    public async Task<IReadOnlyList<EmailResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct = default)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        if (!Settings.IsConfigured)
        {
            throw new InvalidOperationException("SMTP is not configured: a host and a sender address are needed.");
        }

        var built = messages.Select(m => (Message: m, Mime: Build(Settings, m))).ToList();
        using var client = new SmtpClient();
        var security = Settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        };
        await client.ConnectAsync(Settings.Host, Settings.Port, security, ct);
        if (!string.IsNullOrEmpty(Settings.User))
        {
            await client.AuthenticateAsync(Settings.User, Settings.Password ?? "", ct);
        }

        var results = new List<EmailResult>(built.Count);
        foreach (var (message, mime) in built)
        {
            if (!client.IsConnected)
            {
                results.Add(new EmailResult(message, "The connection to the SMTP server was lost."));
                continue;
            }

            try
            {
                await client.SendAsync(mime, ct);
                results.Add(new EmailResult(message, null));
            }
            catch (SmtpCommandException e)
            {
                results.Add(new EmailResult(message, $"{e.StatusCode}: {e.Message}"));
            }
            catch (SmtpProtocolException e)
            {
                results.Add(new EmailResult(message, e.Message));
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, ct);
        }

        return results;
    }

    /// <summary>The MIME message for <paramref name="message"/>: From the settings, To the recipient, text and HTML alternatives.</summary>
    public static MimeMessage Build(SmtpSettings settings, EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(HeaderText(settings.FromName), CheckedAddress(settings.FromAddress)));
        mime.To.Add(new MailboxAddress(HeaderText(message.To.Name), CheckedAddress(message.To.Address)));
        mime.Subject = HeaderText(message.Subject);
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// Text safe for a header: control characters (CR, LF, tab, NUL…) and Unicode line separators become
    /// spaces, runs of spaces collapse, and the ends are trimmed. "a\r\nBcc: x" becomes "a Bcc: x", one line.
    /// </summary>
    public static string HeaderText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (blank)
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Trim();
    }

    private static string CheckedAddress(string address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || !MailboxAddress.TryParse(address, out _))
        {
            throw new ArgumentException($"'{HeaderText(address)}' is not a valid email address.", nameof(address));
        }

        return address;
    }
}
