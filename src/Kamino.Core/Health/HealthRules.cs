using System.Text.Json.Serialization;
using Kamino.Activities;

namespace Kamino.Health;

/// <summary>Health band of a score: 0–50 red, 51–75 amber, 76–100 green. JSON: camelCase.</summary>
public enum HealthBand
{
    [JsonStringEnumMemberName("red")]
    Red,

    [JsonStringEnumMemberName("amber")]
    Amber,

    [JsonStringEnumMemberName("green")]
    Green,
}

/// <summary>The four parts of the health score. JSON: camelCase.</summary>
public enum HealthPartName
{
    [JsonStringEnumMemberName("freshness")]
    Freshness,

    [JsonStringEnumMemberName("satisfaction")]
    Satisfaction,

    [JsonStringEnumMemberName("revenueTrend")]
    RevenueTrend,

    [JsonStringEnumMemberName("overdueTasks")]
    OverdueTasks,
}

/// <summary>Why a part has its value; the fields a kind uses are set, the rest null (a page words it in its language).</summary>
public enum HealthReasonKind
{
    /// <summary>Freshness: the tier has no check-in cadence.</summary>
    NoCadence,

    /// <summary>Freshness: up to date; <see cref="HealthReason.On"/> = next due.</summary>
    UpToDate,

    /// <summary>Freshness: due within 7 days; <see cref="HealthReason.On"/> = next due.</summary>
    DueSoon,

    /// <summary>Freshness: <see cref="HealthReason.Count"/> days overdue against an interval of <see cref="HealthReason.Of"/> days.</summary>
    Overdue,

    /// <summary>Freshness: no check-in yet.</summary>
    NeverContacted,

    /// <summary>Satisfaction: no CSAT yet.</summary>
    NoCsat,

    /// <summary>Satisfaction: latest CSAT <see cref="HealthReason.Count"/> (previous <see cref="HealthReason.Of"/>, if any).</summary>
    Csat,

    /// <summary>Satisfaction: latest CSAT <see cref="HealthReason.Count"/> fell by one point or more from <see cref="HealthReason.Of"/>.</summary>
    CsatFell,

    /// <summary>Revenue: the comparison window has no revenue.</summary>
    NoComparisonRevenue,

    /// <summary>Revenue: changed by <see cref="HealthReason.Change"/> against <see cref="HealthReason.Comparison"/>.</summary>
    RevenueChange,

    /// <summary>Tasks: none overdue.</summary>
    NoOverdueTasks,

    /// <summary>Tasks: <see cref="HealthReason.Count"/> overdue.</summary>
    OverdueTasks,
}

/// <summary>A part's reason: its kind, the figures it names, and its sentence (<see cref="Why"/>; <see cref="Text"/> in recorded English).</summary>
public sealed record HealthReason(HealthReasonKind Kind, Said Why, int? Count = null, int? Of = null, DateOnly? On = null, decimal? Change = null,
    RevenueComparison? Comparison = null)
{
    public string Text => Why.ToString();
}

/// <summary>One part of a health score: its weight, its factor 0..1 (<see cref="Value"/>) and the whole points it adds.</summary>
public sealed record HealthPart(HealthPartName Name, int Weight, decimal Value, int Points, HealthReason Reason);

/// <summary>A health score 0–100 with its band and its parts; the parts' points sum to <see cref="Score"/>.</summary>
public sealed record HealthScore(int Score, HealthBand Band, IReadOnlyList<HealthPart> Parts);

/// <summary>What the health rule needs of one key account on one day.</summary>
/// <param name="IntervalDays">The tier's check-in interval; null when the tier has no cadence.</param>
/// <param name="Cadence">The account's cadence on the day (<see cref="Activities.Cadence.Of"/>).</param>
/// <param name="LatestCsat">Latest CSAT 1–5, if any.</param>
/// <param name="PreviousCsat">The CSAT before it, if any.</param>
/// <param name="OverdueTasks">Open tasks about the account whose due day has passed.</param>
public sealed record HealthInputs(int? IntervalDays, CadenceState Cadence, int? LatestCsat, int? PreviousCsat, RevenueTrendResult Revenue, int OverdueTasks);

/// <summary>
/// The health score rule, pure (PRODUCT.md §3, Health score): four parts, each its weight times a factor 0..1. The
/// score is the rounded sum; each part's whole points are apportioned by largest remainder so they add up to it.
/// </summary>
public static class HealthRules
{
    /// <summary>Interval used to scale an overdue explicit next check-in on a tier without cadence.</summary>
    public const int FallbackIntervalDays = 30;

    public static HealthBand BandOf(int score) => score <= 50 ? HealthBand.Red : score <= 75 ? HealthBand.Amber : HealthBand.Green;

