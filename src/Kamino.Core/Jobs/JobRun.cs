namespace Kamino.Jobs;

/// <summary>
/// One run of a background job for one period (a day): the node that claimed it, when (Unix milliseconds, so that
/// both engines compare them in SQL), how many times it was claimed, and how it ended (null while it runs).
/// </summary>
public sealed class JobRun
{
    public required string Job { get; set; }

    public required string Period { get; set; }

    public required string Node { get; set; }

    public long StartedMs { get; set; }

    public long? FinishedMs { get; set; }

    public int Attempts { get; set; }

    /// <summary>What the run did ("3 sent, 0 failed"), once finished.</summary>
    public string? Result { get; set; }

    public DateTimeOffset StartedAt => DateTimeOffset.FromUnixTimeMilliseconds(StartedMs);

    public DateTimeOffset? FinishedAt => FinishedMs is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null;
}
