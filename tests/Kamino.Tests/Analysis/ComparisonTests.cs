using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

/// <summary>The period comparison on small hand-computed examples.</summary>
public sealed class ComparisonTests
{
    private static CustomerRevenue R(string key, decimal revenue) => new(0, key, key + " name", revenue);

    [Fact]
    public void Compare_HandComputed_ClassesChangesAndMigrations()
    {
        // Previous: total 100. P 60 (A, 0 before), Q 30 (before 60 < 80: A), R 10 (before 90 < 95: B).
        // Current:  total 200. Q 120 (A), S 50 (before 120 < 160: A), P 30 (before 170 ≥ 160, < 190: B). R is lost, S new.
        var previous = new[] { R("P", 60m), R("Q", 30m), R("R", 10m) };
        var current = new[] { R("P", 30m), R("Q", 120m), R("S", 50m) };

        var c = Comparison.Compare(previous, current, new ParetoThresholds());

        Assert.Equal(100m, c.TotalChange);
        Assert.Equal(1m, c.TotalRelativeChange);
        Assert.Equal(["Q", "S", "P", "R"], c.Customers.Select(m => m.Key));
        var p = c.Customers.Single(m => m.Key == "P");
        Assert.Equal((AbcClass.A, AbcClass.B, -30m, -0.5m), (p.PreviousClass!.Value, p.CurrentClass!.Value, p.Change, p.RelativeChange!.Value));
        var q = c.Customers.Single(m => m.Key == "Q");
        Assert.Equal((AbcClass.A, AbcClass.A, 90m, 3m), (q.PreviousClass!.Value, q.CurrentClass!.Value, q.Change, q.RelativeChange!.Value));
        var s = c.Customers.Single(m => m.Key == "S");
        Assert.True(s.IsNew);
        Assert.Null(s.RelativeChange);
        Assert.Equal(50m, s.Change);
        var r = c.Customers.Single(m => m.Key == "R");
        Assert.True(r.IsLost);
        Assert.Equal(-10m, r.Change);
        Assert.Equal((1, 1), (c.NewCount, c.LostCount));
        Assert.Equal(
            [
                new ClassMigrationCount(AbcClass.A, AbcClass.A, 1, 90m),
                new ClassMigrationCount(AbcClass.A, AbcClass.B, 1, -30m),
                new ClassMigrationCount(AbcClass.B, null, 1, -10m),
                new ClassMigrationCount(null, AbcClass.A, 1, 50m),
            ],
            c.Migrations);
    }

    [Fact]
    public void Compare_PreviousRevenueNotPositive_RelativeChangeUndefined()
    {
        var c = Comparison.Compare([R("X", -5m), R("Y", 0m), R("Z", 10m)], [R("X", 20m), R("Y", 5m), R("Z", 10m)], new ParetoThresholds());

        Assert.Null(c.Customers.Single(m => m.Key == "X").RelativeChange);
        Assert.Null(c.Customers.Single(m => m.Key == "Y").RelativeChange);
        Assert.Equal(0m, c.Customers.Single(m => m.Key == "Z").RelativeChange);
        Assert.Equal(6m, c.TotalRelativeChange); // previous total 5, current 35
    }

    [Fact]
    public void Compare_PreviousTotalNotPositive_NoRelativeTotalAndEveryoneWasC()
    {
        var c = Comparison.Compare([R("X", -5m)], [R("X", 20m)], new ParetoThresholds());

        Assert.Null(c.TotalRelativeChange);
        Assert.Equal(AbcClass.C, c.Customers[0].PreviousClass);
        Assert.Equal(AbcClass.A, c.Customers[0].CurrentClass);
    }

    [Fact]
    public void Compare_WorkspaceThresholds_DecideTheClasses()
    {
        // 50/30/20: at t_A 0.5 only the first is A; at t_B 0.9 the second is B (before 50 < 90) and the third too (80 < 90).
        var current = new[] { R("A1", 50m), R("B1", 30m), R("B2", 20m) };

        var c = Comparison.Compare([], current, new ParetoThresholds(0.5m, 0.5m, 0.9m));

        Assert.Equal([AbcClass.A, AbcClass.B, AbcClass.B], c.Customers.Select(m => m.CurrentClass!.Value));
        Assert.All(c.Customers, m => Assert.True(m.IsNew));
    }

    [Theory]
    [InlineData("2016-12-31", "2017-12-30", "2015-12-31", "2016-12-30")] // the default 12 months
    [InlineData("2024-02-29", "2025-02-28", "2023-03-01", "2024-02-28")] // 12 months from a leap day: the 12 months ending the day before
    [InlineData("2024-02-01", "2024-02-29", "2024-01-03", "2024-01-31")] // 29 days: the 29 days before
    public void PreviousOf_Period_IsThePeriodBefore(string from, string to, string previousFrom, string previousTo)
    {
        var previous = Comparison.PreviousOf(new DateRange(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(DateOnly.Parse(previousFrom, System.Globalization.CultureInfo.InvariantCulture), previous.From);
        Assert.Equal(DateOnly.Parse(previousTo, System.Globalization.CultureInfo.InvariantCulture), previous.To);
    }
}
