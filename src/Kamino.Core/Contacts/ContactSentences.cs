namespace Kamino.Contacts;

/// <summary>Why a change to a customer's contacts was refused (<see cref="CustomerContacts"/>), in English and Spanish.</summary>
internal static class ContactSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["contact.no-such"] = new("{0} has no contact #{1}", "{0} no tiene ningún contacto n.º {1}", "tt"),
        ["contact.not-on-team"] = new("a {0} keeps the contacts only of accounts whose team they are on; {1} is not one of them",
            "el rol {0} solo gestiona los contactos de las cuentas en cuyo equipo está; {1} no es una de ellas", "wt"),
        ["contact.role-may-not"] = new("a {0} may not change contacts", "el rol {0} no puede cambiar contactos", "w"),
    };
}
