using Kamino.Analysis;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

/// <summary>
/// One customer in the key-account list. Money in the workspace currency rounded to cents; scores 0..1 rounded
/// to 4 decimals. <see cref="IntangibleScore"/> null means not rated. <see cref="Tier"/> is the designated tier
/// (null when not designated); <see cref="IsKeyAccount"/> whether that tier makes it a key account. <see cref="Suggested"/>:
/// meets the suggestion rule and, when not a key account, fits the team's capacity; <see cref="OverCapacity"/>: meets the
/// rule but the team has no room for it (<see cref="KeyAccountScore.FitToCapacity"/>).
/// </summary>
public sealed record AccountRow(
    long Id,
    string Key,
    string Name,
    decimal Revenue,
    int Rank,
    AbcClass Class,
    decimal RevenueScore,
    decimal? IntangibleScore,
    decimal Score,
    bool Suggested,
    string? Tier,
    bool IsKeyAccount,
    bool OverCapacity = false);

/// <summary>
/// The team's capacity as it bounds the suggestions (PRODUCT.md §3, Capacity): <see cref="PerKam"/> (the workspace
/// setting) × <see cref="Kams"/> (members with the KAM role; counted as 1 while there is none) = <see cref="Team"/>;
/// <see cref="KeyAccounts"/> already designated leave <see cref="Room"/> for suggestions; <see cref="OverCapacity"/>
/// customers meet the suggestion rule but do not fit.
/// </summary>
public sealed record SuggestionCapacity(int PerKam, int Kams, int Team, int KeyAccounts, int Room, int OverCapacity);

/// <summary>
/// Every customer of the workspace scored over <see cref="Period"/> (null when there are no sales), in revenue
/// rank order, and the two lists a person acts on (over all customers, whatever the filter).
/// </summary>
public sealed record AccountList(
    PeriodDto Period,
    string Currency,
    decimal Alpha,
    decimal SuggestThreshold,
    IReadOnlyList<AccountRow> Customers,
    IReadOnlyList<AccountRow> SuggestedNotDesignated,
    IReadOnlyList<AccountRow> DesignatedNotSuggested,
    SuggestionCapacity Capacity,
    IReadOnlyList<AccountRow> OverCapacity);

/// <summary>What to list: the period (as the Pareto report takes it) and optional filters.</summary>
public sealed record AccountFilter(bool KeyOnly = false, AbcClass? Class = null, bool SuggestedOnly = false);

/// <summary>A customer this one referred, with its revenue in the period: evidence for the contacts criterion.</summary>
public sealed record ReferredCustomerDto(string Key, string Name, decimal Revenue);

/// <summary>
/// One customer in full: its row, the score explained (<see cref="ScoreBreakdown.Rounded"/>), current ratings and
/// their history, who referred it and whom it referred (with <see cref="ReferredRevenue"/>, the evidence for "contacts"), the designation history.
/// </summary>
public sealed record AccountDetail(
    PeriodDto Period,
    string Currency,
    AccountRow Account,
    ScoreBreakdown Score,
    IReadOnlyList<RatingDto> CurrentRatings,
    IReadOnlyList<RatingDto> RatingHistory,
    string? ReferredBy,
    IReadOnlyList<ReferredCustomerDto> Referred,
    decimal ReferredRevenue,
    IReadOnlyList<DesignationDto> Designations);

/// <summary>
/// The key-account query (PRODUCT.md §3): loads revenue per customer over the period, ranks and classes it with
/// <see cref="Pareto.Analyze"/> (customers without sales in the period count as revenue 0), and scores it with
/// <see cref="KeyAccountScore"/>. Designations come from the customers, never from the analysis.
/// </summary>
public static partial class KeyAccounts
{
    private sealed record Loaded(DateRange? Period, string Currency, ScoreSettings Settings, ParetoAnalysis Analysis, int PositiveCustomers,
        IReadOnlyDictionary<long, IReadOnlyDictionary<string, int>> Ratings, Dictionary<long, (long? TierId, bool IsKey)> Designated,
        IReadOnlyList<Tier> Tiers, IReadOnlyList<CriterionWeight> Criteria, int KamCapacity, int Kams)
    {
        private static readonly Dictionary<string, int> NotRated = [];

        /// <summary>The customer's score, computed when asked: a page about one customer scores one, not 50,000.</summary>
        public ScoreBreakdown Score(RankedCustomer c) =>
            KeyAccountScore.Explain(c, PositiveCustomers, Criteria, Ratings.TryGetValue(c.Customer.CustomerId, out var r) ? r : NotRated, Settings);
    }

