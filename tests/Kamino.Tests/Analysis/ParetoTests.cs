using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

/// <summary>Hand-computed examples of the rules of PRODUCT.md §3.</summary>
public sealed class ParetoTests
{
    private static readonly ParetoThresholds Defaults = new();

    private static CustomerRevenue Customer(string key, decimal revenue, long id = 0) => new(id, key, "Name of " + key, revenue);

    private static ParetoAnalysis Analyze(params (string Key, decimal Revenue)[] customers) =>
        Pareto.Analyze(customers.Select((c, i) => Customer(c.Key, c.Revenue, i + 1)), Defaults);

    private static string[] Keys(ParetoAnalysis a) => a.Customers.Select(c => c.Customer.Key).ToArray();

    [Fact]
    public void Analyze_EqualRevenue_RanksByKeyAscending()
    {
        var a = Analyze(("K2", 100m), ("K10", 100m), ("K1", 100m), ("K0", 50m));

        // Ordinal comparison: "K10" sorts before "K2".
        Assert.Equal(["K1", "K10", "K2", "K0"], Keys(a));
        Assert.Equal([1, 2, 3, 4], a.Customers.Select(c => c.Rank));
    }

    [Fact]
    public void Analyze_SameInputInAnyOrder_GivesSameRanking()
    {
        var input = new[] { ("B", 10m), ("A", 10m), ("C", 30m), ("D", 10m) };
        var forward = Analyze(input);
        var backward = Analyze(input.Reverse().ToArray());

        Assert.Equal(["C", "A", "B", "D"], Keys(forward));
        Assert.Equal(Keys(forward), Keys(backward));
    }

    [Fact]
    public void Analyze_ZeroAndNegativeRevenue_RankLastAreClassCAndNeverInSet()
    {
        // Total = 100 + 50 + 0 - 10 = 140; 80 % of it is 112.
        var a = Analyze(("NEG", -10m), ("ZERO", 0m), ("BIG", 100m), ("MID", 50m));

        Assert.Equal(["BIG", "MID", "ZERO", "NEG"], Keys(a));
        Assert.Equal(140m, a.TotalRevenue);
        var zero = a.Customers[2];
        var negative = a.Customers[3];
        Assert.All(new[] { zero, negative }, c =>
        {
            Assert.False(c.InParetoSet);
            Assert.Equal(AbcClass.C, c.Class);
        });
        Assert.Equal(2, a.ParetoCount);
        Assert.Equal(new ClassSummary(2, 150m, 150m / 140m), a.ClassA);
        Assert.Equal(new ClassSummary(2, -10m, -10m / 140m), a.ClassC);
        // Shares are over the net total, credit notes included.
        Assert.Equal(-10m / 140m, negative.Share);
    }

