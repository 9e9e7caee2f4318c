namespace Kamino.Customers;

/// <summary>
/// Why a change to a customer was refused (ratings, referrals, criteria, tiers, designations), in English and Spanish;
/// <c>customer.not-found</c> is every feature's refusal for a customer not in the workspace.
/// </summary>
internal static class CustomerSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["customer.not-found"] = new("no such customer in this workspace", "no existe ese cliente en este espacio de trabajo", ""),
        ["rating.nothing-given"] = new("give at least one criterion and rating", "indica al menos un criterio y su valoración", ""),
        ["rating.out-of-range"] = new("{0}: a rating is a whole number from 0 to {1}, not {2}", "{0}: una valoración es un número entero de 0 a {1}, no {2}", "tnn"),
        ["rating.note-too-long"] = new("the note is longer than {0} characters", "la nota tiene más de {0} caracteres", "n"),
        ["rating.kam-not-on-team"] = new("a KAM rates only the accounts whose team they are on; {0} is not one of them",
            "un KAM solo valora las cuentas en cuyo equipo está; {0} no es una de ellas", "t"),
        ["rating.role-may-not"] = new("a {0} may not rate customers", "el rol {0} no puede valorar clientes", "w"),
        ["rating.no-criterion"] = new("no criterion '{0}' (criteria: {1})", "no hay ningún criterio «{0}» (criterios: {1})", "tt"),
        ["referral.role-may-not"] = new("a {0} may not record who referred {1}", "el rol {0} no puede registrar quién recomendó a {1}", "wt"),
        ["referral.self"] = new("a customer cannot refer itself", "un cliente no puede recomendarse a sí mismo", ""),
        ["referral.cycle"] = new("that would make a cycle of referrals", "eso cerraría un círculo de recomendaciones", ""),
        ["referral.none-recorded"] = new("{0} has no referrer recorded", "no consta quién recomendó a {0}", "t"),
        ["criterion.weight-out-of-range"] = new("the weight is a number from 0 to 1000", "el peso es un número de 0 a 1000", ""),
        ["criterion.name-length"] = new("the name is 1 to 100 characters", "el nombre tiene de 1 a 100 caracteres", ""),
        ["criterion.nothing-given"] = new("give a weight, a name or both", "indica un peso, un nombre o ambos", ""),
        ["criterion.new-needs-name"] = new("'{0}' is a new criterion: give it a name", "«{0}» es un criterio nuevo: ponle un nombre", "t"),
        ["criterion.too-many"] = new("at most {0} criteria", "como mucho {0} criterios", "n"),
        ["tier.not-found"] = new("no tier '{0}' (tiers: {1})", "no hay ningún nivel «{0}» (niveles: {1})", "tt"),
        ["designation.already-key"] = new("{0} is already a key account ({1})", "{0} ya es cuenta clave ({1})", "tt"),
        ["designation.already-tier"] = new("{0} is already designated {1}", "{0} ya está en el nivel {1}", "tt"),
        ["designation.not-key"] = new("{0} is not a key account", "{0} no es cuenta clave", "t"),
        ["designation.role-may-not"] = new("a {0} may not designate key accounts", "el rol {0} no puede designar cuentas clave", "w"),
    };
}
