namespace Kamino.Alerts;

/// <summary>Why acknowledging, snoozing or showing again an alert was refused (<see cref="AlertDismissals"/>), in English and Spanish.</summary>
internal static class AlertSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["alert.snooze-in-past"] = new("A snooze ends today or later.", "Solo se puede posponer hasta hoy o un día posterior.", ""),
        ["alert.not-dismissed"] = new("You have not acknowledged or snoozed alert {0}.", "No has marcado como vista ni pospuesto la alerta {0}.", "t"),
        ["alert.not-found"] = new("No alert {0} on {1}.", "No hay ninguna alerta {0} el {1}.", "td"),
    };
}
