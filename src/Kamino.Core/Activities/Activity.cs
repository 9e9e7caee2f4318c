using Kamino.Data;

namespace Kamino.Activities;

/// <summary>What kind of contact with the customer an activity records.</summary>
public enum ActivityType
{
    Call,
    Visit,
    Email,
    Meeting,
    Note,
}

/// <summary>
/// Something done with or about a customer: a call, visit, email, meeting or note. A <see cref="IsCheckin"/> call or
/// visit is a check-in (PRODUCT.md §3, Cadence): it carries a CSAT 1–5 and optionally an NPS 0–10 given by a contact,
/// and may set the next check-in explicitly.
/// </summary>
public sealed class Activity : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public long CustomerId { get; set; }

    public ActivityType Type { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who logged it; null when the CLI logged it (the system).</summary>
    public string? LoggedByUserId { get; set; }

    public required string Summary { get; set; }

    public bool IsCheckin { get; set; }

    /// <summary>Customer satisfaction 1–5; required on a check-in, absent otherwise.</summary>
    public int? Csat { get; set; }

    /// <summary>Net promoter answer 0–10, given by <see cref="NpsContactId"/>.</summary>
    public int? Nps { get; set; }

    public long? NpsContactId { get; set; }

    /// <summary>"Call me back on the 15th": the next check-in date this check-in set, overriding the tier's interval.</summary>
    public DateOnly? NextCheckinOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A team member who took part in an activity.</summary>
public sealed class ActivityMember
{
    public int WorkspaceId { get; set; }

    public long ActivityId { get; set; }

    public required string UserId { get; set; }
}

/// <summary>A contact who took part in an activity.</summary>
public sealed class ActivityContact
{
    public int WorkspaceId { get; set; }

    public long ActivityId { get; set; }

    public long ContactId { get; set; }
}
