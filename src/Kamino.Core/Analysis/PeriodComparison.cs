namespace Kamino.Analysis;

/// <summary>
/// One customer across two periods. A class is null when the customer had no sales lines in that period
/// (new: no previous class; lost: no current class). Revenues are 0 in a period without lines.
/// </summary>
/// <param name="Change">Current − previous revenue.</param>
/// <param name="RelativeChange">Change / previous revenue; null when the previous revenue is ≤ 0 (no base to divide by).</param>
public sealed record CustomerMigration(
    string Key,
    string Name,
    decimal PreviousRevenue,
    decimal CurrentRevenue,
    AbcClass? PreviousClass,
    AbcClass? CurrentClass,
    decimal Change,
    decimal? RelativeChange)
{
    /// <summary>Sales in the current period only.</summary>
    public bool IsNew => PreviousClass is null;

    /// <summary>Sales in the previous period only.</summary>
    public bool IsLost => CurrentClass is null;
}

/// <summary>How many customers went from one class to another (null = absent in that period) and their revenue change.</summary>
public sealed record ClassMigrationCount(AbcClass? From, AbcClass? To, int Count, decimal RevenueChange);

/// <summary>
/// Two periods side by side (PRODUCT.md §3 applied to each): the full analysis of each, every customer's
/// classes and revenue change, and the counts per migration (A→B, new→A, C→lost, …).
/// </summary>
/// <param name="TotalRelativeChange">Total change over the previous total; null when the previous total is ≤ 0.</param>
public sealed record PeriodComparison(
    ParetoAnalysis Previous,
    ParetoAnalysis Current,
    decimal TotalChange,
    decimal? TotalRelativeChange,
    IReadOnlyList<CustomerMigration> Customers,
    IReadOnlyList<ClassMigrationCount> Migrations)
{
    public int NewCount => Customers.Count(c => c.IsNew);

    public int LostCount => Customers.Count(c => c.IsLost);
}

/// <summary>Comparison of two periods' revenue per customer (pure: no database, clock or config).</summary>
public static class Comparison
{
    /// <summary>
    /// Classifies each period on its own with <paramref name="thresholds"/> and matches customers by key
    /// (ordinal). Customers are listed by current revenue descending, then previous revenue descending, then key;
    /// migrations in the order previous class (A, B, C, new), then current class (A, B, C, lost).
    /// </summary>
    public static PeriodComparison Compare(IEnumerable<CustomerRevenue> previous, IEnumerable<CustomerRevenue> current, ParetoThresholds thresholds)
    {
        var before = Pareto.Analyze(previous, thresholds);
        var after = Pareto.Analyze(current, thresholds);
        var beforeByKey = before.Customers.ToDictionary(c => c.Customer.Key, StringComparer.Ordinal);
        var afterByKey = after.Customers.ToDictionary(c => c.Customer.Key, StringComparer.Ordinal);

        var customers = new List<CustomerMigration>(beforeByKey.Count + afterByKey.Count);
        foreach (var key in beforeByKey.Keys.Union(afterByKey.Keys, StringComparer.Ordinal))
        {
            beforeByKey.TryGetValue(key, out var b);
            afterByKey.TryGetValue(key, out var a);
            var previousRevenue = b?.Customer.Revenue ?? 0m;
            var currentRevenue = a?.Customer.Revenue ?? 0m;
            var change = currentRevenue - previousRevenue;
            customers.Add(new CustomerMigration(
                key,
                (a ?? b)!.Customer.Name,
                previousRevenue,
                currentRevenue,
                b?.Class,
                a?.Class,
                change,
                previousRevenue > 0m ? change / previousRevenue : null));
        }

        customers.Sort((x, y) =>
        {
            var c = y.CurrentRevenue.CompareTo(x.CurrentRevenue);
            if (c == 0)
            {
                c = y.PreviousRevenue.CompareTo(x.PreviousRevenue);
            }

            return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
        });

        var migrations = customers
            .GroupBy(c => (c.PreviousClass, c.CurrentClass))
            .Select(g => new ClassMigrationCount(g.Key.PreviousClass, g.Key.CurrentClass, g.Count(), g.Sum(c => c.Change)))
            .OrderBy(m => m.From is null ? 3 : (int)m.From.Value)
            .ThenBy(m => m.To is null ? 3 : (int)m.To.Value)
            .ToList();

        var totalChange = after.TotalRevenue - before.TotalRevenue;
        return new PeriodComparison(
            before,
            after,
            totalChange,
            before.TotalRevenue > 0m ? totalChange / before.TotalRevenue : null,
            customers,
            migrations);
    }

    /// <summary>
    /// The default previous period for <paramref name="current"/>: the 12 months ending the day before it
    /// (by <see cref="DateRange.TwelveMonthsEndingOn"/>) when <paramref name="current"/> is such a 12-month period (the default), otherwise as many days immediately before.
    /// </summary>
    public static DateRange PreviousOf(DateRange current)
    {
        if (current == DateRange.TwelveMonthsEndingOn(current.To))
        {
            return DateRange.TwelveMonthsEndingOn(current.From.AddDays(-1));
        }

        var days = current.To.DayNumber - current.From.DayNumber + 1;
        return new DateRange(current.From.AddDays(-days), current.From.AddDays(-1));
    }
}
