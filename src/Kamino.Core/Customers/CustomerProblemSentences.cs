namespace Kamino.Customers;

/// <summary>
/// What the customer validators say to a person: a criterion key, a referral, a designation's reason, tier names and a
/// tier policy (<see cref="TierPolicyProblem.Why"/>). The refusals written at their call site are <c>CustomerSentences</c>.
/// </summary>
internal static class CustomerProblemSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["criterion.key"] = new("'{0}' is not a criterion key (lower-case letters, digits and '-', up to 20, starting with a letter)",
            "«{0}» no es una clave de criterio (minúsculas, cifras y «-», hasta 20, empezando por una letra)", "t"),
        ["designation.reason-too-long"] = new("the reason is longer than {0} characters", "el motivo tiene más de {0} caracteres", "n"),
        ["tier.names-count"] = new("give {0} to {1} tiers, highest first", "indica de {0} a {1} niveles, del más alto al más bajo", "nn"),
        ["tier.name-length"] = new("a tier name is 1 to {0} characters", "el nombre de un nivel tiene de 1 a {0} caracteres", "n"),
        ["tier.names-differ"] = new("tier names must differ", "los nombres de los niveles deben ser distintos", ""),
        ["tier.would-become-key"] = new("{0} customer(s) designated '{1}' would become key accounts; re-designate them first",
            "{0} cliente(s) designado(s) «{1}» pasarían a ser cuentas clave; vuelve a designarlos antes", "nt"),
        ["tier.would-stop-key"] = new("{0} customer(s) designated '{1}' would stop being key accounts; re-designate them first",
            "{0} cliente(s) designado(s) «{1}» dejarían de ser cuentas clave; vuelve a designarlos antes", "nt"),
        ["tier.in-use"] = new("{0} customer(s) are designated '{1}'; re-designate them before removing the tier",
            "{0} cliente(s) están designados «{1}»; vuelve a designarlos antes de eliminar el nivel", "nt"),
        ["tier.named"] = new("tier {0}:", "nivel {0}:", "t"),
        ["tier.checkin-conflict"] = new("give a check-in interval or none, not both", "indica un intervalo de seguimiento o ninguno, no ambos", ""),
        ["tier.checkin-range"] = new("the check-in interval is 1 to {0} days, or none", "el intervalo de seguimiento es de 1 a {0} días, o ninguno", "n"),
        ["tier.channel"] = new("the channel is call, visit or any", "el canal es llamada, visita o cualquiera", ""),
        ["tier.discount-range"] = new("a discount is 0 to 100 %", "un descuento va de 0 a 100 %", ""),
        ["tier.discount-order"] = new("the highest discount ({0} %) is below the lowest ({1} %)", "el descuento más alto ({0} %) es menor que el más bajo ({1} %)", "nn"),
        ["tier.priority-range"] = new("the order priority is 1 (highest) to {0}", "la prioridad de los pedidos va de 1 (la más alta) a {0}", "n"),
        ["tier.hours-range"] = new("the promised handling time is 1 to {0} hours", "el tiempo de gestión prometido va de 1 a {0} horas", "n"),
    };
}
