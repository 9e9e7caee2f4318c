using System.Globalization;
using Kamino.Health;
using Kamino.Host.Resources;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Health;

/// <summary>A health score's words in the page's language: bands, parts, and each reason from its kind and figures.</summary>
public static class HealthText
{
    public static string Band(IStringLocalizer<Ui> l, HealthBand band) => l["HealthBand_" + band];

    public static string Part(IStringLocalizer<Ui> l, HealthPartName part) => l["HealthPart_" + part];

    /// <summary>The reason of <see cref="HealthReason.Kind"/> worded with its figures (dates and percentages in <paramref name="culture"/>).</summary>
    public static string Reason(IStringLocalizer<Ui> l, HealthReason r, CultureInfo culture) => r.Kind switch
    {
        HealthReasonKind.NoCadence => l["HealthReason_NoCadence"],
        HealthReasonKind.UpToDate => l["HealthReason_UpToDate", Day(r.On, culture)],
        HealthReasonKind.DueSoon => l["HealthReason_DueSoon", Day(r.On, culture)],
        HealthReasonKind.Overdue => l["HealthReason_Overdue", Count(r.Count, culture), Count(r.Of, culture)],
        HealthReasonKind.NeverContacted => l["HealthReason_NeverContacted"],
        HealthReasonKind.NoCsat => l["HealthReason_NoCsat"],
        HealthReasonKind.Csat when r.Of is not null => l["HealthReason_CsatBefore", Count(r.Count, culture), Count(r.Of, culture)],
        HealthReasonKind.Csat => l["HealthReason_Csat", Count(r.Count, culture)],
        HealthReasonKind.CsatFell => l["HealthReason_CsatFell", Count(r.Count, culture), Count(r.Of, culture)],
        HealthReasonKind.NoComparisonRevenue => l["HealthReason_NoComparisonRevenue", Window(l, r)],
        HealthReasonKind.RevenueChange => l["HealthReason_RevenueChange", (r.Change ?? 0m).ToString("+0.#%;-0.#%;0%", culture), Window(l, r)],
        HealthReasonKind.NoOverdueTasks => l["HealthReason_NoOverdueTasks"],
        HealthReasonKind.OverdueTasks when r.Count == 1 => l["HealthReason_OverdueTask"],
        HealthReasonKind.OverdueTasks => l["HealthReason_OverdueTasks", Count(r.Count, culture)],
    };

    private static string Window(IStringLocalizer<Ui> l, HealthReason r) => l["HealthWindow_" + (r.Comparison ?? RevenueComparison.YearBefore)];

    private static string Day(DateOnly? day, CultureInfo culture) => day?.ToString("d", culture) ?? "";

    private static string Count(int? n, CultureInfo culture) => n?.ToString(culture) ?? "";
}
