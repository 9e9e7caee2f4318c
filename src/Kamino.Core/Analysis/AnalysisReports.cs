namespace Kamino.Analysis;

/// <summary>
/// One period's headline figures as the comparison and the what-if reports show them (money rounded to cents,
/// shares to 6 decimals, like <see cref="ParetoReport"/>). <see cref="Note"/> says why there is nothing to rank.
/// </summary>
public sealed record PeriodSummaryDto(
    PeriodDto Period,
    decimal TotalRevenue,
    int CustomerCount,
    int ParetoCount,
    ClassCountsDto Classes,
    ClassRevenueDto ClassRevenue,
    ConcentrationDto? Concentration,
    string? Note)
{
    internal static PeriodSummaryDto From(ParetoAnalysis a, DateRange? period)
    {
        var pareto = ParetoReport.From(a, period, "", 0.80m);
        return new PeriodSummaryDto(pareto.Period, pareto.TotalRevenue, pareto.CustomerCount, pareto.ParetoCount, pareto.Classes, pareto.ClassRevenue, pareto.Concentration, pareto.Note);
    }
}

/// <summary>How a customer moved between the periods: new, lost, up (a better class, C→A), down, or same class.</summary>
public enum Movement
{
    New,
    Lost,
    Up,
    Down,
    Same,
}

/// <summary>A customer in the comparison; a null class means no sales in that period.</summary>
public sealed record CustomerMigrationDto(
    string CustomerId,
    string Name,
    decimal PreviousRevenue,
    decimal CurrentRevenue,
    AbcClass? PreviousClass,
    AbcClass? CurrentClass,
    decimal Change,
    decimal? RelativeChange,
    Movement Movement);

/// <summary>Customers that went from class <see cref="From"/> to <see cref="To"/>: <c>A</c>, <c>B</c>, <c>C</c>, or <c>New</c> / <c>Lost</c>.</summary>
public sealed record MigrationCountDto(string From, string To, int Count, decimal RevenueChange);

/// <summary>
/// <c>kamino accounts compare --format json</c> and <c>GET …/analysis/compare</c>: the current period against
/// the previous one. Relative changes are fractions (0.25 = +25 %), null when the previous revenue is ≤ 0.
/// <see cref="Customers"/> lists every customer of either period, or only the first ones (<see cref="FirstCustomers"/>);
/// <see cref="CustomersTotal"/> is how many there are in all.
/// </summary>
public sealed record ComparisonReport(
    string Currency,
    decimal ThresholdA,
    decimal ThresholdB,
    PeriodSummaryDto Previous,
    PeriodSummaryDto Current,
    decimal TotalChange,
    decimal? TotalRelativeChange,
    int NewCount,
    int LostCount,
    IReadOnlyList<MigrationCountDto> Migrations,
    int CustomersTotal,
    IReadOnlyList<CustomerMigrationDto> Customers)
{
    /// <summary>Sale lines of either period converted to <see cref="Currency"/> from another currency.</summary>
    public int ConvertedLines { get; init; }

    /// <summary>The same report listing only the first <paramref name="n"/> customers (all when null).</summary>
    public ComparisonReport FirstCustomers(int? n) => this with { Customers = ProjectedList.First(Customers, n) };

    public static ComparisonReport From(PeriodComparison c, DateRange? previous, DateRange? current, string currency, ParetoThresholds thresholds) => new(
        currency,
        thresholds.A,
        thresholds.B,
        PeriodSummaryDto.From(c.Previous, previous),
        PeriodSummaryDto.From(c.Current, current),
        ReportNumbers.Money(c.TotalChange),
        ReportNumbers.Share(c.TotalRelativeChange),
        c.NewCount,
        c.LostCount,
        c.Migrations.Select(m => new MigrationCountDto(m.From?.ToString() ?? "New", m.To?.ToString() ?? "Lost", m.Count, ReportNumbers.Money(m.RevenueChange))).ToList(),
        c.Customers.Count,
        new ProjectedList<CustomerMigration, CustomerMigrationDto>(c.Customers, m => new CustomerMigrationDto(
            m.Key,
            m.Name,
            ReportNumbers.Money(m.PreviousRevenue),
            ReportNumbers.Money(m.CurrentRevenue),
            m.PreviousClass,
            m.CurrentClass,
            ReportNumbers.Money(m.Change),
            ReportNumbers.Share(m.RelativeChange),
            MovementOf(m))));

    private static Movement MovementOf(CustomerMigration m) => (m.PreviousClass, m.CurrentClass) switch
    {
        (null, _) => Movement.New,
        (_, null) => Movement.Lost,
        ({ } from, { } to) when to < from => Movement.Up,
        ({ } from, { } to) when to > from => Movement.Down,
        _ => Movement.Same,
    };
}

