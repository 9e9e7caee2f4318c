using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Analysis;

/// <summary>Loads a workspace's revenue per customer and runs <see cref="Pareto.Analyze"/>.</summary>
public static class ParetoQuery
{
    /// <summary>Null when the workspace does not exist. The period is null only when there are no sales.</summary>
    public static async Task<ParetoReport?> RunAsync(KaminoDb db, int workspaceId, ParetoRequest request, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (ws is null)
        {
            return null;
        }

        var period = await ResolvePeriodAsync(db, ws.Id, request, ct);
        // The whole report is kept, not only the revenues: ranking 50,000 customers costs tens of milliseconds. Its key
        // holds every workspace setting it reads, so a changed threshold or currency is a new question.
        var key = new ReportKey(period, request.Threshold, ws.ThresholdA, ws.ThresholdB, ws.Currency);
        return await SalesCache.GetAsync(db, ws.Id, key, async c =>
        {
            var revenues = await AnalysisQueries.RevenuesAsync(db, ws.Id, period, c);
            var analysis = Pareto.Analyze(revenues, new ParetoThresholds(request.Threshold, ws.ThresholdA, ws.ThresholdB));
            return ParetoReport.From(analysis, period, ws.Currency, request.Threshold) with
            {
                ConvertedLines = await Currencies.ExchangeRates.ConvertedLinesAsync(db, ws.Id, period, null, c),
            };
        }, ct);
    }

    private sealed record ReportKey(DateRange? Period, decimal Threshold, decimal ThresholdA, decimal ThresholdB, string Currency);

    /// <summary>The period to analyse over the workspace's sales, by <see cref="AnalysisPeriod.Resolve"/>.</summary>
    public static async Task<DateRange?> ResolvePeriodAsync(KaminoDb db, int workspaceId, ParetoRequest request, CancellationToken ct)
    {
        if (!AnalysisPeriod.NeedsSales(request))
        {
            return AnalysisPeriod.Resolve(request, null, null);
        }

        var span = await SalesCache.GetAsync(db, workspaceId, SpanKey.Instance, async c => await db.SaleDays.Where(d => d.WorkspaceId == workspaceId)
            .GroupBy(_ => 1)
            .Select(g => new SaleSpan(g.Min(d => d.Date), g.Max(d => d.Date)))
            .FirstOrDefaultAsync(c) ?? SaleSpan.None, ct);
        return AnalysisPeriod.Resolve(request, span.First, span.Last);
    }

    /// <summary>The first and last sale day of a workspace (both null without sales).</summary>
    private sealed record SaleSpan(DateOnly? First, DateOnly? Last)
    {
        public static readonly SaleSpan None = new(null, null);
    }

    private sealed record SpanKey
    {
        public static readonly SpanKey Instance = new();
    }
}
