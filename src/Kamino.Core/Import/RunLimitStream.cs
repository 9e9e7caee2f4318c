using System.Globalization;

namespace Kamino.Import;

/// <summary>
/// A read-only pass-through stream that refuses input with more than <paramref name="maxRun"/> bytes between two
/// separator bytes — a CSV line (separators <c>\n</c> and <c>\r</c>) or an XML token (separator <c>&lt;</c>: a tag or a
/// text node) — or more than <paramref name="maxBytes"/> bytes in all. Parsers buffer a whole line or token before
/// they look at it; this stops a hostile file after <paramref name="maxRun"/> bytes instead of after gigabytes.
/// </summary>
internal sealed class RunLimitStream(Stream inner, long maxRun, long maxBytes, byte separator, byte? otherSeparator = null, bool leaveOpen = false) : Stream
{
    private long run;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary><c>\n</c> bytes read so far (a line number is this + 1).</summary>
    public long Lines { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Check(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Check(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Check(ReadOnlySpan<byte> bytes)
    {
        BytesRead += bytes.Length;
        if (BytesRead > maxBytes)
        {
            throw new InputLimitException(Lines, string.Create(CultureInfo.InvariantCulture, $"more than {maxBytes:N0} bytes"));
        }

        while (bytes.Length > 0)
        {
            var i = otherSeparator is { } other ? bytes.IndexOfAny(separator, other) : bytes.IndexOf(separator);
            var upTo = i < 0 ? bytes.Length : i;
            run += upTo;
            if (run > maxRun)
            {
                throw new InputLimitException(Lines, string.Create(CultureInfo.InvariantCulture, $"more than {maxRun:N0} bytes without a break"));
            }

            if (i < 0)
            {
                return;
            }

            if (bytes[i] == (byte)'\n')
            {
                Lines++;
            }

            run = 0;
            bytes = bytes[(i + 1)..];
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Thrown by <see cref="RunLimitStream"/> when a limit is passed, after <see cref="Lines"/> line breaks.</summary>
internal sealed class InputLimitException(long lines, string message) : IOException(message)
{
    public long Lines => lines;
}
