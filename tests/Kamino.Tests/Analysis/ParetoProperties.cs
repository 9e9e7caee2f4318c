using FsCheck;
using FsCheck.Xunit;
using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

/// <summary>
/// Properties of <see cref="Pareto.Analyze"/> over generated revenues. Revenues are whole cents from FsCheck
/// integers (negative ones are credit notes); keys are drawn from a small set so that ties and
/// key ordering are exercised, with a position suffix keeping them unique.
/// </summary>
public sealed class ParetoProperties
{
    private static List<CustomerRevenue> Customers((int Cents, byte KeyPart)[] input) =>
        input.Select((c, i) => new CustomerRevenue(i, $"K{c.KeyPart % 7}-{i}", "", c.Cents / 100m)).ToList();

    /// <summary>Adds one customer large enough that the total is positive, keeping every other value.</summary>
    private static List<CustomerRevenue> WithPositiveTotal((int Cents, byte KeyPart)[] input)
    {
        var customers = Customers(input);
        var total = customers.Sum(c => c.Revenue);
        customers.Add(new CustomerRevenue(-1, "K-anchor", "", Math.Max(0m, -total) + 0.01m));
        return customers;
    }

    private static decimal Threshold(byte percent) => (percent % 100 + 1) / 100m;

    [Property(MaxTest = 300)]
    public void Analyze_AnyRevenues_RanksByRevenueDescendingThenKey((int Cents, byte KeyPart)[] input)
    {
        var ranked = Pareto.Analyze(Customers(input), new ParetoThresholds()).Customers;

        Assert.Equal(input.Length, ranked.Count);
        for (var i = 1; i < ranked.Count; i++)
        {
            var (before, after) = (ranked[i - 1].Customer, ranked[i].Customer);
            Assert.True(before.Revenue > after.Revenue
                || (before.Revenue == after.Revenue && string.CompareOrdinal(before.Key, after.Key) < 0));
            Assert.Equal(i + 1, ranked[i].Rank);
        }
    }

    [Property(MaxTest = 300)]
    public void Analyze_PositiveTotal_SetIsShortestHeadReachingThreshold((int Cents, byte KeyPart)[] input, byte percent)
    {
        var t = Threshold(percent);
        var a = Pareto.Analyze(WithPositiveTotal(input), new ParetoThresholds(pareto: t));
        var revenues = a.Customers.Select(c => c.Customer.Revenue).ToList();

        // The shortest k such that the first k revenues reach t × total, computed from scratch.
        var k = 0;
        var head = 0m;
        while (head < t * a.TotalRevenue)
        {
            head += revenues[k++];
        }

        Assert.Equal(k, a.ParetoCount);
        Assert.Equal(Enumerable.Range(0, a.CustomerCount).Select(i => i < k), a.Customers.Select(c => c.InParetoSet));
        Assert.All(a.Customers.Where(c => c.InParetoSet), c => Assert.True(c.Customer.Revenue > 0m));
    }

    [Property(MaxTest = 300)]
    public void Analyze_AnyRevenues_ClassesPartitionCustomersInRankOrder((int Cents, byte KeyPart)[] input, bool positiveTotal)
    {
        var customers = positiveTotal ? WithPositiveTotal(input) : Customers(input);
        var a = Pareto.Analyze(customers, new ParetoThresholds());

        Assert.Equal(a.CustomerCount, a.ClassA.Count + a.ClassB.Count + a.ClassC.Count);
        Assert.Equal(a.TotalRevenue, a.ClassA.Revenue + a.ClassB.Revenue + a.ClassC.Revenue);
        // A, then B, then C down the ranking; with the default thresholds A is the Pareto set.
        var classes = a.Customers.Select(c => c.Class).ToList();
        Assert.Equal(classes.Order(), classes);
        Assert.Equal(a.Customers.Select(c => c.InParetoSet), a.Customers.Select(c => c.Class == AbcClass.A));
        Assert.All(a.Customers.Where(c => c.Customer.Revenue <= 0m || !a.HasPositiveTotal), c => Assert.Equal(AbcClass.C, c.Class));
    }

    [Property(MaxTest = 300)]
    public void Analyze_PositiveTotal_SharesSumToOne((int Cents, byte KeyPart)[] input)
    {
        var a = Pareto.Analyze(WithPositiveTotal(input), new ParetoThresholds());

        var sum = a.Customers.Sum(c => c.Share!.Value);
        Assert.InRange(sum, 1m - 1e-20m, 1m + 1e-20m);
        Assert.Equal(1m, a.Customers[^1].CumulativeShare);
    }

    [Property(MaxTest = 300)]
    public void Analyze_PositiveCustomers_HhiBetweenEvenSplitAndMonopoly(PositiveInt[] cents)
    {
        if (cents.Length == 0)
        {
            return;
        }

        var a = Pareto.Analyze(cents.Select((c, i) => new CustomerRevenue(i, $"C{i}", "", c.Get / 100m)), new ParetoThresholds());

        var c = a.Concentration!;
        var n = cents.Length;
        Assert.InRange(c.Hhi, 10_000m / n - 1e-15m, 10_000m + 1e-15m);
        Assert.InRange(c.EffectiveCustomers, 1m - 1e-15m, n + 1e-15m);
        Assert.True(c.Top1Share <= c.Top5Share && c.Top5Share <= c.Top10Share && c.Top10Share <= 1m + 1e-20m);
    }
}
