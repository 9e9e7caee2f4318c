namespace Kamino.Analysis;

/// <summary>
/// The period rule of every analysis, the same for a workspace's stored sales (<see cref="ParetoQuery.ResolvePeriodAsync"/>)
/// and for sales files read without a database (<c>SalesFileAnalysis.Report</c>).
/// </summary>
public static class AnalysisPeriod
{
    /// <summary>
    /// The period of <paramref name="request"/> over sales dated <paramref name="earliest"/> to <paramref name="latest"/>
    /// (both null without sales): first to last sale with <see cref="ParetoRequest.All"/>; otherwise the given bounds, a
    /// missing start filled with the 12 months ending on the given end, a missing end with the latest sale (the start
    /// when that is later), and no bounds with the 12 months ending on the latest sale. Null when there are no sales
    /// and no bounds.
    /// </summary>
    public static DateRange? Resolve(ParetoRequest request, DateOnly? earliest, DateOnly? latest)
    {
        if (request.All)
        {
            return earliest is { } e && latest is { } l ? new DateRange(e, l) : null;
        }

        if (request is { From: { } f, To: { } t })
        {
            return new DateRange(f, t);
        }

        if (request.To is { } to)
        {
            return new DateRange(request.From ?? to.AddYears(-1).AddDays(1), to);
        }

        if (latest is null)
        {
            return request.From is { } onlyFrom ? new DateRange(onlyFrom, onlyFrom) : null;
        }

        return request.From is { } from
            ? new DateRange(from, from > latest.Value ? from : latest.Value)
            : DateRange.TwelveMonthsEndingOn(latest.Value);
    }

    /// <summary>Whether <see cref="Resolve"/> needs the dates of the sales (it does not when both bounds are given).</summary>
    public static bool NeedsSales(ParetoRequest request) => request is not { All: false, From: not null, To: not null };
}
