using System.Globalization;
using Kamino.Host.Components;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.Customers;

/// <summary>One bar of the monthly revenue chart: <c>yyyy-mm</c>, net revenue, whether the period covers only part of the month.</summary>
public sealed record RevenueBar(string Month, decimal Revenue, bool Partial);

/// <summary>A customer's revenue per month over the period (zeros included), as columns.</summary>
public partial class RevenueChart
{
    [Parameter, EditorRequired]
    public IReadOnlyList<RevenueBar> Months { get; set; } = [];

    [Parameter]
    public string Currency { get; set; } = "EUR";

    /// <summary>The page's culture, passed explicitly so the circuit formats exactly as the page does.</summary>
    [Parameter]
    public string Culture { get; set; } = "en";

    private CultureInfo CultureValue => CultureInfo.GetCultureInfo(Culture);

    private string MonthLabel(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("MMM yyyy", CultureValue)
            : month;

    private string MonthAxis(object value) => MonthLabel(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    private string MoneyAxis(object value) =>
        Formats.MoneyWhole(Convert.ToDecimal(value, CultureInfo.InvariantCulture), Currency, CultureValue);
}
