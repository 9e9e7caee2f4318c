using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Data;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Health;

/// <summary>
/// Everything the health score and the alerts read about one key account on one day. Only what happened on or before
/// that day counts (check-ins, task completions, sales), so <c>--today</c> in the past shows the past.
/// </summary>
/// <param name="CustomerId">The customer's id in the workspace.</param>
/// <param name="Key">The customer's key (tax id or the source's customer id).</param>
/// <param name="IntervalDays">The tier's check-in interval; null when the tier has no cadence.</param>
/// <param name="LatestCsatOn">Day (UTC) of the latest check-in with a CSAT.</param>
/// <param name="LatestNps">The latest NPS answer 0–10 given on a check-in, if any; <paramref name="LatestNpsOn"/> its day.</param>
/// <param name="OverdueTasks">Open tasks about the account (or done after the day) whose due day has passed.</param>
public sealed record AccountSignals(
    long CustomerId,
    string Key,
    string Name,
    string Tier,
    int? IntervalDays,
    CadenceState Cadence,
    int? LatestCsat,
    DateOnly? LatestCsatOn,
    int? PreviousCsat,
    int? LatestNps,
    DateOnly? LatestNpsOn,
    long? LatestNpsContactId,
    RevenueSums Revenue,
    int OverdueTasks,
    string? OwnerUserId,
    string? OwnerEmail,
    string? OwnerName)
{
    public RevenueTrendResult RevenueTrend => Kamino.Health.RevenueTrend.Of(Revenue);

    public HealthInputs HealthInputs => new(IntervalDays, Cadence, LatestCsat, PreviousCsat, RevenueTrend, OverdueTasks);

    public HealthScore HealthWith(HealthWeights weights) => HealthRules.Score(HealthInputs, weights);
}

