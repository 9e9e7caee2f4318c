using System.Globalization;
using Kamino.Orders;

namespace Kamino.WorkTasks;

/// <summary>
/// The words of every in-app notification, in the recipient's language (<see cref="SignIn.UserLanguage"/>): written
/// when it is made, with dates and numbers as that language writes them, and people by name. At most 500 characters.
/// </summary>
public static class NotificationTexts
{
    public const int MaxLength = 500;

    public static string TaskAssigned(CultureInfo c, string by, string title, DateOnly due) => Cut(Language.IsSpanish(c)
        ? $"{by} te ha asignado una tarea: {title} (para el {Day(c, due)})"
        : $"{by} assigned you a task: {title} (due {Day(c, due)})");

    /// <summary>A key account's check-in is due; the same text every day until the due date changes.</summary>
    public static string CheckinDue(CultureInfo c, string account, DateOnly? due) => Cut((Language.IsSpanish(c), due) switch
    {
        (true, { } d) => $"Seguimiento con {account} para el {Day(c, d)}",
        (true, null) => $"Seguimiento con {account} pendiente ya (nunca contactada)",
        (false, { } d) => $"Check-in with {account} due {Day(c, d)}",
        (false, null) => $"Check-in with {account} due now (never contacted)",
    });

    public static string WeeklyAlerts(CultureInfo c, int alerts, DateOnly week) => Cut(Language.IsSpanish(c)
        ? string.Create(c, $"Alertas de la semana del {Day(c, week)}: {alerts} abierta(s)")
        : string.Create(c, $"Weekly alerts, week of {Day(c, week)}: {alerts} open alert(s)"));

    public static string OrderAwaitsApproval(CultureInfo c, long order, string customer, OrderPromise promise) => Cut(Language.IsSpanish(c)
        ? string.Create(c, $"El pedido {order} de {customer} espera tu aprobación: un descuento está fuera del rango de {promise.TierName} ({promise.DiscountMinPct:0.##}–{promise.DiscountMaxPct:0.##} %)")
        : string.Create(c, $"Order {order} for {customer} waits for your approval: a discount is outside {promise.TierName}'s range ({promise.DiscountMinPct:0.##}–{promise.DiscountMaxPct:0.##} %)"));

    public static string OrderDecided(CultureInfo c, string by, bool approved, long order, string customer, string? reason)
    {
        var text = Language.IsSpanish(c)
            ? string.Create(c, $"{by} ha {(approved ? "aprobado" : "rechazado")} el descuento de tu pedido {order} de {customer}")
            : string.Create(c, $"{by} {(approved ? "approved" : "rejected")} the discount of your order {order} for {customer}");
        return Cut(reason is null ? text : text + ": " + reason);
    }

    private static string Day(CultureInfo c, DateOnly d) => d.ToString("d", c);

    private static string Cut(string text) => text.Length > MaxLength ? text[..(MaxLength - 1)] + "…" : text;
}
