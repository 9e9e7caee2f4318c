using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Orders;

/// <summary>What the statistics read of one order: its tier snapshot, times and status.</summary>
public sealed record OrderTimes(string Tier, int Priority, OrderStatus Status, DateTime ReceivedAt, DateTime PromisedAt, DateTime? FulfilledAt);

/// <summary>
/// How one tier's orders were served over a period (JSON as the CLI and the API print it). <see cref="Orders"/>: orders
/// received in the period, whatever their status; <see cref="Fulfilled"/>: those of them fulfilled. Handling hours run
/// from received to fulfilled, in calendar hours, over the fulfilled orders only: <see cref="MedianHours"/> and
/// <see cref="P90Hours"/> by the nearest-rank method (<see cref="OrderStats.NearestRank"/>), rounded to 0.1 h;
/// <see cref="OnTimeShare"/> the share of the fulfilled ones fulfilled by their promised time (0..1, 4 decimals). The
/// three are null when nothing was fulfilled.
/// </summary>
public sealed record TierOrderStats(string Tier, int Priority, int Orders, int Fulfilled, decimal? MedianHours, decimal? P90Hours, decimal? OnTimeShare);

/// <summary>The statistics of a period (its first and last day, inclusive, by the UTC day an order was received), one row per tier, highest priority first.</summary>
public sealed record OrderStatsReport(DateOnly From, DateOnly To, IReadOnlyList<TierOrderStats> Tiers);

/// <summary>
/// "Faster orders, measured" (issue 14): per tier, how many orders came in, how many were fulfilled, the median and 90th
/// percentile of their handling time and the share fulfilled on time, so an owner can see that key accounts are served
/// faster. The tier is the order's snapshot (what was promised when it came in), so a later designation moves nothing.
/// </summary>
public static class OrderStats
{
    /// <summary>The default period: the last 90 days, today included.</summary>
    public const int DefaultDays = 90;

    /// <summary>
    /// The period asked for: both days as given; only <paramref name="to"/>: the 90 days ending on it; only
    /// <paramref name="from"/>: from it to <paramref name="today"/>; neither: the 90 days ending today.
    /// </summary>
    public static (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var last = to ?? today;
        return (from ?? last.AddDays(-(DefaultDays - 1)), last);
    }

    /// <summary>
    /// The p-th percentile (0 &lt; p ≤ 100) of <paramref name="sorted"/> (ascending, not empty) by the nearest-rank
    /// method: the value at rank ⌈p/100 × n⌉ (1-based). The median is the 50th: for an even count, the lower of the two
    /// middle values. Every result is one of the values, never an interpolation.
    /// </summary>
    public static decimal NearestRank(IReadOnlyList<decimal> sorted, int p)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        var rank = (int)Math.Ceiling(p * sorted.Count / 100m);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>Handling time in calendar hours (fulfilled − received).</summary>
    public static decimal HandlingHours(DateTime receivedAt, DateTime fulfilledAt) => (decimal)(fulfilledAt - receivedAt).TotalHours;

    /// <summary>Whether a fulfilled order was on time: fulfilled at or before its promised time.</summary>
    public static bool OnTime(DateTime promisedAt, DateTime fulfilledAt) => fulfilledAt <= promisedAt;

    /// <summary>The statistics of <paramref name="orders"/> (already limited to the period), one row per tier, by priority then name.</summary>
    public static IReadOnlyList<TierOrderStats> Of(IEnumerable<OrderTimes> orders) =>
        orders.GroupBy(o => o.Tier, StringComparer.Ordinal)
            .Select(g =>
            {
                var fulfilled = g.Where(o => o.Status == OrderStatus.Fulfilled && o.FulfilledAt is not null).ToList();
                var hours = fulfilled.Select(o => HandlingHours(o.ReceivedAt, o.FulfilledAt!.Value)).Order().ToList();
                var onTime = fulfilled.Count(o => OnTime(o.PromisedAt, o.FulfilledAt!.Value));
                return new TierOrderStats(g.Key, g.Min(o => o.Priority), g.Count(), fulfilled.Count,
                    hours.Count == 0 ? null : Hours(NearestRank(hours, 50)),
                    hours.Count == 0 ? null : Hours(NearestRank(hours, 90)),
                    fulfilled.Count == 0 ? null : Math.Round((decimal)onTime / fulfilled.Count, 4, MidpointRounding.AwayFromZero));
            })
            .OrderBy(t => t.Priority).ThenBy(t => t.Tier, StringComparer.Ordinal)
            .ToList();

    /// <summary>The workspace's statistics over [<paramref name="from"/>, <paramref name="to"/>] (days of receipt, UTC, inclusive).</summary>
    public static async Task<OrderStatsReport> ReportAsync(KaminoDb db, int workspaceId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = await db.Orders.AsNoTracking()
            .Where(o => o.WorkspaceId == workspaceId && o.ReceivedAt >= start && o.ReceivedAt < end)
            .Select(o => new OrderTimes(o.TierName, o.Priority, o.Status, o.ReceivedAt, o.PromisedAt, o.FulfilledAt))
            .ToListAsync(ct);
        return new OrderStatsReport(from, to, Of(rows));
    }

    private static decimal Hours(decimal hours) => Math.Round(hours, 1, MidpointRounding.AwayFromZero);
}