/// <summary>
/// <c>kamino accounts whatif --format json</c> and <c>GET …/analysis/whatif</c>: the period with and without one
/// customer. <see cref="ShareAtRisk"/> is its revenue over the total with it (null when that total is ≤ 0).
/// <see cref="JoinsParetoSet"/> lists the customers that would enter the Pareto set once it is gone. The three lists of
/// keys may be cut to their first customers (<see cref="FirstCustomers"/>); their <c>…Total</c> counts every one.
/// </summary>
public sealed record WhatIfReport(
    PeriodDto Period,
    string Currency,
    decimal Threshold,
    string CustomerId,
    string Name,
    decimal RevenueAtRisk,
    decimal? ShareAtRisk,
    PeriodSummaryDto Before,
    PeriodSummaryDto After,
    int ParetoSetBeforeTotal,
    IReadOnlyList<string> ParetoSetBefore,
    int ParetoSetAfterTotal,
    IReadOnlyList<string> ParetoSetAfter,
    int JoinsParetoSetTotal,
    IReadOnlyList<string> JoinsParetoSet)
{
    /// <summary>Sale lines of the period converted to <see cref="Currency"/> from another currency.</summary>
    public int ConvertedLines { get; init; }

    /// <summary>The same report with each list of keys cut to its first <paramref name="n"/> customers (all when null).</summary>
    public WhatIfReport FirstCustomers(int? n) => this with
    {
        ParetoSetBefore = ProjectedList.First(ParetoSetBefore, n),
        ParetoSetAfter = ProjectedList.First(ParetoSetAfter, n),
        JoinsParetoSet = ProjectedList.First(JoinsParetoSet, n),
    };

    public static WhatIfReport From(WhatIfResult r, DateRange? period, string currency, decimal threshold)
    {
        var before = r.Before.Customers.Where(c => c.InParetoSet).Select(c => c.Customer.Key).ToList();
        var after = r.After.Customers.Where(c => c.InParetoSet).Select(c => c.Customer.Key).ToList();
        var beforeSet = before.ToHashSet(StringComparer.Ordinal);
        var joins = after.Where(k => !beforeSet.Contains(k)).ToList();
        return new WhatIfReport(
            new PeriodDto(period?.From, period?.To),
            currency,
            threshold,
            r.Without.Key,
            r.Without.Name,
            ReportNumbers.Money(r.RevenueAtRisk),
            ReportNumbers.Share(r.ShareAtRisk),
            PeriodSummaryDto.From(r.Before, period),
            PeriodSummaryDto.From(r.After, period),
            before.Count,
            before,
            after.Count,
            after,
            joins.Count,
            joins);
    }
}

/// <summary>One month of a series: <c>yyyy-mm</c>, net revenue, and whether the period covers only part of the month.</summary>
public sealed record MonthRevenueDto(string Month, decimal Revenue, bool Partial);

/// <summary><c>kamino accounts series --format json</c> and <c>GET …/analysis/series</c>: one customer's revenue per month, zeros included.</summary>
public sealed record SeriesReport(PeriodDto Period, string Currency, string CustomerId, string Name, decimal TotalRevenue, IReadOnlyList<MonthRevenueDto> Months)
{
    public static SeriesReport From(IReadOnlyList<MonthRevenue> months, DateRange? period, string currency, string key, string name) => new(
        new PeriodDto(period?.From, period?.To),
        currency,
        key,
        name,
        ReportNumbers.Money(months.Sum(m => m.Revenue)),
        months.Select(m => new MonthRevenueDto(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Year:D4}-{m.Month:D2}"),
            ReportNumbers.Money(m.Revenue),
            m.Partial)).ToList());
}
