using System.Globalization;
using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Data;
using Kamino.Health;

namespace Kamino.Customers;

/// <summary>A column the customer list can be sorted by (the API's <c>sort</c> names in <see cref="AccountSort.Names"/>).</summary>
public enum AccountOrder
{
    Rank,
    Name,
    Key,
    Revenue,
    Class,
    RevenueScore,
    IntangibleScore,
    Score,
    Suggested,
    Tier,
    KeyAccount,
    Health,
    NextCheckin,
}

/// <summary>Which customers are listed before the filters: all, or one of the two lists a person acts on.</summary>
public enum AccountListView
{
    All,
    SuggestedNotDesignated,
    DesignatedNotSuggested,

    /// <summary>Customers that meet the suggestion rule but do not fit the team's capacity.</summary>
    OverCapacity,
}

/// <summary>
/// The order of the customer list: a column, ascending or descending; written <c>score</c> or <c>-score</c>. Customers
/// without a value in the column (not rated, no tier, no health, no cadence) come last either way; ties are broken
/// by the customer key (ordinal, ascending), so every customer has one place and pages never overlap.
/// </summary>
public sealed record AccountSort(AccountOrder Order, bool Descending = false)
{
    public static readonly AccountSort Default = new(AccountOrder.Rank);

    /// <summary>The name of each column as the API and the page address write it.</summary>
    public static readonly IReadOnlyDictionary<AccountOrder, string> Names = new Dictionary<AccountOrder, string>
    {
        [AccountOrder.Rank] = "rank",
        [AccountOrder.Name] = "name",
        [AccountOrder.Key] = "key",
        [AccountOrder.Revenue] = "revenue",
        [AccountOrder.Class] = "class",
        [AccountOrder.RevenueScore] = "revenueScore",
        [AccountOrder.IntangibleScore] = "intangibleScore",
        [AccountOrder.Score] = "score",
        [AccountOrder.Suggested] = "suggested",
        [AccountOrder.Tier] = "tier",
        [AccountOrder.KeyAccount] = "keyAccount",
        [AccountOrder.Health] = "health",
        [AccountOrder.NextCheckin] = "nextCheckin",
    };

    public override string ToString() => (Descending ? "-" : "") + Names[Order];

