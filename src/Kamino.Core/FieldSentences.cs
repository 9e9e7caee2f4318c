namespace Kamino;

/// <summary>
/// The field rules several validators share, said once: a required text and a text's largest size. The field is a word of
/// <see cref="Sentences"/> (<c>title</c>, <c>name</c>, <c>notes</c>…), said in the reader's language.
/// </summary>
public static class FieldSentences
{
    /// <summary>A required field left blank.</summary>
    public static Said Required(string field) => Said.Of("field.required", field);

    /// <summary>A text of <paramref name="length"/> characters where at most <paramref name="max"/> are allowed.</summary>
    public static Said TooLong(string field, int length, int max) => Said.Of("field.too-long", field, length, max);

    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["field.required"] = new("A {0} is required.", "El campo «{0}» es obligatorio.", "w"),
        ["field.no-such-customer"] = new("There is no such customer in this workspace.", "Ese cliente no existe en este espacio de trabajo.", ""),
        ["field.not-member"] = new("'{0}' is not a member of this workspace.", "«{0}» no es miembro de este espacio de trabajo.", "p"),
        ["field.reason-required"] = new("a reason is required", "hace falta un motivo", ""),
        ["field.too-long"] = new("The {0} has {1} characters; at most {2} are allowed.", "El campo «{0}» tiene {1} caracteres; se admiten como máximo {2}.", "wnn"),
    };
}
