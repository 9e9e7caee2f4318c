namespace Kamino.Exports;

/// <summary>
/// The one rule for text that leaves Kamino as a spreadsheet cell (PRODUCT.md §4): text a spreadsheet would take for a
/// formula — starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return — is prefixed with an
/// apostrophe, so that a customer named <c>=HYPERLINK(…)</c> is shown, never run. Numbers are written as numbers and
/// are not text: a negative amount stays a number. Used by the downloads (CSV and .xlsx) and the CLI's CSV.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>Whether a spreadsheet could read <paramref name="value"/> as a formula.</summary>
    public static bool LooksLikeFormula(string? value) => value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary><paramref name="value"/>, with <c>'</c> in front when it looks like a formula.</summary>
    public static string Neutralise(string value) => LooksLikeFormula(value) ? "'" + value : value;
}
