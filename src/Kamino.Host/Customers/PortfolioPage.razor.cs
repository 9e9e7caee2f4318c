using System.Globalization;
using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Host.Components;
using Kamino.Host.Web;

namespace Kamino.Host.Customers;

/// <summary>
/// The portfolio chart: each customer a bubble at revenue score (x) and intangible score (y), its area
/// proportional to revenue, coloured by key account / suggested / other. Server-rendered SVG whose bubbles are
/// links to the customer page (keyboard and screen readers reach them like any link, each with a label), with
/// the same figures as a table below. Customers not rated sit in a band under the axis: they have no intangible score.
/// </summary>
public partial class PortfolioPage
{
    /// <summary>Most bubbles drawn (the largest by revenue); the table lists every customer.</summary>
    public const int MaxBubbles = 500;

    private const double Width = 720;
    private const double Height = 470;
    private const double PlotLeft = 60;
    private const double PlotRight = 704;
    private const double PlotTop = 20;
    private const double PlotBottom = 340;
    private const double UnratedTop = 372;
    private const double UnratedBottom = 420;
    private const double UnratedY = (UnratedTop + UnratedBottom) / 2;
    private const double MinRadius = 4;
    private const double MaxRadius = 22;

    private static readonly decimal[] Ticks = [0m, 0.2m, 0.4m, 0.6m, 0.8m, 1m];

    private AccountList? list;
    private List<Bubble> bubbles = [];

    private sealed record Bubble(AccountRow Row, double X, double Y, double Radius, string Css);

    private string PeriodText => list?.Period is { From: { } f, To: { } t }
        ? L["PeriodRange", Formats.Date(f, Culture), Formats.Date(t, Culture)]
        : L["NoSales"];

    protected override async Task LoadAsync(CurrentMember member)
    {
        list = await KeyAccounts.ListAsync(Db, member.WorkspaceId, new ParetoRequest(), null, Aborted);
        bubbles = list is null ? [] : Place(list.Customers);
    }

    private static List<Bubble> Place(IReadOnlyList<AccountRow> rows)
    {
        var shown = rows.OrderByDescending(r => r.Revenue).ThenBy(r => r.Rank).Take(MaxBubbles).ToList();
        var max = shown.Count == 0 ? 0m : Math.Max(0m, shown.Max(r => r.Revenue));
        // Largest first, so that small bubbles are drawn on top and stay clickable.
        return shown.Select(r => new Bubble(
                r,
                X(r.RevenueScore),
                r.IntangibleScore is { } i ? Y(i) : UnratedY,
                max > 0m && r.Revenue > 0m ? MinRadius + ((MaxRadius - MinRadius) * Math.Sqrt((double)(r.Revenue / max))) : MinRadius,
                r.IsKeyAccount ? "key" : r.Suggested ? "suggested" : "other"))
            .ToList();
    }

    private static double X(decimal score) => PlotLeft + ((PlotRight - PlotLeft) * (double)score);

    private static double Y(decimal score) => PlotBottom - ((PlotBottom - PlotTop) * (double)score);

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private string Describe(AccountRow r) => L["BubbleLabel",
        r.Name,
        Formats.Money(r.Revenue, list!.Currency, Culture),
        Formats.Number(r.RevenueScore, 2, Culture),
        r.IntangibleScore is { } i ? Formats.Number(i, 2, Culture) : L["NotRated"].Value,
        Formats.Number(r.Score, 2, Culture)];
}
