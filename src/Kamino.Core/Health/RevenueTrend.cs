using System.Text.Json.Serialization;
using Kamino.Analysis;

namespace Kamino.Health;

/// <summary>Which window the last 90 days are compared with. JSON: camelCase.</summary>
public enum RevenueComparison
{
    /// <summary>The same 90 days a year before.</summary>
    [JsonStringEnumMemberName("yearBefore")]
    YearBefore,

    /// <summary>The 90 days before the last 90 (the account has no sale a year back).</summary>
    [JsonStringEnumMemberName("previous90Days")]
    Previous90Days,
}

/// <summary>The three 90-day windows of the revenue trend on a day.</summary>
/// <param name="Current">The last 90 days, today included.</param>
/// <param name="YearBefore">The same 90 days a year before.</param>
/// <param name="Previous">The 90 days before <paramref name="Current"/>.</param>
public sealed record RevenueWindows(DateRange Current, DateRange YearBefore, DateRange Previous)
{
    /// <summary>The first day any of the windows needs.</summary>
    public DateOnly EarliestDay => YearBefore.From < Previous.From ? YearBefore.From : Previous.From;
}

/// <summary>An account's net revenue in the windows of <see cref="RevenueWindows"/>, in cents.</summary>
/// <param name="HasYearBeforeHistory">The account has a sale on or before the last day of the year-before window.</param>
public sealed record RevenueSums(long CurrentCents, long YearBeforeCents, long PreviousCents, bool HasYearBeforeHistory);

/// <summary>The trend of an account's revenue: the last 90 days against the comparison window.</summary>
/// <param name="Change">r = current / comparison − 1 (−0.3 is a 30% fall); null when the comparison window has no revenue (≤ 0).</param>
public sealed record RevenueTrendResult(RevenueComparison Comparison, long CurrentCents, long ComparisonCents, decimal? Change);

/// <summary>
/// The revenue trend rule, pure (PRODUCT.md §3, Health score and Alerts): the last 90 days against the same 90 days
/// a year before, or against the previous 90 days when the account has no sale that far back.
/// </summary>
public static class RevenueTrend
{
    public const int WindowDays = 90;

    /// <summary>A fall of at least this share raises a <c>revenueDrop</c> alert.</summary>
    public const decimal DropAlertChange = -0.30m;

    public static RevenueWindows Windows(DateOnly today)
    {
        var current = new DateRange(today.AddDays(1 - WindowDays), today);
        var yearAgo = today.AddYears(-1);
        var yearBefore = new DateRange(yearAgo.AddDays(1 - WindowDays), yearAgo);
        var previous = new DateRange(current.From.AddDays(-WindowDays), current.From.AddDays(-1));
        return new RevenueWindows(current, yearBefore, previous);
    }

    public static RevenueTrendResult Of(RevenueSums sums)
    {
        var comparison = sums.HasYearBeforeHistory ? RevenueComparison.YearBefore : RevenueComparison.Previous90Days;
        var basis = sums.HasYearBeforeHistory ? sums.YearBeforeCents : sums.PreviousCents;
        decimal? change = basis <= 0 ? null : Math.Round((decimal)sums.CurrentCents / basis - 1m, 4, MidpointRounding.AwayFromZero);
        return new RevenueTrendResult(comparison, sums.CurrentCents, basis, change);
    }

    /// <summary>Whether the trend is a <c>revenueDrop</c>: down by 30% or more against a window with revenue.</summary>
    public static bool IsDrop(RevenueTrendResult trend) => trend.Change is { } r && r <= DropAlertChange;
}
