using FsCheck;
using FsCheck.Xunit;
using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

/// <summary>
/// Properties of <see cref="Comparison.Compare"/> and <see cref="WhatIf.Without"/> over generated revenue maps:
/// whole cents from FsCheck integers (negative = credit notes), keys from a small pool so that the two periods
/// share some customers and not others.
/// </summary>
public sealed class ComparisonProperties
{
    private static List<CustomerRevenue> Map((int Cents, byte Key)[] input) =>
        input.DistinctBy(c => c.Key % 40).Select(c => new CustomerRevenue(c.Key % 40, $"K{c.Key % 40}", "", c.Cents / 100m)).ToList();

    [Property(MaxTest = 300)]
    public void WhatIf_AnyMapAndCustomer_AfterIsTheParetoOfTheMapWithoutIt((int Cents, byte Key)[] input, byte pick)
    {
        var map = Map(input);
        if (map.Count == 0)
        {
            return;
        }

        var x = map[pick % map.Count];
        var thresholds = new ParetoThresholds();

        var result = WhatIf.Without(map, x.Key, thresholds)!;

        var expected = Pareto.Analyze(map.Where(c => c != x), thresholds);
        Assert.Equal(expected.TotalRevenue, result.After.TotalRevenue);
        Assert.Equal(expected.Customers, result.After.Customers);
        Assert.Equal(expected.Concentration, result.After.Concentration);
        Assert.Equal(Pareto.Analyze(map, thresholds).Customers, result.Before.Customers);
        Assert.Equal(result.Before.TotalRevenue - x.Revenue, result.After.TotalRevenue);
        Assert.Equal(result.Before.HasPositiveTotal ? x.Revenue / result.Before.TotalRevenue : null, result.ShareAtRisk);
    }

    [Property(MaxTest = 300)]
    public void Compare_AnyTwoMaps_EachCustomerOnceWithItsClassesInEachPeriod((int Cents, byte Key)[] previousInput, (int Cents, byte Key)[] currentInput)
    {
        var (previous, current) = (Map(previousInput), Map(currentInput));
        var thresholds = new ParetoThresholds();

        var c = Comparison.Compare(previous, current, thresholds);

        var before = Pareto.Analyze(previous, thresholds).Customers.ToDictionary(r => r.Customer.Key, r => r.Class);
        var after = Pareto.Analyze(current, thresholds).Customers.ToDictionary(r => r.Customer.Key, r => r.Class);
        var union = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(union, c.Customers.Select(m => m.Key).Order(StringComparer.Ordinal));
        foreach (var m in c.Customers)
        {
            Assert.Equal(before.TryGetValue(m.Key, out var b) ? b : null, m.PreviousClass);
            Assert.Equal(after.TryGetValue(m.Key, out var a) ? a : null, m.CurrentClass);
            Assert.Equal(m.CurrentRevenue - m.PreviousRevenue, m.Change);
        }

        // Migrations count each customer once; new and lost are exactly the customers of one period only.
        Assert.Equal(union.Count, c.Migrations.Sum(m => m.Count));
        Assert.Equal(c.Migrations.Count, c.Migrations.Select(m => (m.From, m.To)).Distinct().Count());
        Assert.Equal(after.Keys.Except(before.Keys).Order(StringComparer.Ordinal), c.Customers.Where(m => m.IsNew).Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.Equal(before.Keys.Except(after.Keys).Order(StringComparer.Ordinal), c.Customers.Where(m => m.IsLost).Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.Equal(c.NewCount, c.Migrations.Where(m => m.From is null).Sum(m => m.Count));
        Assert.Equal(c.LostCount, c.Migrations.Where(m => m.To is null).Sum(m => m.Count));
        Assert.Equal(current.Sum(r => r.Revenue) - previous.Sum(r => r.Revenue), c.TotalChange);
        Assert.Equal(c.TotalChange, c.Migrations.Sum(m => m.RevenueChange));
    }

    [Property(MaxTest = 200)]
    public void Compare_SameMapTwice_NobodyMovesOrChanges((int Cents, byte Key)[] input)
    {
        var map = Map(input);

        var c = Comparison.Compare(map, map, new ParetoThresholds());

        Assert.All(c.Customers, m => Assert.Equal((m.PreviousClass, 0m), (m.CurrentClass, m.Change)));
        Assert.All(c.Migrations, m => Assert.Equal(m.From, m.To));
    }
}
