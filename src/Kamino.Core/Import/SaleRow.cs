using System.Buffers;
using System.Globalization;

namespace Kamino.Import;

/// <summary>The fields a sales source can give for a line (names used by <c>--map FIELD=COLUMN</c>).</summary>
public enum SaleField
{
    DocumentNumber,
    LineNumber,
    Date,
    CustomerId,
    CustomerName,
    CustomerTaxId,
    ProductSku,
    ProductName,
    Quantity,
    UnitPrice,
    DiscountPct,
    NetAmount,
    Currency,
}

/// <summary>A validated line read from a source file, before it is matched to a customer id.</summary>
/// <param name="SourceLine">1-based physical line (or element position) in the file, for messages.</param>
/// <param name="CustomerKey">Tax id when the source gives one, else the source's customer id.</param>
/// <param name="NetCents">Net amount in minor units; negative for credit lines.</param>
/// <param name="ExchangeRate">The exchange rate the line's document states, if any (e-invoices).</param>
/// <param name="OriginalNetCents">Set by the importer when it converted the line: the amount the source stated.</param>
/// <param name="OriginalCurrency">Set by the importer when it converted the line: the currency the source stated.</param>
public sealed record SaleRow(
    int SourceLine,
    string IssuerTaxId,
    string DocumentNumber,
    int LineNumber,
    DateOnly Date,
    string CustomerKey,
    string CustomerName,
    string? CustomerTaxId,
    string? ProductSku,
    string? ProductName,
    decimal Quantity,
    decimal UnitPrice,
    decimal DiscountPct,
    long NetCents,
    string? Currency,
    Kamino.Currencies.DocumentRate? ExchangeRate = null,
    long? OriginalNetCents = null,
    string? OriginalCurrency = null);

/// <summary>
/// The sale dates an import accepts, 1900-01-01 to 2100-12-31 inclusive (docs/import.md): a date outside is a typo or
/// a placeholder (0001-01-01, 9999-12-31), and would stretch every period and series to thousands of years.
/// </summary>
public static class SaleDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool Accepts(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>Why <paramref name="date"/> is refused, for a <c>file:line</c> problem.</summary>
    public static Said OutsideWindow(DateOnly date) => Said.Of("import.date-outside", date, Earliest, Latest);
}

/// <summary>
/// Text fields of a sale line may hold no control character but tab and line breaks: PostgreSQL refuses NUL
/// (SQLite would store it, so the engines would disagree), and the others garble terminals and logs.
/// </summary>
public static class SaleText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(c => (char)c).Where(c => c is not '\t' and not '\n' and not '\r')]);

    /// <summary>Why the field is refused, or null when it is fine; the message names the field and the character, never the text.</summary>
    public static Said? Problem(string field, ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAny(Controls);
        return at < 0 ? null : Said.Of("import.row-control", field, ((int)text[at]).ToString("X4", CultureInfo.InvariantCulture));
    }
}
