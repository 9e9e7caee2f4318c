using System.Globalization;

namespace Kamino.Import;

/// <summary>
/// The rules for one sale line's field values, written once for every tabular reader (CSV for <c>import</c> and
/// <c>analyze</c>, Excel): dates, amounts and their range, the discount, the customer key and the length limits
/// (docs/import.md). Numbers are read in the file's <see cref="CsvDialect"/> (<see cref="CsvDialects.TryParseNumber"/>).
/// </summary>
internal static class SaleFields
{
    /// <summary>An amount, quantity, price or discount is refused at or above this magnitude.</summary>
    public const decimal MaxAbsAmount = 1_000_000_000_000m;

    /// <summary>Longest customer key (tax id, customer id or name when it is the key), document number and product code.</summary>
    public const int MaxKeyChars = 100;

    /// <summary>Longest customer or product name.</summary>
    public const int MaxNameChars = 300;

    /// <summary>
    /// The customer key: the tax id when the line has one, else the customer id, else the name; empty when the line
    /// names no customer. The same key joins lines to a customer in the database and in <c>kamino analyze</c>.
    /// </summary>
    public static ReadOnlySpan<char> CustomerKey(ReadOnlySpan<char> taxId, ReadOnlySpan<char> customerId, ReadOnlySpan<char> customerName) =>
        !taxId.IsEmpty ? taxId : !customerId.IsEmpty ? customerId : customerName;

    /// <summary>A date: <c>yyyy-mm-dd</c> in either dialect, else the dialect's slashed form (<see cref="CsvDialects.TryParseDate"/>).</summary>
    public static bool TryDate(ReadOnlySpan<char> text, CsvDialect dialect, out DateOnly date) =>
        TryIsoDate(text, out date) || CsvDialects.TryParseDate(text, dialect, out date);

    /// <summary>An optional number: <paramref name="whenEmpty"/> when empty; null reason when it reads, else why not.</summary>
    public static Said? Number(ReadOnlySpan<char> text, string what, CsvDialect dialect, decimal whenEmpty, out decimal value)
    {
        if (text.IsEmpty)
        {
            value = whenEmpty;
            return null;
        }

        if (!CsvDialects.TryParseNumber(text, dialect, out value))
        {
            return Said.Of("import.row-not-a-number", what, text.ToString());
        }

        return Math.Abs(value) >= MaxAbsAmount ? Said.Of("import.row-out-of-range", what, text.ToString()) : null;
    }

    /// <summary>
    /// The discount as a percentage: a fraction (−1..1) times 100 when the file's discounts are fractions, else a
    /// percentage −100..100 as it is; null reason when it fits.
    /// </summary>
    public static Said? Discount(ReadOnlySpan<char> text, bool isFraction, ref decimal discount)
    {
        if (isFraction)
        {
            if (discount is < -1m or > 1m)
            {
                return Said.Of("import.row-discount-fraction", text.ToString(), SaleColumns.SampleRecords);
            }

            discount *= 100m;
            return null;
        }

        return discount is < -100m or > 100m ? Said.Of("import.row-discount-percent", text.ToString()) : null;
    }

    /// <summary>The net amount from quantity, unit price and discount percentage, before rounding.</summary>
    public static decimal Net(decimal quantity, decimal unitPrice, decimal discountPercent) => quantity * unitPrice * (1m - (discountPercent / 100m));

    /// <summary>Money rounded to cents, half away from zero.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>A currency code, upper-cased into <paramref name="code"/>; false when it is not three ASCII letters.</summary>
    public static bool TryCurrency(ReadOnlySpan<char> text, Span<char> code)
    {
        if (text.Length != 3)
        {
            return false;
        }

        for (var i = 0; i < 3; i++)
        {
            var c = char.ToUpperInvariant(text[i]);
            if (!char.IsAsciiLetterUpper(c))
            {
                return false;
            }

            code[i] = c;
        }

        return true;
    }

    /// <summary>A line number column: empty (0), or a positive whole number; false otherwise.</summary>
    public static bool TryLineNumber(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return text.IsEmpty || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1);
    }

    /// <summary>
    /// The common yyyy-mm-dd without <see cref="DateOnly.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, IFormatProvider, DateTimeStyles, out DateOnly)"/>'s
    /// format machinery. Accepts only what that accepts, with the same date; anything else is left to <see cref="CsvDialects.TryParseDate"/>.
    /// </summary>
    private static bool TryIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        var year = 0;
        var month = 0;
        var day = 0;
        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 7)
            {
                continue;
            }

            var d = text[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            if (i < 4)
            {
                year = (year * 10) + d;
            }
            else if (i < 7)
            {
                month = (month * 10) + d;
            }
            else
            {
                day = (day * 10) + d;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
