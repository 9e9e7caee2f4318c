using System.Buffers;
using System.Globalization;

namespace Kamino.Import;

/// <summary>
/// How a CSV writes numbers and dates. <see cref="En"/>: decimal point, thousands comma, <c>yyyy-mm-dd</c> or
/// <c>mm/dd/yyyy</c>. <see cref="Es"/>: decimal comma, thousands point, <c>dd/mm/yyyy</c> (and <c>yyyy-mm-dd</c>).
/// </summary>
public enum CsvDialect
{
    En,
    Es,
}

/// <summary>The dialect chosen for a file, or why none could be chosen (<see cref="Ambiguity"/>).</summary>
public sealed record DialectDecision(CsvDialect? Dialect, Said? Ambiguity);

/// <summary>
/// Numbers and dates per <see cref="CsvDialect"/>, strict about thousands grouping (groups of exactly three
/// digits), and the rule that picks a dialect from sampled values (docs/import.md, "Dialects").
/// </summary>
public static class CsvDialects
{
    private const int MaxNumberLength = 64;

    /// <summary>The name used on the command line and in reports: <c>en</c> or <c>es</c>.</summary>
    public static string Name(CsvDialect dialect) => dialect switch
    {
        CsvDialect.En => "en",
        CsvDialect.Es => "es",
    };

