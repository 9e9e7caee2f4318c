namespace Kamino.Analysis;

/// <summary>ABC class of a customer (PRODUCT.md §3).</summary>
public enum AbcClass
{
    A,
    B,
    C,
}

/// <summary>A customer's net revenue in a period. <see cref="Key"/> breaks ties in the ranking.</summary>
public sealed record CustomerRevenue(long CustomerId, string Key, string Name, decimal Revenue);

/// <summary>Cumulative-share thresholds: the Pareto set, and the ends of classes A and B. Each in (0, 1].</summary>
public sealed record ParetoThresholds
{
    public ParetoThresholds(decimal pareto = 0.80m, decimal a = 0.80m, decimal b = 0.95m)
    {
        Check(pareto, nameof(pareto));
        Check(a, nameof(a));
        Check(b, nameof(b));
        if (b < a)
        {
            throw new ArgumentException($"Class B threshold {b} is below class A threshold {a}.", nameof(b));
        }

        Pareto = pareto;
        A = a;
        B = b;
    }

    public decimal Pareto { get; }

    public decimal A { get; }

    public decimal B { get; }

    private static void Check(decimal value, string name)
    {
        if (value <= 0m || value > 1m)
        {
            throw new ArgumentOutOfRangeException(name, value, "A threshold is a share between 0 (excluded) and 1.");
        }
    }
}

/// <summary>One customer's place in the ranking. Shares are null when the total revenue is not positive.</summary>
public sealed record RankedCustomer(
    int Rank,
    CustomerRevenue Customer,
    decimal? Share,
    decimal? CumulativeShare,
    bool InParetoSet,
    AbcClass Class);

/// <summary>Number of customers and revenue in one ABC class.</summary>
public sealed record ClassSummary(int Count, decimal Revenue, decimal? RevenueShare);

/// <summary>How much of the revenue sits in few customers. Shares are fractions 0..1; HHI in points 0..10,000.</summary>
public sealed record Concentration(decimal Top1Share, decimal Top5Share, decimal Top10Share, decimal Hhi, decimal EffectiveCustomers);

/// <summary>
/// The Pareto set, ABC classes and concentration of a set of customer revenues. When
/// <see cref="TotalRevenue"/> is ≤ 0 there is nothing to rank by share: <see cref="HasPositiveTotal"/> is false,
/// shares and concentration are null and every customer is class C.
/// </summary>
public sealed record ParetoAnalysis(
    decimal TotalRevenue,
    int CustomerCount,
    int ParetoCount,
    IReadOnlyList<RankedCustomer> Customers,
    ClassSummary ClassA,
    ClassSummary ClassB,
    ClassSummary ClassC,
    Concentration? Concentration)
{
    public bool HasPositiveTotal => TotalRevenue > 0m;

    /// <summary>Pareto customers over all customers with sales in the period; null without customers.</summary>
    public decimal? ParetoCustomerShare => CustomerCount == 0 ? null : (decimal)ParetoCount / CustomerCount;

    /// <summary>Revenue share of the Pareto set; null when the total is not positive.</summary>
    public decimal? ParetoRevenueShare => HasPositiveTotal
        ? Customers.Where(c => c.InParetoSet).Sum(c => c.Customer.Revenue) / TotalRevenue
        : null;
}

/// <summary>The rules of PRODUCT.md §3 for ranking, the Pareto set, ABC classes and concentration.</summary>
public static class Pareto
{
    /// <summary>
    /// Ranks customers by revenue descending (ties by key ascending, ordinal), then classifies them.
    /// A positive customer is in the set at threshold t when the cumulative revenue of the customers ranked
    /// strictly above it is below t × total; customers with revenue ≤ 0 rank last, are never in the set and are C.
    /// </summary>
    public static ParetoAnalysis Analyze(IEnumerable<CustomerRevenue> revenues, ParetoThresholds thresholds)
    {
        var ranked = revenues.ToArray();
        Array.Sort(ranked, static (x, y) =>
        {
            var byRevenue = y.Revenue.CompareTo(x.Revenue);
            var byKey = byRevenue != 0 ? byRevenue : string.CompareOrdinal(x.Key, y.Key);
            return byKey != 0 ? byKey : x.CustomerId.CompareTo(y.CustomerId);
        });
        var total = 0m;
        foreach (var r in ranked)
        {
            total += r.Revenue;
        }

        var positive = total > 0m;
        var paretoEnd = thresholds.Pareto * total;
        var aEnd = thresholds.A * total;
        var bEnd = thresholds.B * total;

        var result = new List<RankedCustomer>(ranked.Length);
        var before = 0m;
        for (var i = 0; i < ranked.Length; i++)
        {
            var r = ranked[i];
            var counts = positive && r.Revenue > 0m;
            var inSet = counts && before < paretoEnd;
            var cls = !counts ? AbcClass.C
                : before < aEnd ? AbcClass.A
                : before < bEnd ? AbcClass.B
                : AbcClass.C;
            before += r.Revenue;
            result.Add(new RankedCustomer(
                i + 1,
                r,
                positive ? r.Revenue / total : null,
                positive ? before / total : null,
                inSet,
                cls));
        }

        return new ParetoAnalysis(
            total,
            result.Count,
            result.Count(c => c.InParetoSet),
            result,
            Summary(result, AbcClass.A, total),
            Summary(result, AbcClass.B, total),
            Summary(result, AbcClass.C, total),
            positive ? Concentrate(result, total) : null);
    }

    private static ClassSummary Summary(List<RankedCustomer> ranked, AbcClass cls, decimal total)
    {
        var members = ranked.Where(c => c.Class == cls).ToList();
        var revenue = members.Sum(c => c.Customer.Revenue);
        return new ClassSummary(members.Count, revenue, total > 0m ? revenue / total : null);
    }

    private static Concentration Concentrate(List<RankedCustomer> ranked, decimal total)
    {
        decimal TopShare(int n) => ranked.Take(n).Where(c => c.Customer.Revenue > 0m).Sum(c => c.Customer.Revenue) / total;

        var hhi = 0m;
        foreach (var c in ranked)
        {
            if (c.Customer.Revenue > 0m)
            {
                var share = c.Customer.Revenue / total;
                hhi += share * share;
            }
        }

        hhi *= 10_000m;
        return new Concentration(TopShare(1), TopShare(5), TopShare(10), hhi, hhi > 0m ? 10_000m / hhi : 0m);
    }
}
