using System.Globalization;
using Kamino.Alerts;
using Kamino.Health;
using Kamino.Host.Resources;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Alerts;

/// <summary>An alert's reason worded in the page's language from its figures (<see cref="AlertFigures"/>).</summary>
public static class AlertText
{
    public static string Reason(IStringLocalizer<Ui> l, Alert a)
    {
        var f = a.Figures;
        var culture = CultureInfo.CurrentCulture;
        string Day(DateOnly? d) => d?.ToString("d", culture) ?? "";
        string Moment(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("g", culture) + " UTC" : "";
        return a.Kind switch
        {
            AlertKind.CheckinOverdue when f.On is null => l["AlertReason_NeverContacted"],
            AlertKind.CheckinOverdue => l["AlertReason_CheckinOverdue", f.Days ?? 0, Day(f.On)],
            AlertKind.CsatLow => l["AlertReason_CsatLow", f.Score ?? 0, Day(f.On)],
            AlertKind.CsatDrop => l["AlertReason_CsatDrop", f.Previous ?? 0, f.Score ?? 0, Day(f.On)],
            AlertKind.NpsDetractor => l["AlertReason_NpsDetractor", f.Score ?? 0, Day(f.On)],
            AlertKind.RevenueDrop => l[f.Comparison == RevenueComparison.YearBefore ? "AlertReason_RevenueDropYear" : "AlertReason_RevenueDropPrevious",
                (-(f.Change ?? 0m)).ToString("P0", culture)],
            AlertKind.TaskOverdue => l["AlertReason_TaskOverdue", f.Title ?? "", f.Days ?? 0, Day(f.On)],
            AlertKind.OrderLate => l["AlertReason_OrderLate", f.Order ?? 0, Moment(f.At), f.Hours ?? 0],
            AlertKind.DiscountApproval => l["AlertReason_DiscountApproval", f.Order ?? 0, Moment(f.At)],
        };
    }
}
