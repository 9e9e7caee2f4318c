using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Analysis;

/// <summary>
/// The workspace dashboard (static server rendering): the period, revenue, the Pareto chart, ABC classes,
/// concentration and the ranked customers. The period comes from the query string (<c>from</c>, <c>to</c>,
/// <c>all</c>, <c>threshold</c>) with the same rules as the API.
/// </summary>
public partial class Dashboard
{
    /// <summary>Bars drawn in the Pareto chart; with more customers the curve of all of them is drawn apart.</summary>
    public const int ChartBars = 30;

    /// <summary>Most points drawn on the curve of all customers; beyond that it is sampled evenly, ends kept.</summary>
    public const int CurvePoints = 400;

    /// <summary>Customers listed in the table; the customers page has them all, paged.</summary>
    public const int ListedCustomers = 50;

    private ParetoReport? report;
    private List<ParetoBar> bars = [];
    private List<CurvePoint>? curve;
    private HashSet<string> keyAccounts = [];
    private Kamino.Satisfaction.SatisfactionReport? satisfaction;

    [SupplyParameterFromQuery(Name = "threshold")]
    public string? Threshold { get; set; }

    private string PeriodText => report?.Period is { From: { } f, To: { } t }
        ? L["PeriodRange", Formats.Date(f, Culture), Formats.Date(t, Culture)]
        : "–";

    private string? FormFrom => report?.Period.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string? FormTo => report?.Period.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override async Task LoadAsync(CurrentMember member)
    {
        report = null;
        ReadPeriod(Threshold);
        report = await ParetoQuery.RunAsync(await ReadDbAsync(), member.WorkspaceId, Request);
        if (report is null)
        {
            return;
        }

        keyAccounts = (await Db.Customers.Where(c => c.WorkspaceId == member.WorkspaceId && c.IsKeyAccount).Select(c => c.Key).ToListAsync())
            .ToHashSet(StringComparer.Ordinal);
        // Check-ins of the period asked for, else of the 12 months up to today (shown only once there are key accounts).
        satisfaction = keyAccounts.Count == 0 ? null : await Kamino.Satisfaction.SatisfactionFigures.WorkspaceAsync(Db, member.WorkspaceId,
            Kamino.Satisfaction.SatisfactionFigures.Period(Request.From, Request.To, Today));
        bars = report.TotalRevenue > 0m
            ? report.Customers.Take(ChartBars)
                .Select(c => new ParetoBar(c.Rank, c.Name, c.Revenue, c.CumulativeShare ?? 0m))
                .ToList()
            : [];
        curve = bars.Count > 0 && report.CustomerCount > ChartBars ? Curve(report.Customers) : null;
    }

    private static List<CurvePoint> Curve(IReadOnlyList<RankedCustomerDto> customers)
    {
        var step = Math.Max(1, (int)Math.Ceiling(customers.Count / (double)CurvePoints));
        var points = new List<CurvePoint>();
        for (var i = 0; i < customers.Count; i += step)
        {
            points.Add(new CurvePoint(customers[i].Rank, customers[i].CumulativeShare ?? 0m));
        }

        var last = customers[^1];
        if (points[^1].Rank != last.Rank)
        {
            points.Add(new CurvePoint(last.Rank, last.CumulativeShare ?? 0m));
        }

        return points;
    }

    private string Money(decimal amount) => Formats.Money(amount, report!.Currency, Culture);

    private static IEnumerable<(AbcClass Class, int Count, decimal Revenue)> Classes(ParetoReport r) =>
    [
        (AbcClass.A, r.Classes.A, r.ClassRevenue.A),
        (AbcClass.B, r.Classes.B, r.ClassRevenue.B),
        (AbcClass.C, r.Classes.C, r.ClassRevenue.C),
    ];

    /// <summary>The customers page over the same period, in the dashboard's revenue order.</summary>
    private string FullListLink => Kamino.Host.Customers.CustomerLinks.List(Workspace, string.Join('&',
        new[] { ("from", Request.All ? null : FormFrom), ("to", Request.All ? null : FormTo), ("all", Request.All ? "true" : null) }
            .Where(p => p.Item2 is not null).Select(p => p.Item1 + "=" + p.Item2)) is { Length: > 0 } q ? q : null);

    private string PeriodLink(bool all) => PeriodLink(Links.Dashboard(Workspace), all, ("threshold", Threshold));

    protected override string? RawParameter(string name) => name == "threshold" ? Threshold : base.RawParameter(name);
}
