using System.Text.Json.Serialization;
using Kamino.Analysis;

namespace Kamino.Customers;

/// <summary>A criterion as the score uses it: stable key, display name, weight ≥ 0.</summary>
public sealed record CriterionWeight(string Key, string Name, decimal Weight);

/// <summary>α (weight of revenue in the score, 0..1) and the score from which a customer is suggested (0..1).</summary>
public sealed record ScoreSettings
{
    public ScoreSettings(decimal alpha = 0.70m, decimal suggestThreshold = 0.60m)
    {
        if (alpha is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α is between 0 and 1.");
        }

        if (suggestThreshold is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(suggestThreshold), suggestThreshold, "The suggestion threshold is between 0 and 1.");
        }

        Alpha = alpha;
        SuggestThreshold = suggestThreshold;
    }

    public decimal Alpha { get; }

    public decimal SuggestThreshold { get; }
}

/// <summary>
/// One criterion's part of a customer's intangible score. <see cref="Rating"/> is null when the customer is not
/// rated on it (the criterion then counts neither above nor below the line). <see cref="Contribution"/> is what it
/// adds to the key-account score: (1 − α) × weight × rating / (5 × Σ weights of rated criteria).
/// </summary>
public sealed record CriterionPart(string Key, string Name, decimal Weight, int? Rating, decimal? WeightedRating, decimal? Contribution);

/// <summary>
/// A customer's key-account score and every part of it (PRODUCT.md §3).
/// <see cref="RevenueScore"/> = 1 − (rank − 1) / <see cref="PositiveCustomers"/> (0 when revenue ≤ 0);
/// <see cref="IntangibleScore"/> = Σ(weight × rating) / (5 × Σ weights of rated criteria), null when not rated;
/// <see cref="Score"/> = <see cref="RevenuePart"/> + <see cref="IntangiblePart"/>, where the revenue part is
/// α × revenue score and the intangible part (1 − α) × intangible score (0 when not rated).
/// The same shape is what the API and <c>kamino accounts show --format json</c> return, through
/// <see cref="Rounded"/>; its JSON lists the properties in the order they are declared here.
/// </summary>
public sealed record ScoreBreakdown
{
    /// <summary>1-based rank in the period's revenue ranking.</summary>
    public required int Rank { get; init; }

    /// <summary>Customers with revenue &gt; 0 in the period.</summary>
    public required int PositiveCustomers { get; init; }

    public required AbcClass Class { get; init; }

    public required decimal Alpha { get; init; }

    public required decimal RevenueScore { get; init; }

    public required decimal RevenuePart { get; init; }

    public required decimal? IntangibleScore { get; init; }

    [JsonPropertyName("rated")]
    public bool IsRated => IntangibleScore is not null;

    public required decimal IntangiblePart { get; init; }

    public required decimal Score { get; init; }

    public required decimal SuggestThreshold { get; init; }

    public required bool Suggested { get; init; }

    /// <summary>
    /// Why the customer is suggested, or null: "class A", "score ≥ threshold", or both. Decided on the exact
    /// score, so that <see cref="Rounded"/> cannot change it.
    /// </summary>
    public required string? SuggestedBecause { get; init; }

    public required IReadOnlyList<CriterionPart> Criteria { get; init; }

    /// <summary>
    /// The same score for display: α, the threshold, the scores and the parts rounded to 4 decimals (half away
    /// from zero); criterion weights and weight × rating as stored, without trailing zeros.
    /// </summary>
    public ScoreBreakdown Rounded() => this with
    {
        Alpha = KeyAccounts.Round(Alpha),
        RevenueScore = KeyAccounts.Round(RevenueScore),
        RevenuePart = KeyAccounts.Round(RevenuePart),
        IntangibleScore = IntangibleScore is { } i ? KeyAccounts.Round(i) : null,
        IntangiblePart = KeyAccounts.Round(IntangiblePart),
        Score = KeyAccounts.Round(Score),
        SuggestThreshold = KeyAccounts.Round(SuggestThreshold),
        Criteria = Criteria.Select(c => c with
        {
            Weight = KeyAccounts.Normal(c.Weight),
            WeightedRating = c.WeightedRating is { } w ? KeyAccounts.Normal(w) : null,
            Contribution = c.Contribution is { } x ? KeyAccounts.Round(x) : null,
        }).ToList(),
    };
}

/// <summary>The key-account score and suggestion of PRODUCT.md §3 as pure functions.</summary>
public static class KeyAccountScore
{
    /// <summary>
    /// The revenue score of a customer at <paramref name="rank"/> (1-based, from <see cref="Pareto.Analyze"/>)
    /// among <paramref name="positiveCustomers"/> customers with revenue &gt; 0; 0 when its revenue is ≤ 0.
    /// </summary>
    public static decimal RevenueScore(int rank, int positiveCustomers, decimal revenue) =>
        revenue <= 0m || positiveCustomers == 0 ? 0m : 1m - (decimal)(rank - 1) / positiveCustomers;

    /// <summary>
    /// The intangible score from the customer's current ratings (criterion key → 0..5): null when no criterion
    /// with a positive weight is rated. Ratings of criteria not in <paramref name="criteria"/> are ignored.
    /// </summary>
    public static decimal? IntangibleScore(IReadOnlyList<CriterionWeight> criteria, IReadOnlyDictionary<string, int> ratings)
    {
        var weighted = 0m;
        var weights = 0m;
        foreach (var c in criteria)
        {
            if (ratings.TryGetValue(c.Key, out var r))
            {
                weighted += c.Weight * r;
                weights += c.Weight;
            }
        }

        return weights > 0m ? weighted / (5m * weights) : null;
    }

