namespace Kamino.Backup;

/// <summary>
/// One backup taken by <c>kamino backup</c>, <c>serve</c>'s daily backup or a Director's "back up now": where it went,
/// how it ended and what it held. An installation table (every node sees it), not a workspace's.
/// </summary>
public sealed class BackupRun
{
    public long Id { get; set; }

    /// <summary>What started it: <c>daily</c>, <c>cli</c> or <c>api</c>.</summary>
    public required string Trigger { get; set; }

    /// <summary>The node (machine:process) that took it.</summary>
    public required string Node { get; set; }

    /// <summary>The copy's file name (no folder: a Director of one workspace sees it).</summary>
    public required string File { get; set; }

    public long StartedMs { get; set; }

    public long FinishedMs { get; set; }

    /// <summary>True when the copy was written and verified.</summary>
    public bool Succeeded { get; set; }

    /// <summary>Size of the copy in bytes (0 when it failed).</summary>
    public long Bytes { get; set; }

    /// <summary>Rows in the copy, all tables together.</summary>
    public long Rows { get; set; }

    /// <summary>The last migration the copy holds.</summary>
    public string? SchemaVersion { get; set; }

    /// <summary>What happened, in one line ("verified: integrity ok, 27 tables" or the failure).</summary>
    public required string Result { get; set; }

    public DateTimeOffset StartedAt => DateTimeOffset.FromUnixTimeMilliseconds(StartedMs);

    public DateTimeOffset FinishedAt => DateTimeOffset.FromUnixTimeMilliseconds(FinishedMs);
}
