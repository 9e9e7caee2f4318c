using System.Globalization;

namespace Kamino.Email;

/// <summary>
/// The words of Kamino's emails in one language (<see cref="For"/>): the task emails, the daily digest and the weekly
/// alert digest. Composite formats take their values in the order the English names them.
/// </summary>
public sealed record MailWords(
    CultureInfo Culture,
    string Hello,
    string NewTaskSubject,
    string AssignedIntro,
    string DueTomorrowSubject,
    string DueTomorrowIntro,
    string DigestSubject,
    string DigestCheckins,
    string DigestNothing,
    string DigestIntro,
    string Overdue,
    string Due,
    string Account,
    string CheckinsHeading,
    string NeverContacted,
    string DueNow,
    string DueOverdue,
    string TaskFooter,
    string AlertsSubject,
    string AlertsIntro,
    string Since,
    string AlertsFooter)
{
    public static MailWords English { get; } = new(
        CultureInfo.GetCultureInfo("en"),
        "Hello {0},",
        "[{0}] New task: {1}",
        "{0} assigned you a task in {1}.",
        "[{0}] Due tomorrow: {1}",
        "This task of yours in {0} is due tomorrow, {1}.",
        "[{0}] Your tasks for {1}: {2} overdue, {3} due today",
        "; {0} check-in(s) due",
        "No open tasks of yours in {0} are due today or overdue.",
        "Your open tasks in {0} that are due today or overdue:",
        "OVERDUE",
        "due {0}",
        "account {0}",
        "Check-ins due this week or overdue on the key accounts you own:",
        "NEVER CONTACTED",
        "due now",
        "due {0}, {1} day(s) overdue",
        "You receive this because you are a member of a Kamino workspace.",
        "[{0}] Weekly alerts, week of {1}: {2} open",
        "The key accounts of {0} that need attention this week, and why:",
        "since {0}",
        "Acknowledge or snooze an alert on the alerts page to leave it out of the next digests.");

    public static MailWords Spanish { get; } = new(
        CultureInfo.GetCultureInfo("es"),
        "Hola, {0}:",
        "[{0}] Nueva tarea: {1}",
        "{0} te ha asignado una tarea en {1}.",
        "[{0}] Vence mañana: {1}",
        "Esta tarea tuya en {0} vence mañana, {1}.",
        "[{0}] Tus tareas del {1}: {2} atrasada(s), {3} para hoy",
        "; {0} seguimiento(s) pendiente(s)",
        "No tienes tareas abiertas en {0} para hoy ni atrasadas.",
        "Tus tareas abiertas en {0} para hoy o atrasadas:",
        "ATRASADA",
        "para el {0}",
        "cuenta {0}",
        "Seguimientos de esta semana o atrasados de las cuentas clave de las que eres responsable:",
        "NUNCA CONTACTADA",
        "pendiente ya",
        "para el {0}, {1} día(s) de retraso",
        "Recibes este correo porque eres miembro de un espacio de trabajo de Kamino.",
        "[{0}] Alertas de la semana del {1}: {2} abierta(s)",
        "Las cuentas clave de {0} que necesitan atención esta semana, y por qué:",
        "desde el {0}",
        "Reconoce o pospón una alerta en la página de alertas para que no aparezca en los próximos resúmenes.");

    /// <summary>The words of <paramref name="culture"/>'s language.</summary>
    public static MailWords For(CultureInfo culture) => Language.IsSpanish(culture) ? Spanish : English;

    /// <summary><paramref name="format"/> with its values, numbers as this language writes them.</summary>
    public string F(string format, params object[] values) => string.Format(Culture, format, values);

    /// <summary>A day as this language writes it.</summary>
    public string Day(DateOnly day) => day.ToString("d", Culture);
}
