using System.Globalization;

namespace Kamino.Host.Components;

/// <summary>How the UI writes money, shares and dates in a culture (es: <c>1.234,56 €</c>, en: <c>€1,234.56</c>).</summary>
public static class Formats
{
    /// <summary>Amount with two decimals in the culture's currency pattern, with the symbol of <paramref name="currency"/> (ISO 4217).</summary>
    public static string Money(decimal amount, string currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = CurrencySymbol(currency);
        return amount.ToString("C2", format);
    }

    /// <summary>Whole currency units, for chart axes.</summary>
    public static string MoneyWhole(decimal amount, string currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = CurrencySymbol(currency);
        return amount.ToString("C0", format);
    }

    /// <summary>A share 0..1 as a percentage with one decimal; a dash when there is none (total not positive).</summary>
    public static string Percent(decimal? share, CultureInfo culture) =>
        share is { } s ? s.ToString("P1", culture) : "–";

    public static string Date(DateOnly date, CultureInfo culture) => date.ToString("d", culture);

    public static string Number(decimal value, int decimals, CultureInfo culture) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), culture);

    /// <summary>The symbol of the few currencies small businesses here invoice in; the ISO code otherwise.</summary>
    public static string CurrencySymbol(string currency) => currency.ToUpperInvariant() switch
    {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        _ => currency,
    };
}

/// <summary>Addresses of the pages; every one carries the workspace so that sign-in can check it.</summary>
public static class Links
{
    public static string Dashboard(string workspace) => "/w/" + Uri.EscapeDataString(workspace);

    public const string SignIn = "/account/login";

    public const string SignInCode = "/account/login-2fa";

    public const string SignOut = "/account/logout";

    public const string TwoFactor = "/account/2fa";

    public const string Password = "/account/password";
}
