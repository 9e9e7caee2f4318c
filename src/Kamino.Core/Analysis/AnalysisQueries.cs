using Kamino.Data;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Analysis;

/// <summary>Loads revenue per customer for the comparison, the what-if and the monthly series, and runs the pure rules.</summary>
public static class AnalysisQueries
{
    /// <summary>The current period against the previous one; null when the workspace does not exist.</summary>
    public static async Task<ComparisonReport?> CompareAsync(KaminoDb db, int workspaceId, CompareRequest request, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (ws is null)
        {
            return null;
        }

        var thresholds = new ParetoThresholds(ws.ThresholdA, ws.ThresholdA, ws.ThresholdB);
        var current = await ParetoQuery.ResolvePeriodAsync(db, ws.Id, new ParetoRequest(request.From, request.To), ct);
        var previous = request switch
        {
            { VsFrom: { } f, VsTo: { } t } => new DateRange(f, t),
            { VsFrom: { } f } => new DateRange(f, f.AddYears(1).AddDays(-1)),
            { VsTo: { } t } => new DateRange(t.AddYears(-1).AddDays(1), t),
            _ => current is { } c ? Comparison.PreviousOf(c) : (DateRange?)null,
        };

        // Without any sale there is no default period: both sides are empty.
        IReadOnlyList<CustomerRevenue> before = previous is { } p ? await RevenuesAsync(db, ws.Id, p, ct) : [];
        IReadOnlyList<CustomerRevenue> after = current is { } cur ? await RevenuesAsync(db, ws.Id, cur, ct) : [];
        var comparison = Comparison.Compare(before, after, thresholds);
        // Without a period there is no sale, so nothing converted either.
        var converted = current is { } now ? await Currencies.ExchangeRates.ConvertedLinesAsync(db, ws.Id, now, previous, ct) : 0;
        return ComparisonReport.From(comparison, previous, current, ws.Currency, thresholds) with { ConvertedLines = converted };
    }

    /// <summary>The period's analysis with and without the customer whose key is <paramref name="customerKey"/>.</summary>
    public static async Task<Lookup<WhatIfReport>> WhatIfAsync(KaminoDb db, int workspaceId, string customerKey, ParetoRequest request, CancellationToken ct = default)
    {
        var (status, ws, customer) = await WorkspaceAndCustomerAsync(db, workspaceId, customerKey, ct);
        if (status != LookupStatus.Found)
        {
            return new(status, null);
        }

        var thresholds = new ParetoThresholds(request.Threshold, ws.ThresholdA, ws.ThresholdB);
        var period = await ParetoQuery.ResolvePeriodAsync(db, ws.Id, request, ct);
        // Kept whole (two rankings of every customer each time otherwise), keyed by every setting it reads.
        var key = new WhatIfKey(period, customer.Key, customer.Name, request.Threshold, ws.ThresholdA, ws.ThresholdB, ws.Currency);
        var report = await SalesCache.GetAsync(db, ws.Id, key, async c =>
        {
            var revenues = await RevenuesAsync(db, ws.Id, period, c);
            var result = WhatIf.Without(revenues, customer.Key, thresholds);
            if (result is null)
            {
                // A customer without sales in the period: nothing is at risk.
                var same = Pareto.Analyze(revenues, thresholds);
                result = new WhatIfResult(customer, same, same, same.HasPositiveTotal ? 0m : null);
            }

            return WhatIfReport.From(result, period, ws.Currency, request.Threshold) with
            {
                ConvertedLines = await Currencies.ExchangeRates.ConvertedLinesAsync(db, ws.Id, period, null, c),
            };
        }, ct);
        return new(LookupStatus.Found, report);
    }

    private sealed record WhatIfKey(DateRange? Period, string Customer, string Name, decimal Threshold, decimal ThresholdA, decimal ThresholdB, string Currency);

    /// <summary>The monthly revenue of one customer over the period (every month, zeros included).</summary>
    public static async Task<Lookup<SeriesReport>> SeriesAsync(KaminoDb db, int workspaceId, string customerKey, ParetoRequest request, CancellationToken ct = default)
    {
        var (status, ws, customer) = await WorkspaceAndCustomerAsync(db, workspaceId, customerKey, ct);
        if (status != LookupStatus.Found)
        {
            return new(status, null);
        }

        var period = await ParetoQuery.ResolvePeriodAsync(db, ws.Id, request, ct);
        if (period is not { } p)
        {
            return new(LookupStatus.Found, SeriesReport.From([], null, ws.Currency, customer.Key, customer.Name));
        }

        // The customer's days from sale_day (one key range); months are bucketed by the pure rule.
        var days = await db.SaleDays
            .Where(d => d.WorkspaceId == ws.Id && d.CustomerId == customer.CustomerId && d.Date >= p.From && d.Date <= p.To)
            .Select(d => new { d.Date, Cents = d.NetCents })
            .ToListAsync(ct);
        var months = RevenueSeries.Monthly(days.Select(d => (d.Date, d.Cents / 100m)), p);
        return new(LookupStatus.Found, SeriesReport.From(months, p, ws.Currency, customer.Key, customer.Name));
    }

    /// <summary>The workspace <paramref name="workspaceId"/> and its customer <paramref name="customerKey"/>, or which one is missing.</summary>
    private static async Task<(LookupStatus Status, Workspace Workspace, CustomerRevenue Customer)> WorkspaceAndCustomerAsync(
        KaminoDb db, int workspaceId, string customerKey, CancellationToken ct)
    {
        var ws = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (ws is null)
        {
            return (LookupStatus.NoWorkspace, null!, null!);
        }

        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.WorkspaceId == ws.Id && c.Key == customerKey)
            .Select(c => new CustomerRevenue(c.Id, c.Key, c.Name, 0m))
            .FirstOrDefaultAsync(ct);
        return customer is null ? (LookupStatus.NoCustomer, ws, null!) : (LookupStatus.Found, ws, customer);
    }

    /// <summary>
    /// Revenue per customer with sales in the period (all dates when null), summed in SQL on integer cents from
    /// <see cref="SaleDay"/> (equal to the lines to the cent; a customer whose days sum to 0 is listed); kept while the
    /// workspace's sales do not change (<see cref="SalesCache"/>). The list is shared: never change it.
    /// </summary>
    public static Task<IReadOnlyList<CustomerRevenue>> RevenuesAsync(KaminoDb db, int workspaceId, DateRange? period, CancellationToken ct) =>
        SalesCache.GetAsync(db, workspaceId, new RevenuesKey(period), c => SumRevenuesAsync(db, workspaceId, period, c), ct);

    private sealed record RevenuesKey(DateRange? Period);

    private static async Task<IReadOnlyList<CustomerRevenue>> SumRevenuesAsync(KaminoDb db, int workspaceId, DateRange? period, CancellationToken ct)
    {
        var days = db.SaleDays.Where(d => d.WorkspaceId == workspaceId);
        if (period is { } p)
        {
            days = days.Where(d => d.Date >= p.From && d.Date <= p.To);
        }

        var sums = days.GroupBy(d => d.CustomerId).Select(g => new { CustomerId = g.Key, Cents = g.Sum(d => d.NetCents) });
        var rows = await (
                from s in sums
                join c in db.Customers.Where(c => c.WorkspaceId == workspaceId) on s.CustomerId equals c.Id
                select new { c.Id, c.Key, c.Name, s.Cents })
            .ToListAsync(ct);
        return rows.Select(r => new CustomerRevenue(r.Id, r.Key, r.Name, r.Cents / 100m)).ToList();
    }
}
