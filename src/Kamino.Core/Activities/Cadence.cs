using System.Text.Json.Serialization;

namespace Kamino.Activities;

/// <summary>Where a key account stands against its tier's check-in cadence (PRODUCT.md §3, Cadence). JSON: camelCase.</summary>
public enum CheckinStatus
{
    [JsonStringEnumMemberName("upToDate")]
    UpToDate,

    [JsonStringEnumMemberName("dueSoon")]
    DueSoon,

    [JsonStringEnumMemberName("overdue")]
    Overdue,

    [JsonStringEnumMemberName("neverContacted")]
    NeverContacted,
}

/// <summary>An account's cadence on a day.</summary>
/// <param name="LastCheckin">Day of the latest check-in; null when there has been none.</param>
/// <param name="NextDue">Day the next check-in is due; null when never contacted (due now).</param>
/// <param name="Status">Null when the tier has no cadence (nothing is ever due).</param>
/// <param name="DaysOverdue">Whole days past <paramref name="NextDue"/>; 0 unless overdue.</param>
public sealed record CadenceState(DateOnly? LastCheckin, DateOnly? NextDue, CheckinStatus? Status, int DaysOverdue);

/// <summary>
/// The cadence rule, pure: next check-in due = last check-in + the tier's interval, unless the last check-in set the
/// next one explicitly ("call me back on the 15th"): then that date. Never contacted ⇒ due now. Due soon when the
/// due day is within <see cref="DueSoonDays"/> days (the due day itself included); overdue from the day after.
/// </summary>
public static class Cadence
{
    public const int DueSoonDays = 7;

    /// <param name="lastCheckin">Day of the latest check-in, if any.</param>
    /// <param name="explicitNext">The next check-in day that latest check-in set, if it set one.</param>
    /// <param name="intervalDays">The tier's interval; null: the tier has no cadence.</param>
    /// <param name="today">The day to judge on (the workspace's today, or <c>--today</c>).</param>
    public static CadenceState Of(DateOnly? lastCheckin, DateOnly? explicitNext, int? intervalDays, DateOnly today)
    {
        if (intervalDays is null && explicitNext is null)
        {
            return new CadenceState(lastCheckin, null, null, 0);
        }

        if (lastCheckin is null)
        {
            return new CadenceState(null, null, CheckinStatus.NeverContacted, 0);
        }

        var next = explicitNext ?? lastCheckin.Value.AddDays(intervalDays!.Value);
        var days = today.DayNumber - next.DayNumber;
        var status = days > 0 ? CheckinStatus.Overdue : -days <= DueSoonDays ? CheckinStatus.DueSoon : CheckinStatus.UpToDate;
        return new CadenceState(lastCheckin, next, status, Math.Max(0, days));
    }
}