    /// <summary>Parses <c>en</c>/<c>es</c> (any case).</summary>
    public static bool TryParseName(string? name, out CsvDialect dialect)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "en":
                dialect = CsvDialect.En;
                return true;
            case "es":
                dialect = CsvDialect.Es;
                return true;
            default:
                dialect = default;
                return false;
        }
    }

    private static readonly SearchValues<char> NumberChars = SearchValues.Create("0123456789+-.,");

    /// <summary>
    /// Parses a number written in <paramref name="dialect"/>: optional sign, digits optionally grouped by the
    /// thousands separator in groups of three (the first without a leading zero), optional decimal separator and digits.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, CsvDialect dialect, out decimal value)
    {
        value = 0m;
        var (decimalSeparator, thousands) = dialect == CsvDialect.Es ? (',', '.') : ('.', ',');
        // Positive validation first: decimal.TryParse alone accepts trailing NUL characters ("3\0" is 3).
        if (text.IsEmpty || text.Length > MaxNumberLength || text.ContainsAnyExcept(NumberChars))
        {
            return false;
        }

        if (decimalSeparator == '.' && !text.Contains(thousands))
        {
            return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        Span<char> plain = stackalloc char[MaxNumberLength];
        var n = 0;
        var i = 0;
        if (text[0] is '-' or '+')
        {
            plain[n++] = text[0];
            i = 1;
        }

        var groupDigits = 0;
        var intDigits = 0;
        var grouped = false;
        for (; i < text.Length && text[i] != decimalSeparator; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                plain[n++] = c;
                groupDigits++;
                intDigits++;
            }
            else if (c == thousands)
            {
                // The first group has 1–3 digits and no leading zero ("0.125" is never 125), every later one exactly 3.
                if (groupDigits == 0 || groupDigits > 3 || (grouped && groupDigits != 3) || (!grouped && text[i - groupDigits] == '0'))
                {
                    return false;
                }

                grouped = true;
                groupDigits = 0;
            }
            else
            {
                return false;
            }
        }

        if (grouped && groupDigits != 3)
        {
            return false;
        }

        if (i < text.Length)
        {
            plain[n++] = '.';
            var fraction = 0;
            for (i++; i < text.Length; i++)
            {
                if (!char.IsAsciiDigit(text[i]))
                {
                    return false;
                }

                plain[n++] = text[i];
                fraction++;
            }

            if (fraction == 0)
            {
                return false;
            }
        }
        else if (intDigits == 0)
        {
            return false;
        }

        return decimal.TryParse(plain[..n], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Parses a date: <c>yyyy-mm-dd</c> in either dialect, <c>mm/dd/yyyy</c> in <c>en</c>, <c>dd/mm/yyyy</c> in
    /// <c>es</c> (one-digit day and month accepted).
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, CsvDialect dialect, out DateOnly date)
    {
        // Positive validation first: .NET's date parsing ignores trailing NUL characters.
        if (text.ContainsAnyExcept(DateChars))
        {
            date = default;
            return false;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || DateOnly.TryParseExact(text, dialect == CsvDialect.Es ? "d/M/yyyy" : "M/d/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static readonly SearchValues<char> DateChars = SearchValues.Create("0123456789-/");

    /// <summary>Which dialect(s) read a value, when it says something: one, both (ambiguous), or null (no evidence).</summary>
    private static (bool En, bool Es)? Readers(string value, bool isDate)
    {
        bool en, es;
        if (isDate)
        {
            if (!value.Contains('/', StringComparison.Ordinal))
            {
                return null;
            }

            en = TryParseDate(value, CsvDialect.En, out var asEn);
            es = TryParseDate(value, CsvDialect.Es, out var asEs);
            if (en && es && asEn == asEs)
            {
                return null; // 05/05/2024 reads the same either way
            }
        }
        else
        {
            if (!value.Contains(',', StringComparison.Ordinal) && !value.Contains('.', StringComparison.Ordinal))
            {
                return null;
            }

            en = TryParseNumber(value, CsvDialect.En, out var asEn);
            es = TryParseNumber(value, CsvDialect.Es, out var asEs);
            if (en && es && asEn == asEs)
            {
                return null;
            }
        }

        return en || es ? (en, es) : null;
    }

    /// <summary>
    /// Picks the dialect from sampled date and number fields. A value only one dialect reads (a day above 12
    /// first, <c>12,50</c>, <c>1.234,5</c>) is evidence for it; a value both read differently (<c>03/04/2024</c>,
    /// <c>1.234</c>) is ambiguous. Evidence for one dialect only decides; evidence for both, or ambiguous values
    /// and no evidence, is ambiguous. With neither, the values read the same in both: <c>es</c> when the
    /// delimiter is <c>;</c>, else <c>en</c>.
    /// </summary>
    public static DialectDecision Decide(IEnumerable<string> dates, IEnumerable<string> numbers, char delimiter)
    {
        string? enDate = null, esDate = null, ambiguousDate = null, enNumber = null, esNumber = null, ambiguousNumber = null;
        foreach (var (value, isDate) in dates.Select(d => (d, true)).Concat(numbers.Select(n => (n, false))))
        {
            if (Readers(value, isDate) is not { } r)
            {
                continue;
            }

            switch (r)
            {
                case (true, true):
                    if (isDate)
                    {
                        ambiguousDate ??= value;
                    }
                    else
                    {
                        ambiguousNumber ??= value;
                    }

                    break;
                case (true, false):
                    if (isDate)
                    {
                        enDate ??= value;
                    }
                    else
                    {
                        enNumber ??= value;
                    }

                    break;
                case (false, true):
                    if (isDate)
                    {
                        esDate ??= value;
                    }
                    else
                    {
                        esNumber ??= value;
                    }

                    break;
                default:
                    break;
            }
        }

        var es = esDate is not null ? Said.Of("import.dialect-es-date", esDate) : esNumber is not null ? Said.Of("import.dialect-es-number", esNumber) : null;
        var en = enDate is not null ? Said.Of("import.dialect-en-date", enDate) : enNumber is not null ? Said.Of("import.dialect-en-number", enNumber) : null;
        if (es is not null && en is not null)
        {
            return new DialectDecision(null, Said.Of("import.dialect-mixed", [.. ImportSentences.Pair(es), .. ImportSentences.Pair(en)]));
        }

        if (es is not null)
        {
            return new DialectDecision(CsvDialect.Es, null);
        }

        if (en is not null)
        {
            return new DialectDecision(CsvDialect.En, null);
        }

        var doubt = (ambiguousDate, ambiguousNumber) switch
        {
            (not null, not null) => Said.Of("import.dialect-doubts", ambiguousDate, ambiguousNumber),
            (not null, null) => Said.Of("import.dialect-date-doubt", ambiguousDate),
            (null, not null) => Said.Of("import.dialect-number-doubt", ambiguousNumber),
            _ => null,
        };
        return doubt is not null
            ? new DialectDecision(null, doubt)
            : new DialectDecision(delimiter == ';' ? CsvDialect.Es : CsvDialect.En, null);
    }
}
