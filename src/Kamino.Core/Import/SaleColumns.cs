namespace Kamino.Import;

/// <summary>
/// The header → column mapping → dialect decision of a tabular sales file, written once for CSV and Excel
/// (docs/import.md): the header is matched (<see cref="HeaderMatcher"/>, <c>--map</c>) and checked for the
/// required columns; the first <see cref="SampleRecords"/> records are sampled (<see cref="Sample"/>); then
/// <see cref="Decide"/> picks the dialect (unless given) and the discount form, and builds the row parser.
/// </summary>
internal sealed class SaleColumns
{
    /// <summary>How many records after the header the dialect and discount form are decided on.</summary>
    public const int SampleRecords = 1000;

    private readonly List<string> dates = [];
    private readonly List<string> numbers = [];
    private readonly List<string> discounts = [];
    private readonly List<decimal> typedDiscounts = [];

    private SaleColumns(IReadOnlyList<string> headers, Dictionary<SaleField, int> map)
    {
        Headers = headers;
        Map = map;
    }

    /// <summary>The header's texts, as read.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Column index per mapped field.</summary>
    public Dictionary<SaleField, int> Map { get; }

    /// <summary>
    /// Matches a header row. Null, with the reason (the <c>header: …</c> problem at line 1), when a required column
    /// is missing or a <c>--map</c> names no column; <paramref name="shown"/> is the header as the message lists it.
    /// </summary>
    public static SaleColumns? Match(IReadOnlyList<string> headers, IReadOnlyDictionary<SaleField, string>? overrides, IEnumerable<string> shown, out Said? problem)
    {
        var map = HeaderMatcher.MapColumns(headers, overrides, out var mapProblems);
        var missing = MissingColumns(map, mapProblems);
        if (missing.Count > 0)
        {
            problem = Said.Of("import.header", [.. ImportSentences.Pair(missing, "; "), string.Join(", ", shown)]);
            return null;
        }

        problem = null;
        return new SaleColumns(headers, map);
    }

    /// <summary>The required columns a header lacks (docs/import.md): date, a customer, and a net amount or quantity and unit price.</summary>
    public static List<Said> MissingColumns(Dictionary<SaleField, int> map, List<Said> mapProblems)
    {
        var missing = new List<Said>(mapProblems);
        if (!map.ContainsKey(SaleField.Date))
        {
            missing.Add(Said.Of("import.header-no-date"));
        }

        if (!map.ContainsKey(SaleField.CustomerId) && !map.ContainsKey(SaleField.CustomerTaxId) && !map.ContainsKey(SaleField.CustomerName))
        {
            missing.Add(Said.Of("import.header-no-customer"));
        }

        if (!map.ContainsKey(SaleField.NetAmount) && !(map.ContainsKey(SaleField.Quantity) && map.ContainsKey(SaleField.UnitPrice)))
        {
            missing.Add(Said.Of("import.header-no-amount"));
        }

        return missing;
    }

    /// <summary>
    /// Adds a sampled record's value of <paramref name="field"/> (text, trimmed; empty is ignored). Only text says
    /// anything about the dialect: a reader of typed cells adds text cells to the dialect sample only
    /// (<paramref name="forDialect"/>) and every discount to the discount sample.
    /// </summary>
    public void Sample(SaleField field, string text, bool forDialect = true)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (forDialect)
        {
            if (field == SaleField.Date)
            {
                dates.Add(text);
            }
            else if (field is SaleField.Quantity or SaleField.UnitPrice or SaleField.NetAmount or SaleField.DiscountPct)
            {
                numbers.Add(text);
            }
        }

        if (field == SaleField.DiscountPct)
        {
            discounts.Add(text);
        }
    }

    /// <summary>Adds a sampled discount held as a number (a spreadsheet's number cell), not as text.</summary>
    public void SampleDiscount(decimal value) => typedDiscounts.Add(value);

    /// <summary>The fields whose sampled values decide the dialect and the discount form.</summary>
    public static ReadOnlySpan<SaleField> SampledFields => [SaleField.Date, SaleField.Quantity, SaleField.UnitPrice, SaleField.NetAmount, SaleField.DiscountPct];

    /// <summary>
    /// The dialect (<paramref name="given"/>, else decided on the sample; null with <paramref name="ambiguity"/>
    /// when it cannot be told) and the discount form, and the row parser for them.
    /// </summary>
    public SaleRowParser? Decide(string displayName, CsvDialect? given, char delimiter, out CsvDialect dialect, out bool discountIsFraction, out Said? ambiguity)
    {
        ambiguity = null;
        discountIsFraction = false;
        dialect = CsvDialect.En;
        if (given is { } g)
        {
            dialect = g;
        }
        else
        {
            var decision = CsvDialects.Decide(dates, numbers, delimiter);
            if (decision.Ambiguity is not null)
            {
                ambiguity = decision.Ambiguity;
                return null;
            }

            dialect = decision.Dialect!.Value;
        }

        discountIsFraction = Map.TryGetValue(SaleField.DiscountPct, out var discountColumn)
            && !NamesPercentages(Headers[discountColumn]) && AreFractions(Parsed(discounts, dialect).Concat(typedDiscounts));
        return new SaleRowParser(displayName, Headers.Count, Map, dialect, discountIsFraction);
    }

    /// <summary>
    /// The discount rule (docs/import.md): a header with '%' or naming a percentage (pct, percent, porcentaje)
    /// holds percentages; otherwise the sampled values decide: all between -1 and 1 with one not zero means
    /// fractions.
    /// </summary>
    public static bool DiscountIsFraction(string header, IEnumerable<string> sampledValues, CsvDialect dialect) =>
        !NamesPercentages(header) && AreFractions(Parsed(sampledValues, dialect));

    private static bool NamesPercentages(string header)
    {
        var normalized = HeaderMatcher.Normalize(header);
        return header.Contains('%', StringComparison.Ordinal) || normalized.Contains("pct", StringComparison.Ordinal)
            || normalized.Contains("percent", StringComparison.Ordinal) || normalized.Contains("porcentaje", StringComparison.Ordinal);
    }

    private static IEnumerable<decimal> Parsed(IEnumerable<string> values, CsvDialect dialect)
    {
        foreach (var raw in values)
        {
            if (CsvDialects.TryParseNumber(raw, dialect, out var v))
            {
                yield return v;
            }
        }
    }

    private static bool AreFractions(IEnumerable<decimal> values)
    {
        var anyNonZero = false;
        foreach (var v in values)
        {
            if (Math.Abs(v) > 1m)
            {
                return false;
            }

            anyNonZero |= v != 0m;
        }

        return anyNonZero;
    }
}
