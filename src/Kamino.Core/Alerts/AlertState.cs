using System.Text.Json.Serialization;

namespace Kamino.Alerts;

/// <summary>The kinds of alert (PRODUCT.md §3, Alerts). JSON: the names in code, camelCase.</summary>
public enum AlertKind
{
    [JsonStringEnumMemberName("checkinOverdue")]
    CheckinOverdue,

    [JsonStringEnumMemberName("csatLow")]
    CsatLow,

    [JsonStringEnumMemberName("csatDrop")]
    CsatDrop,

    [JsonStringEnumMemberName("npsDetractor")]
    NpsDetractor,

    [JsonStringEnumMemberName("revenueDrop")]
    RevenueDrop,

    [JsonStringEnumMemberName("taskOverdue")]
    TaskOverdue,

    [JsonStringEnumMemberName("orderLate")]
    OrderLate,

    [JsonStringEnumMemberName("discountApproval")]
    DiscountApproval,
}

/// <summary>What a user did with an alert.</summary>
public enum AlertAction
{
    /// <summary>Seen; hidden until the alert changes.</summary>
    Acknowledged,

    /// <summary>Hidden until a day (or until the alert changes, whichever comes first).</summary>
    Snoozed,
}

/// <summary>
/// One user's acknowledgement or snooze of one alert. Alerts themselves are derived from the data, never stored; this
/// row hides one for its user while the alert's <see cref="Fingerprint"/> is unchanged (and, for a snooze, until
/// <see cref="SnoozedUntil"/>). Kept with who (<see cref="UserId"/>) and when (<see cref="At"/>).
/// </summary>
public sealed class AlertDismissal
{
    public const int MaxKeyLength = 100;

    public int WorkspaceId { get; set; }

    public required string UserId { get; set; }

    /// <summary>Which alert: kind, customer and subject, e.g. <c>taskOverdue:12:345</c> (stable while the alert lasts).</summary>
    public required string AlertKey { get; set; }

    /// <summary>What the alert said when it was dismissed (e.g. its "since" day and figure); a change shows it again.</summary>
    public required string Fingerprint { get; set; }

    public AlertAction Action { get; set; }

    /// <summary>For a snooze: the last day it stays hidden.</summary>
    public DateOnly? SnoozedUntil { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>The weekly alert digest sent to one user for one week (its Monday): the key makes "send once" hold even when two runs race.</summary>
public sealed class AlertDigest
{
    public int WorkspaceId { get; set; }

    public required string UserId { get; set; }

    /// <summary>Monday of the week the digest is for.</summary>
    public DateOnly Week { get; set; }

    /// <summary>Alerts it listed.</summary>
    public int Alerts { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