    /// <summary>Scores one ranked customer. <paramref name="positiveCustomers"/>: customers with revenue &gt; 0 in the ranking.</summary>
    public static ScoreBreakdown Explain(RankedCustomer ranked, int positiveCustomers, IReadOnlyList<CriterionWeight> criteria,
        IReadOnlyDictionary<string, int> ratings, ScoreSettings settings)
    {
        var revenueScore = RevenueScore(ranked.Rank, positiveCustomers, ranked.Customer.Revenue);
        var intangible = IntangibleScore(criteria, ratings);
        var ratedWeights = criteria.Where(c => ratings.ContainsKey(c.Key)).Sum(c => c.Weight);
        var intangibleWeight = 1m - settings.Alpha;
        var parts = criteria.Select(c =>
        {
            int? rating = ratings.TryGetValue(c.Key, out var r) ? r : null;
            decimal? weighted = rating is null ? null : c.Weight * rating.Value;
            decimal? contribution = weighted is null || ratedWeights == 0m ? null : intangibleWeight * weighted.Value / (5m * ratedWeights);
            return new CriterionPart(c.Key, c.Name, c.Weight, rating, weighted, contribution);
        }).ToList();

        var revenuePart = settings.Alpha * revenueScore;
        var intangiblePart = intangibleWeight * (intangible ?? 0m);
        var score = Combine(settings.Alpha, revenueScore, intangible);
        var byClass = ranked.Class == AbcClass.A;
        var byScore = score >= settings.SuggestThreshold;
        return new ScoreBreakdown
        {
            Rank = ranked.Rank,
            PositiveCustomers = positiveCustomers,
            Class = ranked.Class,
            Alpha = settings.Alpha,
            RevenueScore = revenueScore,
            RevenuePart = revenuePart,
            IntangibleScore = intangible,
            IntangiblePart = intangiblePart,
            Score = score,
            SuggestThreshold = settings.SuggestThreshold,
            Suggested = IsSuggested(ranked.Class, score, settings.SuggestThreshold),
            SuggestedBecause = byClass && byScore ? "class A and score ≥ threshold" : byClass ? "class A" : byScore ? "score ≥ threshold" : null,
            Criteria = parts,
        };
    }

    /// <summary>The score: α × revenue score + (1 − α) × intangible score, an unrated customer's intangible counting 0.</summary>
    public static decimal Combine(decimal alpha, decimal revenueScore, decimal? intangible) => alpha * revenueScore + (1m - alpha) * (intangible ?? 0m);

    /// <summary>
    /// The suggestion rule (never a designation): class A, or a score at or above the threshold. A customer that meets it
    /// is suggested only while the team has room (<see cref="FitToCapacity"/>).
    /// </summary>
    public static bool IsSuggested(AbcClass cls, decimal score, decimal threshold) => cls == AbcClass.A || score >= threshold;

    /// <summary>
    /// How many key accounts the team can serve (PRODUCT.md §3, Capacity): <paramref name="perKam"/> × the members with the
    /// KAM role, and <paramref name="perKam"/> itself while there is no KAM yet (someone still serves the accounts).
    /// </summary>
    public static int TeamCapacity(int perKam, int kams) => perKam * Math.Max(1, kams);

    /// <summary>
    /// The suggestions that fit the team. <paramref name="rows"/> carry the rule's answer in <see cref="AccountRow.Suggested"/>
    /// (<see cref="IsSuggested"/>); of the customers that meet it and are not key accounts, the best by score (ties: higher
    /// revenue, then key, ordinal) stay suggested up to <paramref name="teamCapacity"/> − the key accounts already designated
    /// (never below 0); the others lose the suggestion and are marked <see cref="AccountRow.OverCapacity"/>. A key account
    /// keeps the rule's answer ("designated, no longer suggested" still means it no longer meets the rule). Rows keep their order.
    /// </summary>
    public static AccountRow[] FitToCapacity(IReadOnlyList<AccountRow> rows, int teamCapacity)
    {
        var room = Math.Max(0, teamCapacity - rows.Count(r => r.IsKeyAccount));
        var kept = rows.Where(r => r.Suggested && !r.IsKeyAccount)
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.Revenue).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Take(room).Select(r => r.Id).ToHashSet();
        return [.. rows.Select(r => r.Suggested && !r.IsKeyAccount && !kept.Contains(r.Id) ? r with { Suggested = false, OverCapacity = true } : r)];
    }

    /// <summary>Scores every customer of <paramref name="analysis"/>; ratings per customer id (missing = not rated).</summary>
    public static IReadOnlyDictionary<long, ScoreBreakdown> ExplainAll(ParetoAnalysis analysis, IReadOnlyList<CriterionWeight> criteria,
        IReadOnlyDictionary<long, IReadOnlyDictionary<string, int>> ratings, ScoreSettings settings)
    {
        var positive = analysis.Customers.Count(c => c.Customer.Revenue > 0m);
        var none = new Dictionary<string, int>();
        return analysis.Customers.ToDictionary(
            c => c.Customer.CustomerId,
            c => Explain(c, positive, criteria, ratings.TryGetValue(c.Customer.CustomerId, out var r) ? r : none, settings));
    }
}
