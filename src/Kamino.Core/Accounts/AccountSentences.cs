namespace Kamino.Accounts;

/// <summary>
/// Why a change to a key account's team was refused, in English and Spanish; <c>account.not-key</c> is every feature's
/// refusal for a customer that must be a key account first.
/// </summary>
internal static class AccountSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["account.not-key"] = new("{0} is not a key account; designate it first", "{0} no es cuenta clave; desígnala antes", "t"),
        ["account.owner-not-member"] = new("the new owner is not a member of this workspace", "el nuevo responsable no es miembro de este espacio de trabajo", ""),
        ["account.owner-role"] = new("{0} is {1}: an owner must be a KAM, Lead KAM or Director",
            "{0} tiene el rol {1}: el responsable debe ser KAM, KAM responsable o Dirección", "pw"),
        ["account.not-on-team"] = new("{0} is not on the team of {1}", "{0} no está en el equipo de {1}", "pt"),
        ["account.owner-stays"] = new("{0} owns {1}; set another owner first", "{0} es responsable de {1}; asigna antes otro responsable", "pt"),
        ["account.team-role-may-not"] = new("a {0} may not change the team of {1}", "el rol {0} no puede cambiar el equipo de {1}", "wt"),
    };
}