/// <summary>
/// Loads <see cref="AccountSignals"/> for the workspace's key accounts (all, or some) in a fixed number of queries,
/// whatever the number of accounts: the shared input of the health score and the alerts (issue 13).
/// </summary>
public static class AccountSignalsQuery
{
    /// <summary>The workspace's health weights (the defaults when it has none stored), or null when there is no such workspace.</summary>
    public static async Task<HealthWeights?> WeightsAsync(KaminoDb db, int workspaceId, CancellationToken ct = default) =>
        await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId)
            .Select(w => new HealthWeights(w.HealthWeightFreshness, w.HealthWeightSatisfaction, w.HealthWeightRevenue, w.HealthWeightTasks))
            .FirstOrDefaultAsync(ct);

    /// <summary>The signals on <paramref name="today"/> of the key accounts of the workspace (or of <paramref name="customerIds"/> among them), by customer id.</summary>
    public static async Task<IReadOnlyList<AccountSignals>> LoadAsync(KaminoDb db, int workspaceId, DateOnly today, IReadOnlyCollection<long>? customerIds = null,
        CancellationToken ct = default)
    {
        var customers = db.Customers.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.IsKeyAccount);
        if (customerIds is not null)
        {
            customers = customers.Where(c => customerIds.Contains(c.Id));
        }

        var accounts = await customers.OrderBy(c => c.Id).Select(c => new { c.Id, c.Key, c.Name, c.TierId }).ToListAsync(ct);
        if (accounts.Count == 0)
        {
            return [];
        }

        var ids = accounts.Select(a => a.Id).ToList();
        var tiers = await CheckinsDue.PoliciesAsync(db, workspaceId, ct);

        // Check-ins are few (about monthly per key account); loaded and filtered here because SQLite cannot compare
        // date-times with offsets in SQL.
        var checkins = (await db.Activities.AsNoTracking()
                .Where(a => a.WorkspaceId == workspaceId && a.IsCheckin && ids.Contains(a.CustomerId))
                .Select(a => new { a.CustomerId, a.Id, a.At, a.NextCheckinOn, a.Csat, a.Nps, a.NpsContactId })
                .ToListAsync(ct))
            .Where(a => CheckinsDue.DayOf(a.At) <= today)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .ToLookup(a => a.CustomerId);

        var owners = (await (
                from t in db.AccountTeamMembers.AsNoTracking()
                where t.WorkspaceId == workspaceId && t.IsOwner && ids.Contains(t.CustomerId)
                join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                select new { t.CustomerId, t.UserId, u.Email, u.DisplayName }).ToListAsync(ct))
            .ToDictionary(o => o.CustomerId);

        // Completed-at is compared in memory (offsets again); open-and-due rows are few.
        var overdue = (await db.Tasks.AsNoTracking()
                .Where(t => t.WorkspaceId == workspaceId && t.CustomerId != null && ids.Contains(t.CustomerId!.Value) && t.DueDate < today)
                .Select(t => new { CustomerId = t.CustomerId!.Value, t.Status, t.CompletedAt })
                .ToListAsync(ct))
            .Where(t => t.Status == WorkTaskStatus.Open || (t.CompletedAt is { } done && CheckinsDue.DayOf(done) > today))
            .GroupBy(t => t.CustomerId)
            .ToDictionary(g => g.Key, g => g.Count());

        var revenue = await RevenueAsync(db, workspaceId, ids, RevenueTrend.Windows(today), ct);

        var result = new List<AccountSignals>(accounts.Count);
        foreach (var a in accounts)
        {
            var tier = tiers.FirstOrDefault(t => t.Id == a.TierId) ?? tiers[0]; // as CheckinsDue: a key account without a tier id is in the top tier
            var mine = checkins[a.Id].ToList();
            var last = mine.FirstOrDefault();
            var cadence = Cadence.Of(last is null ? null : CheckinsDue.DayOf(last.At), last?.NextCheckinOn, tier.CheckinDays, today);
            var csats = mine.Where(c => c.Csat is not null).Take(2).ToList();
            var nps = mine.FirstOrDefault(c => c.Nps is not null);
            var owner = owners.GetValueOrDefault(a.Id);
            result.Add(new AccountSignals(a.Id, a.Key, a.Name, tier.Name, tier.CheckinDays, cadence,
                csats.Count > 0 ? csats[0].Csat : null, csats.Count > 0 ? CheckinsDue.DayOf(csats[0].At) : null, csats.Count > 1 ? csats[1].Csat : null,
                nps?.Nps, nps is null ? null : CheckinsDue.DayOf(nps.At), nps?.NpsContactId,
                revenue.GetValueOrDefault(a.Id) ?? new RevenueSums(0, 0, 0, false),
                overdue.GetValueOrDefault(a.Id), owner?.UserId, owner?.Email, owner?.DisplayName));
        }

        return result;
    }

    /// <summary>
    /// Each account's net revenue in the three windows, and whether it has a sale that far back: the windows' days
    /// (<see cref="SaleDay"/>) summed in one grouped query and each account's first sale day found by one seek, both
    /// along sale_day's key (workspace, customer, date). Sales after today do not count. Kept while the sales do not change
    /// (<see cref="SalesCache"/>): the morning's pages ask the same question again and again.
    /// </summary>
    private static Task<Dictionary<long, RevenueSums>> RevenueAsync(KaminoDb db, int workspaceId, List<long> ids, RevenueWindows w, CancellationToken ct) =>
        SalesCache.GetAsync(db, workspaceId, new RevenueKey(w, string.Join(',', ids)), async c =>
        {
            var from = w.EarliestDay;
            var yearBeforeEnd = w.YearBefore.To;
            var rows = await db.SaleDays.AsNoTracking()
                .Where(s => s.WorkspaceId == workspaceId && ids.Contains(s.CustomerId) && s.Date >= from && s.Date <= w.Current.To)
                .GroupBy(s => s.CustomerId)
                .Select(g => new
                {
                    CustomerId = g.Key,
                    Current = g.Sum(s => s.Date >= w.Current.From ? s.NetCents : 0L),
                    YearBefore = g.Sum(s => s.Date >= w.YearBefore.From && s.Date <= yearBeforeEnd ? s.NetCents : 0L),
                    Previous = g.Sum(s => s.Date >= w.Previous.From && s.Date <= w.Previous.To ? s.NetCents : 0L),
                })
                .ToDictionaryAsync(r => r.CustomerId, c);
            var first = await FirstSaleDaysAsync(db, workspaceId, ids, c);
            return ids.Where(id => rows.ContainsKey(id) || first.ContainsKey(id)).ToDictionary(id => id, id =>
            {
                var r = rows.GetValueOrDefault(id);
                return new RevenueSums(r?.Current ?? 0, r?.YearBefore ?? 0, r?.Previous ?? 0, first.TryGetValue(id, out var f) && f <= yearBeforeEnd);
            });
        }, ct);

    /// <summary>The windows and the accounts (their ids in order) a <see cref="RevenueAsync"/> result answers.</summary>
    private sealed record RevenueKey(RevenueWindows Windows, string Accounts);

    /// <summary>
    /// The day of each account's first sale (accounts without any are left out): one index seek per account
    /// (sale_day's key leads with workspace, customer and date), not a read of all their days.
    /// </summary>
    public static async Task<Dictionary<long, DateOnly>> FirstSaleDaysAsync(KaminoDb db, int workspaceId, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        (await db.Customers.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && ids.Contains(c.Id))
            .Select(c => new { c.Id, First = db.SaleDays.Where(d => d.WorkspaceId == workspaceId && d.CustomerId == c.Id).Min(d => (DateOnly?)d.Date) })
            .ToListAsync(ct))
        .Where(c => c.First is not null)
        .ToDictionary(c => c.Id, c => c.First!.Value);
}
