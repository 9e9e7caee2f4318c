using Kamino.Analysis;
using Kamino.Customers;

namespace Kamino.Tests.Customers;

/// <summary>
/// The key-account score of PRODUCT.md §3, computed by hand. The ranking: A 600, B 300, C 100, D 0, E −50
/// (total 950, three customers with revenue &gt; 0); with t_A 0.80 and t_B 0.95 A and B are class A (A's 600 is
/// below 760), C is B (900 is below 902.5), D and E are C.
/// </summary>
public sealed class KeyAccountScoreTests
{
    private static readonly CriterionWeight[] Criteria = [new("brand", "Brand image", 2m), new("contacts", "Contacts", 1m), new("fit", "Strategic fit", 1m)];

    private static readonly ParetoAnalysis Ranking = Pareto.Analyze(
        [
            new CustomerRevenue(1, "A", "Alpha", 600m),
            new CustomerRevenue(2, "B", "Beta", 300m),
            new CustomerRevenue(3, "C", "Gamma", 100m),
            new CustomerRevenue(4, "D", "Delta", 0m),
            new CustomerRevenue(5, "E", "Epsilon", -50m),
        ],
        new ParetoThresholds());

    private static Dictionary<string, int> Rated(params (string Key, int Value)[] ratings) => ratings.ToDictionary(r => r.Key, r => r.Value);

    private static ScoreBreakdown Explain(string key, Dictionary<string, int> ratings, ScoreSettings? settings = null) =>
        KeyAccountScore.Explain(Ranking.Customers.Single(c => c.Customer.Key == key), 3, Criteria, ratings, settings ?? new ScoreSettings());

    [Theory]
    [InlineData(1, 3, 600, 1.0)]
    [InlineData(2, 3, 300, 0.666667)]
    [InlineData(3, 3, 100, 0.333333)]
    [InlineData(4, 3, 0, 0.0)]
    [InlineData(5, 3, -50, 0.0)]
    public void RevenueScore_IsOneMinusRankMinusOneOverPositiveCustomers_ZeroWithoutRevenue(int rank, int positive, int revenue, double expected) =>
        Assert.Equal((decimal)expected, KeyAccountScore.RevenueScore(rank, positive, revenue), 6);

    [Fact]
    public void IntangibleScore_WeighsRatedCriteriaOnly()
    {
        // (2 × 5 + 1 × 3) / (5 × (2 + 1)): "fit" is not rated, so its weight is not in the denominator.
        Assert.Equal(13m / 15m, KeyAccountScore.IntangibleScore(Criteria, Rated(("brand", 5), ("contacts", 3)))!.Value, 20);
        // All rated: (2 × 1 + 1 × 0 + 1 × 4) / (5 × 4) = 6 / 20.
        Assert.Equal(0.3m, KeyAccountScore.IntangibleScore(Criteria, Rated(("brand", 1), ("contacts", 0), ("fit", 4))));
    }

    [Fact]
    public void IntangibleScore_NotRated_IsNone_NotZero()
    {
        Assert.Null(KeyAccountScore.IntangibleScore(Criteria, Rated()));
        Assert.Null(KeyAccountScore.IntangibleScore(Criteria, Rated(("unknown", 5))));
        Assert.Equal(0m, KeyAccountScore.IntangibleScore(Criteria, Rated(("fit", 0)))); // rated 0 is a score of 0
        Assert.Null(KeyAccountScore.IntangibleScore([new("brand", "Brand", 0m)], Rated(("brand", 5)))); // weight 0 only
    }

