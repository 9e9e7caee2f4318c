using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kamino.Tests.Support;

/// <summary>A message as the server received it: the envelope (MAIL FROM, RCPT TO) and the raw DATA, dot-unstuffed.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Data)
{
    /// <summary>The header lines of <see cref="Data"/> (before the first empty line), unfolded as they were sent.</summary>
    public IReadOnlyList<string> HeaderLines => Data[..Math.Max(0, Data.IndexOf("\r\n\r\n", StringComparison.Ordinal))].Split("\r\n");
}

/// <summary>
/// A minimal SMTP server on 127.0.0.1 and a free port, for tests: it speaks EHLO/HELO, MAIL FROM, RCPT TO,
/// DATA, RSET, NOOP and QUIT (no TLS, no authentication) and keeps what it receives. Recipients in
/// <see cref="RejectRecipients"/> are refused with 550, as a real server refuses an unknown mailbox.
/// Lines are split on CRLF only, so a bare CR or LF smuggled into a header stays visible in <see cref="ReceivedMail.Data"/>.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<ReceivedMail> received = new();
    private readonly Task loop;

    public TestSmtpServer()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = AcceptAsync();
    }

    public int Port { get; }

    public ISet<string> RejectRecipients { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ReceivedMail> Messages => [.. received];

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                sessions.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new LineReader(stream);
        async Task Reply(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), stop.Token);

        try
        {
            await Reply("220 kamino-test ESMTP");
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Reply("250-kamino-test");
                        await Reply("250 8BITMIME");
                        break;
                    case "HELO":
                        await Reply("250 kamino-test");
                        break;
                    case "MAIL":
                        from = Address(line);
                        recipients.Clear();
                        await Reply("250 OK");
                        break;
                    case "RCPT":
                        var to = Address(line);
                        if (RejectRecipients.Contains(to))
                        {
                            await Reply("550 5.1.1 No such mailbox");
                        }
                        else
                        {
                            recipients.Add(to);
                            await Reply("250 OK");
                        }

                        break;
                    case "DATA":
                        if (from is null || recipients.Count == 0)
                        {
                            await Reply("503 5.5.1 MAIL and RCPT first");
                            break;
                        }

                        await Reply("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        received.Enqueue(new ReceivedMail(from, [.. recipients], data.ToString()));
                        from = null;
                        recipients.Clear();
                        await Reply("250 OK queued");
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await Reply("250 OK");
                        break;
                    case "NOOP":
                        await Reply("250 OK");
                        break;
                    case "QUIT":
                        await Reply("221 Bye");
                        return;
                    default:
                        await Reply("502 5.5.2 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // The client went away or the server is stopping.
        }
    }

    /// <summary>The address between angle brackets of <c>MAIL FROM:&lt;a&gt;</c> or <c>RCPT TO:&lt;a&gt;</c>.</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }

    /// <summary>Reads CRLF-terminated lines as UTF-8, leaving lone CR and LF inside the line.</summary>
    private sealed class LineReader(NetworkStream stream)
    {
        private readonly byte[] buffer = new byte[8192];
        private readonly MemoryStream line = new();
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            line.SetLength(0);
            while (true)
            {
                if (start == end)
                {
                    end = await stream.ReadAsync(buffer, ct);
                    start = 0;
                    if (end == 0)
                    {
                        return null;
                    }
                }

                var b = buffer[start++];
                line.WriteByte(b);
                if (b == '\n' && line.Length >= 2 && line.GetBuffer()[line.Length - 2] == '\r')
                {
                    return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length - 2);
                }
            }
        }
    }
}
