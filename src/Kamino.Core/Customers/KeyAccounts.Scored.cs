using System.Collections.Concurrent;
using Kamino.Analysis;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

public static partial class KeyAccounts
{
    /// <summary>
    /// Every customer scored over the period, kept in <see cref="SalesCache"/> while the workspace's sales and accounts
    /// versions stay the same (a rating, a designation, a criterion, a tier or a setting changes the latter): a page
    /// of the list filters and cuts it, it does not score 50,000 customers again. Null when the workspace does not exist.
    /// </summary>
    private static async Task<Scored?> ScoredAsync(KaminoDb db, int workspaceId, ParetoRequest request, CancellationToken ct)
    {
        var scored = await SalesCache.GetAsync(db, workspaceId, new ScoredKey(request), CacheReads.Accounts, async c =>
        {
            var loaded = await LoadAsync(db, workspaceId, request, c);
            return loaded is null ? Scored.None : new Scored(loaded);
        }, ct);
        return scored == Scored.None ? null : scored;
    }

    private sealed record ScoredKey(ParetoRequest Request);

    private static async Task<Loaded?> LoadAsync(KaminoDb db, int workspaceId, ParetoRequest request, CancellationToken ct)
    {
        var ws = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (ws is null)
        {
            return null;
        }

        var period = await ParetoQuery.ResolvePeriodAsync(db, workspaceId, request, ct);
        var analysis = await RankingAsync(db, workspaceId, period, new ParetoThresholds(ws.ThresholdA, ws.ThresholdA, ws.ThresholdB), ct);
        var designated = await db.Customers.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && (c.IsKeyAccount || c.TierId != null))
            .Select(c => new { c.Id, c.TierId, c.IsKeyAccount }).ToListAsync(ct);

        var settings = new ScoreSettings(ws.Alpha, ws.SuggestThreshold);
        var criteria = await Criteria.ListAsync(db, workspaceId, ct);
        var ratings = await Ratings.CurrentValuesAsync(db, workspaceId, ct);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Rank).ToListAsync(ct);
        var kams = await db.Memberships.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == Role.Kam, ct);
        return new Loaded(period, ws.Currency, settings, analysis, analysis.Customers.Count(c => c.Customer.Revenue > 0m), ratings,
            designated.ToDictionary(c => c.Id, c => (c.TierId, c.IsKeyAccount)), tiers, criteria, ws.KamCapacity, kams);
    }

    /// <summary>
    /// Every customer ranked and classed over the period (those without sales in it count as revenue 0). It depends
    /// only on the sales, the customers and the thresholds, so it is kept while the sales do not change (<see cref="SalesCache"/>).
    /// </summary>
    private static Task<ParetoAnalysis> RankingAsync(KaminoDb db, int workspaceId, DateRange? period, ParetoThresholds thresholds, CancellationToken ct) =>
        SalesCache.GetAsync(db, workspaceId, new RankingKey(period, thresholds), async c =>
        {
            var sums = (await AnalysisQueries.RevenuesAsync(db, workspaceId, period, c)).ToDictionary(r => r.CustomerId);
            var customers = await db.Customers.AsNoTracking().Where(x => x.WorkspaceId == workspaceId)
                .Select(x => new CustomerRevenue(x.Id, x.Key, x.Name, 0m)).ToListAsync(c);
            return Pareto.Analyze(customers.Select(x => sums.GetValueOrDefault(x.CustomerId) ?? x), thresholds);
        }, ct);

    private sealed record RankingKey(DateRange? Period, ParetoThresholds Thresholds);

    /// <summary>
    /// The scored list, read-only once built and shared by concurrent requests: the rows in rank order, where each
    /// customer is, the counts of the two lists to act on, and each order the list was asked in (built once).
    /// </summary>
    private sealed class Scored
    {
        /// <summary>Kept for a workspace that does not exist (the cache keeps objects, not nulls).</summary>
        public static readonly Scored None = new();

        private readonly Dictionary<string, int> byKey;
        private readonly Dictionary<long, int> byId;
        private readonly ConcurrentDictionary<AccountSort, Lazy<AccountRow[]>> orders = new();

        public Scored(Loaded loaded)
        {
            Loaded = loaded;
            var customers = loaded.Analysis.Customers;
            var rows = new AccountRow[customers.Count];
            byKey = new Dictionary<string, int>(customers.Count, StringComparer.Ordinal);
            byId = new Dictionary<long, int>(customers.Count);
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = KeyAccounts.Row(loaded, customers[i]);
                byKey[customers[i].Customer.Key] = i;
                byId[customers[i].Customer.CustomerId] = i;
            }

            var team = KeyAccountScore.TeamCapacity(loaded.KamCapacity, loaded.Kams);
            Rows = KeyAccountScore.FitToCapacity(rows, team);
            var keyAccounts = Rows.Count(r => r.IsKeyAccount);
            Capacity = new SuggestionCapacity(loaded.KamCapacity, loaded.Kams, team, keyAccounts, Math.Max(0, team - keyAccounts), Rows.Count(r => r.OverCapacity));
            SuggestedNotDesignated = Rows.Count(r => r.Suggested && !r.IsKeyAccount);
            DesignatedNotSuggested = Rows.Count(r => r.IsKeyAccount && !r.Suggested);
            TierRank = loaded.Tiers.Select((t, i) => (t.Name, i)).ToDictionary(t => t.Name, t => t.i, StringComparer.Ordinal);
        }

        private Scored()
        {
            Loaded = null!;
            Rows = [];
            byKey = [];
            byId = [];
            TierRank = [];
            Capacity = new SuggestionCapacity(0, 0, 0, 0, 0, 0);
        }

        public Loaded Loaded { get; }

        /// <summary>Every customer's row, in rank order.</summary>
        public AccountRow[] Rows { get; }

        public int SuggestedNotDesignated { get; }

        public int DesignatedNotSuggested { get; }

        public SuggestionCapacity Capacity { get; }

        /// <summary>Each tier's place, highest first.</summary>
        public Dictionary<string, int> TierRank { get; }

        public RankedCustomer? Ranked(string key) => byKey.TryGetValue(key, out var i) ? Loaded.Analysis.Customers[i] : null;

        /// <summary>The ranked customers of <paramref name="ids"/> (those in the list), in rank order.</summary>
        public List<RankedCustomer> Ranked(IEnumerable<long> ids) =>
            [.. ids.Select(id => byId.TryGetValue(id, out var i) ? i : -1).Where(i => i >= 0).Order().Select(i => Loaded.Analysis.Customers[i])];

        public AccountRow Row(RankedCustomer c) => Rows[byKey[c.Customer.Key]];

        /// <summary>Every row in <paramref name="sort"/>'s order, which must not need health (it changes with activities, not versions).</summary>
        public AccountRow[] Sorted(AccountSort sort) =>
            sort == AccountSort.Default ? Rows
            : orders.GetOrAdd(sort, s => new Lazy<AccountRow[]>(() =>
            {
                var sorted = Rows.ToArray();
                Array.Sort(sorted, (a, b) => Compare(a, b, s, TierRank, []));
                return sorted;
            })).Value;
    }
}