    [Fact]
    public void Explain_RatedClassBCustomer_ShowsEveryPart()
    {
        var s = Explain("C", Rated(("brand", 5), ("contacts", 3)));

        Assert.Equal((3, 3, AbcClass.B, true), (s.Rank, s.PositiveCustomers, s.Class, s.IsRated));
        Assert.Equal(1m / 3m, s.RevenueScore, 20);
        Assert.Equal(0.7m / 3m, s.RevenuePart, 20);
        Assert.Equal(0.26m, s.IntangiblePart, 20); // 0.3 × 13/15
        Assert.Equal(0.7m / 3m + 0.26m, s.Score, 20); // 0.49333…
        Assert.False(s.Suggested); // class B and below 0.6
        Assert.Null(s.SuggestedBecause);

        var brand = s.Criteria.Single(c => c.Key == "brand");
        Assert.Equal((2m, (int?)5, (decimal?)10m), (brand.Weight, brand.Rating, brand.WeightedRating));
        Assert.Equal(0.2m, brand.Contribution!.Value, 20); // 0.3 × 10 / 15
        Assert.Equal(0.06m, s.Criteria.Single(c => c.Key == "contacts").Contribution!.Value, 20); // 0.3 × 3 / 15
        var fit = s.Criteria.Single(c => c.Key == "fit");
        Assert.Equal(((int?)null, (decimal?)null, (decimal?)null), (fit.Rating, fit.WeightedRating, fit.Contribution));
        Assert.Equal(s.IntangiblePart, s.Criteria.Sum(c => c.Contribution ?? 0m), 20);
    }

    [Fact]
    public void Explain_UnratedClassACustomer_CountsIntangibleAsZero_AndIsSuggestedForItsClass()
    {
        var s = Explain("B", Rated());

        Assert.False(s.IsRated);
        Assert.Null(s.IntangibleScore);
        Assert.Equal(0m, s.IntangiblePart);
        Assert.Equal(0.7m * (2m / 3m), s.Score, 20); // 0.4667: below the threshold
        Assert.Equal((true, "class A"), (s.Suggested, s.SuggestedBecause));
    }

    [Fact]
    public void Explain_ClassBCustomerAtOrAboveTheThreshold_IsSuggestedForItsScore()
    {
        // α 0.5: 0.5 × 1/3 + 0.5 × 13/15 = 0.6 ≥ 0.55.
        var s = Explain("C", Rated(("brand", 5), ("contacts", 3)), new ScoreSettings(0.5m, 0.55m));

        Assert.Equal(0.6m, s.Score, 20);
        Assert.Equal((true, "score ≥ threshold"), (s.Suggested, s.SuggestedBecause));
        Assert.False(Explain("C", Rated(("brand", 5), ("contacts", 3)), new ScoreSettings(0.5m, 0.61m)).Suggested);
    }

    [Fact]
    public void Explain_NoRevenue_HasRevenueScoreZero_AndOnlyTheIntangiblePart()
    {
        var s = Explain("E", Rated(("brand", 5), ("contacts", 5), ("fit", 5)));

        Assert.Equal((0m, 0m, 1m), (s.RevenueScore, s.RevenuePart, s.IntangibleScore));
        Assert.Equal(0.3m, s.Score);
        Assert.Equal(AbcClass.C, s.Class);
        Assert.False(s.Suggested);
    }

    [Fact]
    public void ExplainAll_CountsPositiveCustomersFromTheRanking()
    {
        var all = KeyAccountScore.ExplainAll(Ranking, Criteria, new Dictionary<long, IReadOnlyDictionary<string, int>> { [3] = Rated(("fit", 5)) }, new ScoreSettings());

        Assert.Equal([1m, 2m / 3m, 1m / 3m, 0m, 0m], all.OrderBy(p => p.Key).Select(p => Math.Round(p.Value.RevenueScore, 20)).Select(v => v).ToArray(),
            new DecimalTolerance());
        Assert.Equal(1m, all[3].IntangibleScore);
        Assert.All(all.Values, s => Assert.Equal(3, s.PositiveCustomers));
    }

    [Theory]
    [InlineData(-0.1, 0.6)]
    [InlineData(1.1, 0.6)]
    [InlineData(0.7, -0.01)]
    [InlineData(0.7, 1.01)]
    public void ScoreSettings_OutOfRange_CannotExist(double alpha, double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreSettings((decimal)alpha, (decimal)threshold));

    private sealed class DecimalTolerance : IEqualityComparer<decimal>
    {
        public bool Equals(decimal x, decimal y) => Math.Abs(x - y) < 0.000000000001m;

        public int GetHashCode(decimal obj) => 0;
    }
}