    public static HealthScore Score(HealthInputs inputs, HealthWeights weights)
    {
        var parts = new (HealthPartName Name, int Weight, decimal Value, HealthReason Reason)[]
        {
            Freshness(inputs, weights.Freshness),
            Satisfaction(inputs, weights.Satisfaction),
            Revenue(inputs.Revenue, weights.Revenue),
            Tasks(inputs.OverdueTasks, weights.Tasks),
        };
        var exact = parts.Select(p => p.Weight * p.Value).ToArray();
        var score = (int)Math.Round(exact.Sum(), MidpointRounding.AwayFromZero);
        var points = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = score - points.Sum();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(Math.Max(0, left)))
        {
            points[i]++;
        }

        return new HealthScore(score, BandOf(score), parts.Select((p, i) => new HealthPart(p.Name, p.Weight, p.Value, points[i], p.Reason)).ToList());
    }

    private static (HealthPartName, int, decimal, HealthReason) Freshness(HealthInputs inputs, int weight)
    {
        var c = inputs.Cadence;
        var (value, reason) = c.Status switch
        {
            null => (1m, new HealthReason(HealthReasonKind.NoCadence, Said.Of("health.no-cadence"))),
            CheckinStatus.UpToDate => (1m, new HealthReason(HealthReasonKind.UpToDate, Said.Of("health.up-to-date", c.NextDue), On: c.NextDue)),
            CheckinStatus.DueSoon => (0.75m, new HealthReason(HealthReasonKind.DueSoon, Said.Of("health.due-soon", c.NextDue), On: c.NextDue)),
            CheckinStatus.NeverContacted => (0m, new HealthReason(HealthReasonKind.NeverContacted, Said.Of("health.never-contacted"))),
            CheckinStatus.Overdue => Overdue(c.DaysOverdue, inputs.IntervalDays ?? FallbackIntervalDays),
            _ => throw new ArgumentOutOfRangeException(nameof(inputs), c.Status, "unknown check-in status"),
        };
        return (HealthPartName.Freshness, weight, value, reason);

        static (decimal, HealthReason) Overdue(int days, int interval) =>
            (Round(0.5m * Math.Max(0m, 1m - (decimal)days / interval)),
                new HealthReason(HealthReasonKind.Overdue, Said.Of("health.overdue", days, interval), Count: days, Of: interval));
    }

    private static (HealthPartName, int, decimal, HealthReason) Satisfaction(HealthInputs inputs, int weight)
    {
        if (inputs.LatestCsat is not { } latest)
        {
            return (HealthPartName.Satisfaction, weight, 0.5m, new HealthReason(HealthReasonKind.NoCsat, Said.Of("health.no-csat")));
        }

        var value = (latest - 1) / 4m;
        if (inputs.PreviousCsat is { } previous && latest <= previous - 1)
        {
            return (HealthPartName.Satisfaction, weight, Math.Max(0m, value - 0.25m),
                new HealthReason(HealthReasonKind.CsatFell, Said.Of("health.csat-fell", latest, previous), Count: latest, Of: previous));
        }

        var text = inputs.PreviousCsat is { } p ? Said.Of("health.csat-before", latest, p) : Said.Of("health.csat", latest);
        return (HealthPartName.Satisfaction, weight, value, new HealthReason(HealthReasonKind.Csat, text, Count: latest, Of: inputs.PreviousCsat));
    }

    private static (HealthPartName, int, decimal, HealthReason) Revenue(RevenueTrendResult trend, int weight)
    {
        var window = trend.Comparison == RevenueComparison.YearBefore ? "year-before" : "previous";
        if (trend.Change is not { } r)
        {
            return (HealthPartName.RevenueTrend, weight, 1m,
                new HealthReason(HealthReasonKind.NoComparisonRevenue, Said.Of("health.no-revenue-" + window), Comparison: trend.Comparison));
        }

        return (HealthPartName.RevenueTrend, weight, Round(Math.Clamp(1m + 2m * r, 0m, 1m)),
            new HealthReason(HealthReasonKind.RevenueChange, Said.Of("health.revenue-" + window, r), Change: r, Comparison: trend.Comparison));
    }

    private static (HealthPartName, int, decimal, HealthReason) Tasks(int overdue, int weight) => overdue == 0
        ? (HealthPartName.OverdueTasks, weight, 1m, new HealthReason(HealthReasonKind.NoOverdueTasks, Said.Of("health.no-overdue-tasks")))
        : (HealthPartName.OverdueTasks, weight, Math.Max(0m, 1m - 0.5m * overdue),
            new HealthReason(HealthReasonKind.OverdueTasks, overdue == 1 ? Said.Of("health.overdue-task") : Said.Of("health.overdue-tasks", overdue), Count: overdue));

    private static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