    [Fact]
    public void Analyze_CustomerCrossingThreshold_IsInSet()
    {
        // Cumulative before each: 0, 50, 75, 90 (of 100). The third crosses 80 % and is in.
        var a = Analyze(("P", 50m), ("Q", 25m), ("R", 15m), ("S", 10m));

        Assert.Equal([true, true, true, false], a.Customers.Select(c => c.InParetoSet));
        Assert.Equal(3, a.ParetoCount);
        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.A, AbcClass.B], a.Customers.Select(c => c.Class));
        Assert.Equal(0.75m, a.ParetoCustomerShare);
        Assert.Equal(0.90m, a.ParetoRevenueShare);
    }

    [Fact]
    public void Analyze_HeadReachingThresholdExactly_StopsThere()
    {
        // Cumulative before each: 0, 50, 80, 90, 96. 50 + 30 is exactly 80 %: the next one is not needed.
        var a = Analyze(("A", 50m), ("B", 30m), ("C", 10m), ("D", 6m), ("E", 4m));

        Assert.Equal([true, true, false, false, false], a.Customers.Select(c => c.InParetoSet));
        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.C], a.Customers.Select(c => c.Class));
        Assert.Equal(new ClassSummary(2, 80m, 0.8m), a.ClassA);
        Assert.Equal(new ClassSummary(2, 16m, 0.16m), a.ClassB);
        Assert.Equal(new ClassSummary(1, 4m, 0.04m), a.ClassC);
        Assert.Equal([0.5m, 0.8m, 0.9m, 0.96m, 1m], a.Customers.Select(c => c.CumulativeShare!.Value));
    }

    [Fact]
    public void Analyze_OtherParetoThreshold_MovesSetButNotAbc()
    {
        var input = new[] { Customer("A", 50m), Customer("B", 30m), Customer("C", 10m), Customer("D", 6m), Customer("E", 4m) };

        var half = Pareto.Analyze(input, new ParetoThresholds(pareto: 0.5m));

        // Before B the cumulative share is 0.5, not below 0.5: only A is in the set. ABC keeps t_A = 0.80.
        Assert.Equal(1, half.ParetoCount);
        Assert.Equal(2, half.ClassA.Count);
    }

    [Fact]
    public void Analyze_OneCustomer_IsWholeSetWithFullConcentration()
    {
        var a = Analyze(("ONLY", 42.50m));

        var only = Assert.Single(a.Customers);
        Assert.Equal(1, only.Rank);
        Assert.Equal(1m, only.Share);
        Assert.True(only.InParetoSet);
        Assert.Equal(AbcClass.A, only.Class);
        Assert.Equal(new Concentration(1m, 1m, 1m, 10_000m, 1m), a.Concentration);
    }

    [Fact]
    public void Analyze_NoData_HasNothingToRank()
    {
        var a = Pareto.Analyze([], Defaults);

        Assert.Equal(0, a.CustomerCount);
        Assert.Equal(0, a.ParetoCount);
        Assert.Empty(a.Customers);
        Assert.False(a.HasPositiveTotal);
        Assert.Null(a.Concentration);
        Assert.Null(a.ParetoCustomerShare);
        Assert.Null(a.ParetoRevenueShare);
    }

    [Theory]
    [InlineData(10, -20)]
    [InlineData(10, -10)]
    [InlineData(-5, -1)]
    public void Analyze_TotalNotPositive_NoSharesAndEveryoneC(int first, int second)
    {
        var a = Analyze(("X", first), ("Y", second));

        Assert.False(a.HasPositiveTotal);
        Assert.Equal((decimal)(first + second), a.TotalRevenue);
        Assert.Null(a.Concentration);
        Assert.Null(a.ParetoRevenueShare);
        Assert.Equal(0, a.ParetoCount);
        Assert.All(a.Customers, c =>
        {
            Assert.Null(c.Share);
            Assert.Null(c.CumulativeShare);
            Assert.False(c.InParetoSet);
            Assert.Equal(AbcClass.C, c.Class);
        });
        Assert.Null(a.ClassC.RevenueShare);
    }

    [Fact]
    public void Analyze_ThreeCustomers_HhiAndEffectiveCustomers()
    {
        // Shares 0.5, 0.3, 0.2: HHI = (0.25 + 0.09 + 0.04) × 10,000 = 3,800; effective = 10,000 / 3,800.
        var a = Analyze(("A", 500m), ("B", 300m), ("C", 200m));

        var c = a.Concentration!;
        Assert.Equal(3_800m, c.Hhi);
        Assert.Equal(10_000m / 3_800m, c.EffectiveCustomers);
        Assert.Equal(0.5m, c.Top1Share);
        Assert.Equal(1m, c.Top5Share);
        Assert.Equal(1m, c.Top10Share);
    }

    [Fact]
    public void Analyze_CreditNotes_HhiOverPositiveCustomersWithNetShares()
    {
        // Total 100; shares 0.6, 0.5, -0.1. HHI counts customers with revenue > 0 only: 0.36 + 0.25.
        var a = Analyze(("A", 60m), ("B", 50m), ("R", -10m));

        Assert.Equal(6_100m, a.Concentration!.Hhi);
        Assert.Equal(1m, a.Customers.Sum(c => c.Share!.Value));
    }

    [Fact]
    public void Analyze_ElevenCustomers_TopFiveAndTopTenShares()
    {
        // Revenues 1..11, total 66.
        var a = Pareto.Analyze(Enumerable.Range(1, 11).Select(i => Customer($"C{i:D2}", i)), Defaults);

        var c = a.Concentration!;
        Assert.Equal(11m / 66m, c.Top1Share);
        Assert.Equal((11m + 10m + 9m + 8m + 7m) / 66m, c.Top5Share);
        Assert.Equal(65m / 66m, c.Top10Share);
    }

    [Fact]
    public void Thresholds_OutOfRange_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoThresholds(pareto: 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoThresholds(pareto: 1.01m));
        Assert.Throws<ArgumentException>(() => new ParetoThresholds(a: 0.9m, b: 0.8m));
    }
}
