using Kamino.Analysis;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Satisfaction;

/// <summary>A workspace's satisfaction over a period: check-ins, their average CSAT and the NPS of the answers given.</summary>
/// <param name="From">First day of the period (inclusive, UTC dates).</param>
/// <param name="To">Last day of the period (inclusive).</param>
/// <param name="Checkins">Check-ins in the period.</param>
/// <param name="AverageCsat">Mean CSAT 1–5 of those check-ins, two decimals; null without any.</param>
public sealed record SatisfactionReport(DateOnly From, DateOnly To, int Checkins, decimal? AverageCsat, NpsFigure Nps);

/// <summary>
/// Satisfaction figures from the check-ins (<see cref="Activities.Activity.IsCheckin"/>, their CSAT and NPS): per workspace and
/// period, and per account (latest CSAT and trend). The rules are <see cref="SatisfactionRules"/>'.
/// </summary>
public static class SatisfactionFigures
{
    /// <summary>
    /// The period of the figures, by the one period rule (<see cref="AnalysisPeriod.Resolve"/>) with today as the latest
    /// day: both bounds as given; only <paramref name="to"/>: the 12 months ending on it; only <paramref name="from"/>: from
    /// it to today; neither: the 12 months up to today.
    /// </summary>
    public static DateRange Period(DateOnly? from, DateOnly? to, DateOnly today) =>
        AnalysisPeriod.Resolve(new ParetoRequest(from, to), null, today)!.Value;

    /// <summary>The figures of the check-ins whose day (<see cref="SatisfactionRules.DayOf"/>) is in <paramref name="period"/>.</summary>
    public static async Task<SatisfactionReport> WorkspaceAsync(KaminoDb db, int workspaceId, DateRange period, CancellationToken ct = default)
    {
        // Loaded and filtered here: SQLite cannot compare date-times with offsets in SQL, and check-ins are few (monthly per key account).
        var checkins = (await db.Activities.AsNoTracking()
                .Where(a => a.WorkspaceId == workspaceId && a.IsCheckin)
                .Select(a => new { a.At, a.Csat, a.Nps })
                .ToListAsync(ct))
            .Where(a => period.Contains(SatisfactionRules.DayOf(a.At)))
            .ToList();
        var csats = checkins.Where(c => c.Csat is not null).Select(c => c.Csat!.Value).ToList();
        return new SatisfactionReport(period.From, period.To, checkins.Count, SatisfactionRules.AverageCsat(csats),
            SatisfactionRules.Nps(checkins.Where(c => c.Nps is not null).Select(c => c.Nps!.Value)));
    }

    /// <summary>An account's latest CSAT and its trend, over all its check-ins (the account page).</summary>
    public static async Task<AccountSatisfaction> ForAccountAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct = default)
    {
        var checkins = await db.Activities.AsNoTracking()
            .Where(a => a.WorkspaceId == workspaceId && a.CustomerId == customerId && a.IsCheckin && a.Csat != null)
            .Select(a => new { a.Id, a.At, Csat = a.Csat!.Value })
            .ToListAsync(ct);
        return SatisfactionRules.ForAccount(checkins.Select(c => (c.Id, c.At, c.Csat)));
    }
}
