namespace Kamino.Health;

/// <summary>The reasons of a health score's parts (<see cref="HealthReason.Why"/>), in English and Spanish.</summary>
internal static class HealthSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["health.no-cadence"] = new("the tier has no check-in cadence", "el nivel no tiene cadencia de seguimiento", ""),
        ["health.up-to-date"] = new("up to date, next check-in {0}", "al día; próximo seguimiento el {0}", "d"),
        ["health.due-soon"] = new("check-in due soon, on {0}", "seguimiento próximo, el {0}", "d"),
        ["health.never-contacted"] = new("never contacted", "nunca contactado", ""),
        ["health.overdue"] = new("check-in {0} days overdue (every {1} days)", "seguimiento con {0} días de retraso (cada {1} días)", "nn"),
        ["health.no-csat"] = new("no CSAT yet", "aún sin CSAT", ""),
        ["health.csat"] = new("latest CSAT {0}", "último CSAT {0}", "n"),
        ["health.csat-before"] = new("latest CSAT {0} (before: {1})", "último CSAT {0} (antes: {1})", "nn"),
        ["health.csat-fell"] = new("latest CSAT {0}, down from {1}", "último CSAT {0}, baja desde {1}", "nn"),
        ["health.no-revenue-year-before"] = new("no revenue in the same 90 days a year before", "sin facturación en los mismos 90 días del año anterior", ""),
        ["health.no-revenue-previous"] = new("no revenue in the previous 90 days", "sin facturación en los 90 días anteriores", ""),
        ["health.revenue-year-before"] = new("last 90 days {0} against the same 90 days a year before", "últimos 90 días: {0} frente a los mismos 90 días del año anterior", "c"),
        ["health.revenue-previous"] = new("last 90 days {0} against the previous 90 days", "últimos 90 días: {0} frente a los 90 días anteriores", "c"),
        ["health.no-overdue-tasks"] = new("no overdue tasks", "sin tareas vencidas", ""),
        ["health.overdue-task"] = new("1 overdue task", "1 tarea vencida", ""),
        ["health.overdue-tasks"] = new("{0} overdue tasks", "{0} tareas vencidas", "n"),
    };
}
