using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Analysis;

/// <summary>What to analyse: a period (null dates with <see cref="All"/> false mean the default 12 months).</summary>
public sealed record ParetoRequest(DateOnly? From = null, DateOnly? To = null, bool All = false, decimal Threshold = 0.80m);

/// <summary>
/// The Pareto analysis as the CLI prints it in JSON and the API returns it: money rounded to cents,
/// shares as fractions 0..1 rounded to 6 decimals. Shares are null when total revenue is not positive.
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
    IReadOnlyList<RankedCustomerDto> Customers)
{
    /// <param name="top">List only the first customers of the ranking (all when null); the figures still cover every customer.</param>
    public static ParetoReport From(ParetoAnalysis a, DateRange? period, string currency, decimal threshold, int? top = null)
    {
        // Adding 0.00m gives every amount exactly two decimals (150 becomes 150.00) in JSON and CSV.
        static decimal Money(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero) + 0.00m;
        static decimal? Share(decimal? v) => v is null ? null : Math.Round(v.Value, 6, MidpointRounding.AwayFromZero);

        return new ParetoReport(
            new PeriodDto(period?.From, period?.To),
            currency,
            Money(a.TotalRevenue),
            a.CustomerCount,
            a.ParetoCount,
            Share(a.ParetoCustomerShare),
            Share(a.ParetoRevenueShare),
            threshold,
            new ClassCountsDto(a.ClassA.Count, a.ClassB.Count, a.ClassC.Count),
            new ClassRevenueDto(Money(a.ClassA.Revenue), Money(a.ClassB.Revenue), Money(a.ClassC.Revenue)),
            a.Concentration is { } c
                ? new ConcentrationDto(Share(c.Top1Share)!.Value, Share(c.Top5Share)!.Value, Share(c.Top10Share)!.Value, Math.Round(c.Hhi, 2), Math.Round(c.EffectiveCustomers, 2))
                : null,
            a.CustomerCount == 0 ? "No sales in this period."
                : a.HasPositiveTotal ? null
                : "Total revenue in this period is zero or negative: there is nothing to rank by share.",
            a.Customers.Take(top ?? int.MaxValue).Select(r => new RankedCustomerDto(
                r.Rank, r.Customer.Key, r.Customer.Name, Money(r.Customer.Revenue), Share(r.Share), Share(r.CumulativeShare), r.InParetoSet, r.Class)).ToList());
    }
}

/// <summary>Inclusive period; both null when the workspace has no sales.</summary>
public sealed record PeriodDto(DateOnly? From, DateOnly? To);

public sealed record ClassCountsDto(int A, int B, int C);

public sealed record ClassRevenueDto(decimal A, decimal B, decimal C);

public sealed record ConcentrationDto(decimal Top1Share, decimal Top5Share, decimal Top10Share, decimal Hhi, decimal EffectiveCustomers);

public sealed record RankedCustomerDto(int Rank, string CustomerId, string Name, decimal Revenue, decimal? Share, decimal? CumulativeShare, bool Pareto, AbcClass Class);

/// <summary>Loads a workspace's revenue per customer and runs <see cref="Pareto.Analyze"/>.</summary>
public static class ParetoQuery
{
    /// <summary>Null when the workspace does not exist. The period is null only when there are no sales.</summary>
    public static async Task<ParetoReport?> RunAsync(KaminoDb db, string workspace, ParetoRequest request, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Slug == workspace, ct);
        if (ws is null)
        {
            return null;
        }

        var period = await ResolvePeriodAsync(db, ws.Id, request, ct);
        var lines = db.SaleLines.Where(s => s.WorkspaceId == ws.Id);
        if (period is { } p)
        {
            lines = lines.Where(s => s.Date >= p.From && s.Date <= p.To);
        }

        // Sum integer cents in SQL: exact on both engines.
        var sums = await lines
            .GroupBy(s => s.CustomerId)
            .Select(g => new { CustomerId = g.Key, Cents = g.Sum(s => s.NetCents) })
            .ToListAsync(ct);
        var ids = sums.Select(s => s.CustomerId).ToHashSet();
        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.WorkspaceId == ws.Id)
            .Select(c => new { c.Id, c.Key, c.Name })
            .ToListAsync(ct);
        var byId = customers.Where(c => ids.Contains(c.Id)).ToDictionary(c => c.Id);
        var revenues = sums.Select(s => new CustomerRevenue(s.CustomerId, byId[s.CustomerId].Key, byId[s.CustomerId].Name, s.Cents / 100m));

        var analysis = Pareto.Analyze(revenues, new ParetoThresholds(request.Threshold, ws.ThresholdA, ws.ThresholdB));
        return ParetoReport.From(analysis, period, ws.Currency, request.Threshold);
    }

    /// <summary>
    /// The period to analyse: first to last sale with <see cref="ParetoRequest.All"/>; otherwise the given
    /// bounds, a missing start or end filled from the default 12 months ending on the latest sale.
    /// </summary>
    public static async Task<DateRange?> ResolvePeriodAsync(KaminoDb db, int workspaceId, ParetoRequest request, CancellationToken ct)
    {
        if (request.All)
        {
            var span = await db.SaleLines.Where(s => s.WorkspaceId == workspaceId)
                .GroupBy(_ => 1)
                .Select(g => new { Min = g.Min(s => s.Date), Max = g.Max(s => s.Date) })
                .FirstOrDefaultAsync(ct);
            return span is null ? null : new DateRange(span.Min, span.Max);
        }

        if (request is { From: { } f, To: { } t })
        {
            return new DateRange(f, t);
        }

        var latest = await db.SaleLines.Where(s => s.WorkspaceId == workspaceId)
            .MaxAsync(s => (DateOnly?)s.Date, ct);
        if (request.To is { } to)
        {
            return new DateRange(request.From ?? to.AddYears(-1).AddDays(1), to);
        }

        if (latest is null)
        {
            return request.From is { } onlyFrom ? new DateRange(onlyFrom, onlyFrom) : null;
        }

        var byDefault = DateRange.TwelveMonthsEndingOn(latest.Value);
        return request.From is { } from ? new DateRange(from, from > latest.Value ? from : latest.Value) : byDefault;
    }
}
