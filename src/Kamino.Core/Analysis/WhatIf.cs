namespace Kamino.Analysis;

/// <summary>
/// What the portfolio looks like without one customer (PRODUCT.md §3 "What if we lose X"): the analysis with
/// and without it. <see cref="ShareAtRisk"/> is the customer's revenue over the total with it; null when that
/// total is ≤ 0.
/// </summary>
public sealed record WhatIfResult(CustomerRevenue Without, ParetoAnalysis Before, ParetoAnalysis After, decimal? ShareAtRisk)
{
    /// <summary>Total revenue lost (the customer's revenue; negative when it was a net credit).</summary>
    public decimal RevenueAtRisk => Without.Revenue;
}

/// <summary>The "what if we lose X" rule (pure).</summary>
public static class WhatIf
{
    /// <summary>
    /// Analyses <paramref name="revenues"/> with and without the customer whose key is <paramref name="key"/>
    /// (ordinal); null when no such customer is among them.
    /// </summary>
    public static WhatIfResult? Without(IReadOnlyCollection<CustomerRevenue> revenues, string key, ParetoThresholds thresholds)
    {
        var lost = revenues.FirstOrDefault(r => string.Equals(r.Key, key, StringComparison.Ordinal));
        if (lost is null)
        {
            return null;
        }

        var before = Pareto.Analyze(revenues, thresholds);
        var after = Pareto.Analyze(revenues.Where(r => !string.Equals(r.Key, key, StringComparison.Ordinal)), thresholds);
        return new WhatIfResult(lost, before, after, before.HasPositiveTotal ? lost.Revenue / before.TotalRevenue : null);
    }
}
