namespace Kamino.Import;

/// <summary>
/// Check digits of Spanish tax ids: NIF of a person (DNI: 8 digits and a letter; NIE: X/Y/Z, 7 digits and a
/// letter; K/L/M and 7 digits and a letter) and of an entity (CIF: a letter, 7 digits and a digit or letter).
/// </summary>
public static class SpanishTaxId
{
    private const string PersonLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
    private const string EntityLetters = "JABCDEFGHI";

    /// <summary>True when <paramref name="taxId"/> (optionally prefixed <c>ES</c>) has a valid check digit.</summary>
    public static bool IsValid(string taxId)
    {
        var id = taxId.Trim().ToUpperInvariant();
        if (id.Length == 11 && id.StartsWith("ES", StringComparison.Ordinal))
        {
            id = id[2..];
        }

        if (id.Length != 9)
        {
            return false;
        }

        var first = id[0];
        var body = id[1..8];
        var control = id[8];
        if (char.IsAsciiDigit(first) || first is 'X' or 'Y' or 'Z')
        {
            var digits = (first switch { 'X' => '0', 'Y' => '1', 'Z' => '2', _ => first }) + body;
            return digits.All(char.IsAsciiDigit) && PersonLetters[(int)(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 23)] == control;
        }

        if (first is 'K' or 'L' or 'M')
        {
            return body.All(char.IsAsciiDigit) && PersonLetters[int.Parse(body, System.Globalization.CultureInfo.InvariantCulture) % 23] == control;
        }

        if (!"ABCDEFGHJNPQRSUVW".Contains(first, StringComparison.Ordinal) || !body.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            var d = body[i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                d = d / 10 + d % 10;
            }

            sum += d;
        }

        var check = (10 - sum % 10) % 10;
        var asDigit = (char)('0' + check);
        var asLetter = EntityLetters[check];
        return first switch
        {
            'P' or 'Q' or 'R' or 'S' or 'N' or 'W' => control == asLetter,
            'A' or 'B' or 'E' or 'H' => control == asDigit,
            _ => control == asDigit || control == asLetter,
        };
    }
}