    /// <summary><c>column</c> or <c>-column</c> (names case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out AccountSort sort)
    {
        sort = Default;
        var value = text?.Trim() ?? "";
        var descending = value.StartsWith('-');
        var name = descending ? value[1..] : value;
        foreach (var (order, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                sort = new AccountSort(order, descending);
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// One page of the customer list: the filters (<see cref="AccountFilter"/> plus <see cref="View"/> and
/// <see cref="Text"/>, part of the key or name, case- and accent-insensitive), the order and the window.
/// </summary>
public sealed record AccountPageRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxTextLength = 200;

    public AccountPageRequest(int offset = 0, int limit = DefaultLimit, AccountSort? sort = null, AccountFilter? filter = null, AccountListView view = AccountListView.All,
        string? text = null)
    {
        Offset = offset >= 0 ? offset : throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset is 0 or more.");
        Limit = limit is >= 1 and <= MaxLimit ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The limit is 1 to {MaxLimit}.");
        Text = text is null || text.Length <= MaxTextLength ? text?.Trim() : throw new ArgumentOutOfRangeException(nameof(text), "The search text is too long.");
        Sort = sort ?? AccountSort.Default;
        Filter = filter ?? new AccountFilter();
        View = view;
    }

    public int Offset { get; }

    public int Limit { get; }

    public AccountSort Sort { get; }

    public AccountFilter Filter { get; }

    public AccountListView View { get; }

    public string? Text { get; }
}

/// <summary>
/// A customer of the list with, for a key account, its health (score 0–100 and band) and check-in cadence on the
/// day asked for; both null for other customers (and the cadence for a tier without one).
/// </summary>
public sealed record AccountListItem(
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
    int? Health,
    HealthBand? HealthBand,
    CheckinStatus? Checkin,
    DateOnly? NextCheckin,
    int DaysOverdue,
    bool OverCapacity = false);

/// <summary>
/// One page of the customer list. <see cref="Total"/> customers match the filters, <see cref="Items"/> are those from
/// <see cref="Offset"/> on (at most <see cref="Limit"/>) in the order <see cref="Sort"/>. <see cref="CustomerCount"/>
/// and the counts of the two lists to act on are over every customer, whatever the filters; so is <see cref="Capacity"/>,
/// the team's capacity and how many customers meet the rule beyond it.
/// </summary>
public sealed record AccountListPage(
    PeriodDto Period,
    string Currency,
    decimal Alpha,
    decimal SuggestThreshold,
    int CustomerCount,
    int SuggestedNotDesignated,
    int DesignatedNotSuggested,
    int Total,
    int Offset,
    int Limit,
    string Sort,
    IReadOnlyList<AccountListItem> Items,
    SuggestionCapacity Capacity);

public static partial class KeyAccounts
{
    /// <summary>
    /// One page of the customer list, or null when the workspace does not exist. Filtered, sorted and cut here, in one
    /// place, over the scored list kept per sales and accounts version (<see cref="SalesCache"/>, each order sorted
    /// once); health and cadence are read for the page's key accounts only, unless the list is sorted by them.
    /// </summary>
    public static async Task<AccountListPage?> PageAsync(KaminoDb db, int workspaceId, ParetoRequest period, AccountPageRequest page, DateOnly today,
        CancellationToken ct = default)
    {
        var scored = await ScoredAsync(db, workspaceId, period, ct);
        if (scored is null)
        {
            return null;
        }

        var loaded = scored.Loaded;
        var byHealth = page.Sort.Order is AccountOrder.Health or AccountOrder.NextCheckin;
        var health = byHealth ? await HealthAsync(db, workspaceId, today, null, ct) : [];
        List<AccountRow> matches;
        if (byHealth)
        {
            // Health changes with activities, not with the versions the list is kept by: sorted here, nulls last, ties by key.
            matches = scored.Rows.Where(r => Matches(r, page)).ToList();
            matches.Sort((a, b) => Compare(a, b, page.Sort, scored.TierRank, health));
        }
        else
        {
            matches = scored.Sorted(page.Sort).Where(r => Matches(r, page)).ToList();
        }

        var shown = matches.Skip(page.Offset).Take(page.Limit).ToList();
        if (!byHealth)
        {
            health = await HealthAsync(db, workspaceId, today, shown.Where(r => r.IsKeyAccount).Select(r => r.Id).ToList(), ct);
        }

        return new AccountListPage(
            new PeriodDto(loaded.Period?.From, loaded.Period?.To),
            loaded.Currency,
            Round(loaded.Settings.Alpha),
            Round(loaded.Settings.SuggestThreshold),
            scored.Rows.Length,
            scored.SuggestedNotDesignated,
            scored.DesignatedNotSuggested,
            matches.Count,
            page.Offset,
            page.Limit,
            page.Sort.ToString(),
            shown.Select(r => Item(r, health.GetValueOrDefault(r.Id))).ToList(),
            scored.Capacity);
    }

    private static bool Matches(AccountRow r, AccountPageRequest page) =>
        page.View switch
        {
            AccountListView.All => true,
            AccountListView.SuggestedNotDesignated => r.Suggested && !r.IsKeyAccount,
            AccountListView.DesignatedNotSuggested => r.IsKeyAccount && !r.Suggested,
            AccountListView.OverCapacity => r.OverCapacity,
        }
        && (!page.Filter.KeyOnly || r.IsKeyAccount)
        && (!page.Filter.SuggestedOnly || r.Suggested)
        && (page.Filter.Class is null || r.Class == page.Filter.Class)
        && (string.IsNullOrEmpty(page.Text) || Contains(r.Name, page.Text) || Contains(r.Key, page.Text));

    private static bool Contains(string value, string text) =>
        CultureInfo.InvariantCulture.CompareInfo.IndexOf(value, text, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    private static async Task<Dictionary<long, AccountHealthRow>> HealthAsync(KaminoDb db, int workspaceId, DateOnly today, IReadOnlyCollection<long>? ids,
        CancellationToken ct) =>
        ids is { Count: 0 } ? [] : (await AccountHealth.LoadAsync(db, workspaceId, today, ids, ct)).ToDictionary(h => h.Signals.CustomerId);

    private static AccountListItem Item(AccountRow r, AccountHealthRow? h)
    {
        var cadence = h?.Signals.Cadence is { Status: not null } c ? c : null;
        return new AccountListItem(r.Id, r.Key, r.Name, r.Revenue, r.Rank, r.Class, r.RevenueScore, r.IntangibleScore, r.Score, r.Suggested, r.Tier, r.IsKeyAccount,
            h?.Health.Score, h?.Health.Band, cadence?.Status, cadence?.NextDue, cadence?.DaysOverdue ?? 0, r.OverCapacity);
    }

    private static int Compare(AccountRow a, AccountRow b, AccountSort sort, Dictionary<string, int> tierRank, Dictionary<long, AccountHealthRow> health)
    {
        var byColumn = sort.Order switch
        {
            AccountOrder.Rank => Values(a.Rank, b.Rank, sort.Descending),
            AccountOrder.Name => Values(a.Name, b.Name, sort.Descending, StringComparer.InvariantCultureIgnoreCase),
            AccountOrder.Key => 0,
            AccountOrder.Revenue => Values(a.Revenue, b.Revenue, sort.Descending),
            AccountOrder.Class => Values(a.Class, b.Class, sort.Descending),
            AccountOrder.RevenueScore => Values(a.RevenueScore, b.RevenueScore, sort.Descending),
            AccountOrder.IntangibleScore => Optional(a.IntangibleScore, b.IntangibleScore, sort.Descending),
            AccountOrder.Score => Values(a.Score, b.Score, sort.Descending),
            AccountOrder.Suggested => Values(a.Suggested, b.Suggested, sort.Descending),
            AccountOrder.Tier => Optional(TierRank(a, tierRank), TierRank(b, tierRank), sort.Descending),
            AccountOrder.KeyAccount => Values(a.IsKeyAccount, b.IsKeyAccount, sort.Descending),
            AccountOrder.Health => Optional(health.GetValueOrDefault(a.Id)?.Health.Score, health.GetValueOrDefault(b.Id)?.Health.Score, sort.Descending),
            AccountOrder.NextCheckin => Optional(NextCheckin(health.GetValueOrDefault(a.Id)), NextCheckin(health.GetValueOrDefault(b.Id)), sort.Descending),
        };
        return byColumn != 0 ? byColumn
            : sort.Order == AccountOrder.Key && sort.Descending ? string.CompareOrdinal(b.Key, a.Key)
            : string.CompareOrdinal(a.Key, b.Key);
    }

    /// <summary>A tier's place, highest first (its rank order); null without a tier.</summary>
    private static int? TierRank(AccountRow r, Dictionary<string, int> tierRank) =>
        r.Tier is { } t ? tierRank.TryGetValue(t, out var i) ? i : int.MaxValue : null;

    /// <summary>When the next check-in is due: never contacted is due now (first); null without a cadence.</summary>
    private static DateOnly? NextCheckin(AccountHealthRow? h) => h?.Signals.Cadence switch
    {
        { Status: CheckinStatus.NeverContacted } => DateOnly.MinValue,
        { Status: not null, NextDue: { } due } => due,
        _ => null,
    };

    private static int Values<T>(T a, T b, bool descending, IComparer<T>? comparer = null)
    {
        var c = (comparer ?? Comparer<T>.Default).Compare(a, b);
        return descending ? -c : c;
    }

    private static int Optional<T>(T? a, T? b, bool descending)
        where T : struct, IComparable<T> =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } x, { } y) => descending ? y.CompareTo(x) : x.CompareTo(y),
        };
}
