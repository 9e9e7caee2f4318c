namespace Kamino.Activities;

/// <summary>What the activity rules and <see cref="ActivityLog"/> say to a person about a new activity (<see cref="ActivityProblem.Why"/>).</summary>
internal static class ActivitySentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["activity.type"] = new("'{0}' is not one of: {1}.", "«{0}» no es ninguno de estos tipos: {1}.", "tt"),
        ["activity.summary-required"] = new("A summary is required: what was said or done.", "Falta el resumen: qué se dijo o se hizo.", ""),
        ["activity.future"] = new("An activity is logged once it has happened: the date is in the future.",
            "Una actividad se registra cuando ya ha ocurrido: la fecha está en el futuro.", ""),
        ["activity.too-many-participants"] = new("At most {0} participants of each kind.", "Como máximo {0} participantes de cada tipo.", "n"),
        ["activity.too-many-steps"] = new("At most {0} next steps at once.", "Como máximo {0} próximos pasos a la vez.", "n"),
        ["activity.step-assignee"] = new("Say who is to do it.", "Indica quién debe hacerlo.", ""),
        ["activity.figures-not-checkin"] = new("CSAT, NPS and the next check-in date belong to a check-in: mark it as one.",
            "El CSAT, el NPS y la fecha del próximo seguimiento son de un seguimiento: márcala como tal.", ""),
        ["activity.checkin-type"] = new("A check-in is a call or a visit.", "Un seguimiento es una llamada o una visita.", ""),
        ["activity.csat-required"] = new("A check-in needs the customer's satisfaction (CSAT {0}–{1}).", "Un seguimiento necesita la satisfacción del cliente (CSAT {0}–{1}).", "nn"),
        ["activity.csat-range"] = new("CSAT is a whole number from {0} to {1}, not {2}.", "El CSAT es un número entero de {0} a {1}, no {2}.", "nnn"),
        ["activity.nps-range"] = new("NPS is a whole number from {0} to {1}, not {2}.", "El NPS es un número entero de {0} a {1}, no {2}.", "nnn"),
        ["activity.nps-contact"] = new("An NPS answer is given by a person: name the contact who gave it.", "Una respuesta NPS la da una persona: indica el contacto que la dio.", ""),
        ["activity.nps-missing"] = new("A contact is named for the NPS, but there is no NPS answer.", "Se indica un contacto para el NPS, pero no hay respuesta NPS.", ""),
        ["activity.next-checkin-after"] = new("The next check-in must be after the day of this one.", "El próximo seguimiento debe ser posterior al día de este.", ""),
        ["activity.steps-need-member"] = new("Next steps become tasks, and a task is created by a member: log it as a member to add next steps.",
            "Los próximos pasos se convierten en tareas, y una tarea la crea un miembro: regístrala como miembro para añadir próximos pasos.", ""),
        ["activity.not-member"] = new("Not a member of this workspace.", "No es miembro de este espacio de trabajo.", ""),
        ["activity.viewer"] = new("A Viewer may not log activities.", "Un usuario de solo lectura no puede registrar actividades.", ""),
        ["activity.team-only"] = new("A {0} logs activities only on the accounts whose team they are on; {1} is not one of them.",
            "El rol {0} registra actividades solo en las cuentas de cuyo equipo forma parte; {1} no es una de ellas.", "wt"),
        ["activity.no-tasks"] = new("A {0} may not create tasks: log the activity without next steps.", "El rol {0} no puede crear tareas: registra la actividad sin próximos pasos.", "w"),
        ["activity.contact-not-of-customer"] = new("Contact {0} is not a contact of this customer.", "El contacto {0} no es un contacto de este cliente.", "t"),
    };
}
