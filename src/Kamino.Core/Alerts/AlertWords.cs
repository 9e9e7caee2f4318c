using System.Globalization;
using Kamino.Health;

namespace Kamino.Alerts;

/// <summary>
/// An alert's reason worded in a language from its figures (<see cref="AlertFigures"/>): the alerts page and the
/// weekly digest email both say it this way, dates and numbers as the language writes them.
/// </summary>
public static class AlertWords
{
    public static string Reason(Alert a, CultureInfo c) => Reason(a.Kind, a.Figures, a.Reason, c);

    /// <summary>The reason of an alert of <paramref name="kind"/> with <paramref name="f"/>; <paramref name="recorded"/> (its English) for a kind without words.</summary>
    public static string Reason(AlertKind kind, AlertFigures f, string recorded, CultureInfo c)
    {
        var es = Language.IsSpanish(c);
        string Day(DateOnly? d) => d?.ToString("d", c) ?? "";
        string Moment(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("g", c) + " UTC" : "";
        var drop = (-(f.Change ?? 0m)).ToString("P0", c);
        return kind switch
        {
            AlertKind.CheckinOverdue when f.On is null => es ? "Nunca contactada: toca un seguimiento ya." : "Never contacted: a check-in is due now.",
            AlertKind.CheckinOverdue => string.Format(c, es ? "Seguimiento atrasado {0} día(s): tocaba el {1}." : "Check-in overdue by {0} day(s): it was due {1}.", f.Days ?? 0, Day(f.On)),
            AlertKind.CsatLow => string.Format(c, es ? "La última CSAT es {0} de 5 ({1})." : "Latest CSAT is {0} of 5 ({1}).", f.Score ?? 0, Day(f.On)),
            AlertKind.CsatDrop => string.Format(c, es ? "La CSAT bajó de {0} a {1} ({2})." : "CSAT fell from {0} to {1} ({2}).", f.Previous ?? 0, f.Score ?? 0, Day(f.On)),
            AlertKind.NpsDetractor => string.Format(c, es ? "La última respuesta NPS es {0} de 10, un detractor ({1})." : "Latest NPS answer is {0} of 10, a detractor ({1}).", f.Score ?? 0, Day(f.On)),
            AlertKind.RevenueDrop when f.Comparison == RevenueComparison.YearBefore => es
                ? $"La facturación de los últimos 90 días baja un {drop} frente a los mismos 90 días del año anterior."
                : $"Revenue of the last 90 days is down {drop} against the same 90 days a year before.",
            AlertKind.RevenueDrop => es
                ? $"La facturación de los últimos 90 días baja un {drop} frente a los 90 días anteriores."
                : $"Revenue of the last 90 days is down {drop} against the previous 90 days.",
            AlertKind.TaskOverdue => string.Format(c, es ? "Tarea «{0}» atrasada {1} día(s): vencía el {2}." : "Task “{0}” overdue by {1} day(s): it was due {2}.", f.Title ?? "", f.Days ?? 0, Day(f.On)),
            AlertKind.OrderLate => string.Format(c, es ? "El pedido {0}, prometido para el {1}, lleva {2} h de retraso" : "Order {0} promised by {1} is {2} h late", f.Order ?? 0, Moment(f.At), f.Hours ?? 0),
            AlertKind.DiscountApproval => string.Format(c, es
                ? "El pedido {0} tiene un descuento fuera del rango de su nivel y espera aprobación (recibido el {1})"
                : "Order {0} has a discount outside its tier's range and waits for approval (received {1})", f.Order ?? 0, Moment(f.At)),
            _ => recorded,
        };
    }
}
