namespace Kamino.Contacts;

/// <summary>What the contact rules say to a person about a contact's input (<see cref="ContactProblem.Why"/>); sizes and a required name are <see cref="FieldSentences"/>.</summary>
internal static class ContactProblemSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["contact.email"] = new("'{0}' is not an email address (name@example.com).", "«{0}» no es una dirección de correo (nombre@ejemplo.com).", "t"),
        ["contact.phone"] = new("'{0}' is not a phone number: digits with optional spaces, '-', '.', '(' and ')', and '+' only at the start; 6 to 20 digits.",
            "«{0}» no es un número de teléfono: cifras con espacios, «-», «.», «(» y «)» opcionales, y «+» solo al principio; de 6 a 20 cifras.", "t"),
        ["contact.role"] = new("'{0}' is not a role in the decision ({1}).", "«{0}» no es un rol en la decisión ({1}).", "tt"),
        ["contact.scale"] = new("The {0} is a whole number from {1} to {2}, not {3}.", "El campo «{0}» es un número entero de {1} a {2}, no {3}.", "wnnn"),
    };
}