    /// <summary>The list, or null when the workspace does not exist.</summary>
    public static async Task<AccountList?> ListAsync(KaminoDb db, int workspaceId, ParetoRequest? period = null, AccountFilter? filter = null, CancellationToken ct = default)
    {
        var scored = await ScoredAsync(db, workspaceId, period ?? new ParetoRequest(), ct);
        if (scored is null)
        {
            return null;
        }

        var loaded = scored.Loaded;
        var rows = scored.Rows;
        filter ??= new AccountFilter();
        var shown = rows.Where(r => (!filter.KeyOnly || r.IsKeyAccount) && (filter.Class is null || r.Class == filter.Class) && (!filter.SuggestedOnly || r.Suggested))
            .ToList();
        return new AccountList(
            new PeriodDto(loaded.Period?.From, loaded.Period?.To),
            loaded.Currency,
            Round(loaded.Settings.Alpha),
            Round(loaded.Settings.SuggestThreshold),
            shown,
            rows.Where(r => r.Suggested && !r.IsKeyAccount).ToList(),
            rows.Where(r => r.IsKeyAccount && !r.Suggested).ToList(),
            scored.Capacity,
            rows.Where(r => r.OverCapacity).ToList());
    }

    /// <summary>One customer by key, or null when the workspace or the customer does not exist.</summary>
    public static async Task<AccountDetail?> ShowAsync(KaminoDb db, int workspaceId, string customerKey, ParetoRequest? period = null, CancellationToken ct = default)
    {
        var scored = await ScoredAsync(db, workspaceId, period ?? new ParetoRequest(), ct);
        var ranked = scored?.Ranked(customerKey);
        if (scored is null || ranked is null)
        {
            return null;
        }

        var loaded = scored.Loaded;
        var id = ranked.Customer.CustomerId;
        var history = await Ratings.HistoryAsync(db, workspaceId, id, ct);
        var current = history.GroupBy(r => r.CriterionKey).Select(g => g.First())
            .OrderBy(r => loaded.Criteria.Select(c => c.Key).ToList().IndexOf(r.CriterionKey)).ToList();
        var referredBy = await (from r in db.Referrals.AsNoTracking()
                                where r.WorkspaceId == workspaceId && r.CustomerId == id
                                join c in db.Customers.AsNoTracking() on new { r.WorkspaceId, Id = r.ReferredByCustomerId } equals new { c.WorkspaceId, c.Id }
                                select c.Key).FirstOrDefaultAsync(ct);
        var referredIds = await db.Referrals.AsNoTracking().Where(r => r.WorkspaceId == workspaceId && r.ReferredByCustomerId == id)
            .Select(r => r.CustomerId).ToListAsync(ct);
        var referredRanked = scored.Ranked(referredIds);
        var referred = referredRanked.Select(c => new ReferredCustomerDto(c.Customer.Key, c.Customer.Name, ReportNumbers.Money(c.Customer.Revenue))).ToList();

        return new AccountDetail(
            new PeriodDto(loaded.Period?.From, loaded.Period?.To),
            loaded.Currency,
            scored.Row(ranked),
            loaded.Score(ranked).Rounded(),
            current,
            history,
            referredBy,
            referred,
            ReportNumbers.Money(referredRanked.Sum(c => c.Customer.Revenue)),
            await Designations.HistoryAsync(db, workspaceId, id, ct));
    }

    /// <summary>
    /// The customer's row, <see cref="AccountRow.Suggested"/> by the rule alone (<see cref="Scored"/> fits the rows to the
    /// team's capacity). Its score is the same as <see cref="KeyAccountScore.Explain"/>'s without the parts, so a list
    /// of 50,000 customers does not build 50,000 explanations.
    /// </summary>
    private static AccountRow Row(Loaded loaded, RankedCustomer c)
    {
        var revenueScore = KeyAccountScore.RevenueScore(c.Rank, loaded.PositiveCustomers, c.Customer.Revenue);
        var intangible = loaded.Ratings.TryGetValue(c.Customer.CustomerId, out var r) ? KeyAccountScore.IntangibleScore(loaded.Criteria, r) : null;
        var score = KeyAccountScore.Combine(loaded.Settings.Alpha, revenueScore, intangible);
        var (tierId, isKey) = loaded.Designated.TryGetValue(c.Customer.CustomerId, out var d) ? d : (null, false);
        var tier = tierId is { } t ? loaded.Tiers.FirstOrDefault(x => x.Id == t)?.Name
            : isKey ? (loaded.Tiers.Count > 0 ? loaded.Tiers[0].Name : Tiers.Defaults[0])
            : null;
        return new AccountRow(c.Customer.CustomerId, c.Customer.Key, c.Customer.Name, ReportNumbers.Money(c.Customer.Revenue), c.Rank, c.Class,
            Round(revenueScore), intangible is { } i ? Round(i) : null, Round(score),
            KeyAccountScore.IsSuggested(c.Class, score, loaded.Settings.SuggestThreshold), tier, isKey);
    }

    /// <summary>A score or share for display: 4 decimals, half away from zero, without trailing zeros.</summary>
    internal static decimal Round(decimal v) => Normal(Math.Round(v, 4, MidpointRounding.AwayFromZero));

    /// <summary>
    /// The same number without trailing zeros (0.1500 → 0.15, 3.0 → 3), so JSON and CSV show the number rather
    /// than its storage scale (SQLite text, PostgreSQL numeric(p,4)). Dividing by 1 with 30 decimals does it.
    /// </summary>
    internal static decimal Normal(decimal v) => v / 1.000000000000000000000000000000000m;
}
