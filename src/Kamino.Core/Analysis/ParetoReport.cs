namespace Kamino.Analysis;

/// <summary>
/// The Pareto analysis as the CLI prints it in JSON and the API returns it: money rounded to cents,
/// shares as fractions 0..1 rounded to 6 decimals. Shares are null when total revenue is not positive.
/// <see cref="Customers"/> lists the ranking, or only its first customers (<see cref="FirstCustomers"/>);
/// <see cref="CustomersTotal"/> is how many the whole ranking has.
/// </summary>
public sealed record ParetoReport(
    PeriodDto Period,
    string Currency,
    decimal TotalRevenue,
    int CustomerCount,
    int ParetoCount,
    decimal? ParetoCustomerShare,
    decimal? ParetoRevenueShare,
    decimal Threshold,
    ClassCountsDto Classes,
    ClassRevenueDto ClassRevenue,
    ConcentrationDto? Concentration,
    string? Note,
    int CustomersTotal,
    IReadOnlyList<RankedCustomerDto> Customers)
{
    /// <summary>Sale lines of the period converted to <see cref="Currency"/> from another currency.</summary>
    public int ConvertedLines { get; init; }

    /// <summary>The same report listing only the first <paramref name="n"/> customers of the ranking (all when null).</summary>
    public ParetoReport FirstCustomers(int? n) => this with { Customers = ProjectedList.First(Customers, n) };

    /// <param name="top">List only the first customers of the ranking (all when null); the figures still cover every customer.</param>
    public static ParetoReport From(ParetoAnalysis a, DateRange? period, string currency, decimal threshold, int? top = null)
    {
        return new ParetoReport(
            new PeriodDto(period?.From, period?.To),
            currency,
            ReportNumbers.Money(a.TotalRevenue),
            a.CustomerCount,
            a.ParetoCount,
            ReportNumbers.Share(a.ParetoCustomerShare),
            ReportNumbers.Share(a.ParetoRevenueShare),
            threshold,
            new ClassCountsDto(a.ClassA.Count, a.ClassB.Count, a.ClassC.Count),
            new ClassRevenueDto(ReportNumbers.Money(a.ClassA.Revenue), ReportNumbers.Money(a.ClassB.Revenue), ReportNumbers.Money(a.ClassC.Revenue)),
            a.Concentration is { } c
                ? new ConcentrationDto(ReportNumbers.Share(c.Top1Share)!.Value, ReportNumbers.Share(c.Top5Share)!.Value, ReportNumbers.Share(c.Top10Share)!.Value, Math.Round(c.Hhi, 2), Math.Round(c.EffectiveCustomers, 2))
                : null,
            a.CustomerCount == 0 ? "No sales in this period."
                : a.HasPositiveTotal ? null
                : "Total revenue in this period is zero or negative: there is nothing to rank by share.",
            a.Customers.Count,
            ProjectedList.First(new ProjectedList<RankedCustomer, RankedCustomerDto>(a.Customers, r => new RankedCustomerDto(
                r.Rank, r.Customer.Key, r.Customer.Name, ReportNumbers.Money(r.Customer.Revenue), ReportNumbers.Share(r.Share), ReportNumbers.Share(r.CumulativeShare), r.InParetoSet, r.Class)), top));
    }
}

/// <summary>Inclusive period; both null when the workspace has no sales.</summary>
public sealed record PeriodDto(DateOnly? From, DateOnly? To);

public sealed record ClassCountsDto(int A, int B, int C);

public sealed record ClassRevenueDto(decimal A, decimal B, decimal C);

public sealed record ConcentrationDto(decimal Top1Share, decimal Top5Share, decimal Top10Share, decimal Hhi, decimal EffectiveCustomers);

public sealed record RankedCustomerDto(int Rank, string CustomerId, string Name, decimal Revenue, decimal? Share, decimal? CumulativeShare, bool Pareto, AbcClass Class);
