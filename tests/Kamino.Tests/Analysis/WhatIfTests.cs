using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

/// <summary>"What if we lose X" on small hand-computed examples.</summary>
public sealed class WhatIfTests
{
    private static CustomerRevenue R(string key, decimal revenue) => new(0, key, key, revenue);

    [Fact]
    public void Without_TopCustomer_HandComputed()
    {
        // 50/30/20 of 100: HHI = 2500 + 900 + 400 = 3800. Without X (50): 30/20 of 50 = 60 % / 40 %, HHI 3600 + 1600 = 5200.
        var result = WhatIf.Without([R("X", 50m), R("Y", 30m), R("Z", 20m)], "X", new ParetoThresholds());

        Assert.NotNull(result);
        Assert.Equal(0.5m, result.ShareAtRisk);
        Assert.Equal(50m, result.RevenueAtRisk);
        Assert.Equal((100m, 50m), (result.Before.TotalRevenue, result.After.TotalRevenue));
        Assert.Equal(3800m, result.Before.Concentration!.Hhi);
        Assert.Equal(5200m, result.After.Concentration!.Hhi);
        // Before: X (0 < 80), Y (50 < 80) are in the set; after: Y (0 < 40), Z (30 < 40).
        Assert.Equal(["X", "Y"], result.Before.Customers.Where(c => c.InParetoSet).Select(c => c.Customer.Key));
        Assert.Equal(["Y", "Z"], result.After.Customers.Where(c => c.InParetoSet).Select(c => c.Customer.Key));
    }

    [Fact]
    public void Without_UnknownKey_IsNull() =>
        Assert.Null(WhatIf.Without([R("X", 50m)], "x", new ParetoThresholds()));

    [Fact]
    public void Without_OnlyCustomer_LeavesNothingToRank()
    {
        var result = WhatIf.Without([R("X", 50m)], "X", new ParetoThresholds());

        Assert.Equal(1m, result!.ShareAtRisk);
        Assert.False(result.After.HasPositiveTotal);
        Assert.Equal(0, result.After.CustomerCount);
    }

    [Fact]
    public void Without_CreditCustomer_RaisesTheTotal()
    {
        var result = WhatIf.Without([R("X", 50m), R("C", -10m)], "C", new ParetoThresholds());

        Assert.Equal(50m, result!.After.TotalRevenue);
        Assert.Equal(-0.25m, result.ShareAtRisk); // −10 over 40
    }
}
