using System.Globalization;
using Kamino.Host.Components;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.Analysis;

/// <summary>One bar of the Pareto chart: a customer in rank order with its revenue and cumulative share (0..1).</summary>
public sealed record ParetoBar(int Rank, string Name, decimal Revenue, decimal CumulativeShare)
{
    /// <summary>Category of the bar: the rank keeps it unique when two customers share a name.</summary>
    public string Label => Rank.ToString(CultureInfo.InvariantCulture) + ". " + Name;
}

/// <summary>A point of the cumulative-share curve over all customers.</summary>
public sealed record CurvePoint(int Rank, decimal CumulativeShare);

/// <summary>
/// Pareto chart: revenue bars of the top customers, the cumulative share on a second axis (0..100%) and the
/// threshold mark; with more customers than bars, a second chart draws the curve over all of them.
/// </summary>
public partial class ParetoChart
{
    private const int LabelLength = 16;

    [Parameter, EditorRequired]
    public IReadOnlyList<ParetoBar> Bars { get; set; } = [];

    /// <summary>The curve over all customers; null when every customer has a bar.</summary>
    [Parameter]
    public IReadOnlyList<CurvePoint>? Curve { get; set; }

    [Parameter]
    public int CustomerCount { get; set; }

    [Parameter]
    public decimal Threshold { get; set; } = 0.80m;

    [Parameter]
    public string Currency { get; set; } = "EUR";

    /// <summary>The page's culture, passed explicitly so the circuit formats exactly as the page does.</summary>
    [Parameter]
    public string Culture { get; set; } = "en";

    private CultureInfo CultureValue => CultureInfo.GetCultureInfo(Culture);

    private static string ShortLabel(object value)
    {
        var label = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return label.Length <= LabelLength ? label : label[..(LabelLength - 1)] + "…";
    }

    private string MoneyAxis(object value) =>
        Formats.MoneyWhole(Convert.ToDecimal(value, CultureInfo.InvariantCulture), Currency, CultureValue);

    private string ShareAxis(object value) =>
        Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("P0", CultureValue);
}
