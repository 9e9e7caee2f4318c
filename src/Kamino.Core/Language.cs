using System.Globalization;

namespace Kamino;

/// <summary>The two languages Kamino speaks: Spanish for a Spanish culture (<c>es</c>, <c>es-ES</c>, <c>es-MX</c>…), English otherwise.</summary>
public static class Language
{
    public static bool IsSpanish(string? cultureName) =>
        cultureName is not null && (cultureName.Equals("es", StringComparison.OrdinalIgnoreCase) || cultureName.StartsWith("es-", StringComparison.OrdinalIgnoreCase));

    public static bool IsSpanish(CultureInfo culture) => IsSpanish(culture.Name);
}
