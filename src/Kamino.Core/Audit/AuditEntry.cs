using Kamino.Data;

namespace Kamino.Audit;

/// <summary>
/// One change, append-only: who changed what on a customer, designation, team or task, and when. Rows are
/// only ever inserted; nothing updates or deletes them.
/// </summary>
public sealed class AuditEntry : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user who made the change; null for the system (imports by the CLI, reminders).</summary>
    public string? UserId { get; set; }

    /// <summary>Kind of record changed: <c>customer</c>, <c>designation</c>, <c>team</c>, <c>task</c>, <c>member</c>.</summary>
    public required string Entity { get; set; }

    public required string EntityId { get; set; }

    /// <summary>The account the change concerns, so an account page can show its history.</summary>
    public long? CustomerId { get; set; }

    public required string Action { get; set; }

    /// <summary>The change in English (from → to), as recorded; old rows have only this.</summary>
    public required string Summary { get; set; }

    /// <summary>Which sentence describes the change (<see cref="AuditWords"/>); null on rows written before keys.</summary>
    public string? SummaryKey { get; set; }

    /// <summary>The sentence's values as recorded, a JSON array of strings (keys, emails, ISO dates, invariant numbers).</summary>
    public string? SummaryArgs { get; set; }
}
