using Kamino.Import;

namespace Kamino.Host.Import;

/// <summary>
/// How far the files of one import on the web page are: bytes read of all of them (a CSV reports its bytes as it
/// goes; other formats count whole when done), rows read, rows per second and the time left at that pace. Tells the
/// page to redraw at most <see cref="MaxRedrawsPerSecond"/> times a second.
/// </summary>
internal sealed class ImportMeter(long totalBytes, TimeProvider clock)
{
    public const int MaxRedrawsPerSecond = 4;

    private readonly long started = clock.GetTimestamp();
    private long finishedBytes;
    private long finishedRows;
    private long lastRedraw;

    public long Rows { get; private set; }

    public long Bytes { get; private set; }

    public long TotalBytes => totalBytes;

    /// <summary>0–100, by bytes.</summary>
    public int Percent => totalBytes <= 0 ? 0 : (int)Math.Clamp(Bytes * 100 / totalBytes, 0, 100);

    public double RowsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Rows / Elapsed.TotalSeconds;

    /// <summary>At the pace so far; null until a second has passed and some bytes are read.</summary>
    public TimeSpan? Left => Bytes <= 0 || Elapsed < TimeSpan.FromSeconds(1)
        ? null
        : TimeSpan.FromSeconds(Math.Max(0, Elapsed.TotalSeconds * (totalBytes - Bytes) / Bytes));

    private TimeSpan Elapsed => clock.GetElapsedTime(started);

    /// <summary>The current file's progress; true when the page should redraw now.</summary>
    public bool Report(ImportProgress p)
    {
        Rows = finishedRows + p.Rows;
        Bytes = finishedBytes + p.Bytes;
        var now = clock.GetTimestamp();
        if (lastRedraw != 0 && clock.GetElapsedTime(lastRedraw, now) < TimeSpan.FromSeconds(1.0 / MaxRedrawsPerSecond))
        {
            return false;
        }

        lastRedraw = now;
        return true;
    }

    /// <summary>A file is done: all its bytes and rows count.</summary>
    public void FileDone(long fileBytes, int rows)
    {
        finishedBytes += fileBytes;
        finishedRows += rows;
        Rows = finishedRows;
        Bytes = finishedBytes;
    }
}
