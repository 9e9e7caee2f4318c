namespace Kamino.Currencies;

/// <summary>
/// A workspace's rate table in memory (pure): per currency, its rates by date. <see cref="Find"/> gives the rate of a
/// date or the latest before it.
/// </summary>
public sealed class RateTable
{
    private readonly Dictionary<string, (int[] Days, decimal[] Rates)> byCurrency = new(StringComparer.Ordinal);

    public static readonly RateTable Empty = new([]);

    public RateTable(IEnumerable<(string Currency, DateOnly Date, decimal Rate)> rates)
    {
        foreach (var g in rates.GroupBy(r => r.Currency, StringComparer.Ordinal))
        {
            var sorted = g.OrderBy(r => r.Date).ToArray();
            byCurrency[g.Key] = ([.. sorted.Select(r => r.Date.DayNumber)], [.. sorted.Select(r => r.Rate)]);
        }
    }

    /// <summary>Units of <paramref name="currency"/> per unit of the reporting currency on <paramref name="date"/> (or the latest date before it); null when there is none.</summary>
    public decimal? Find(string currency, DateOnly date)
    {
        if (!byCurrency.TryGetValue(currency, out var r))
        {
            return null;
        }

        var i = Array.BinarySearch(r.Days, date.DayNumber);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return i >= 0 ? r.Rates[i] : null;
    }
}

/// <summary>
/// The one conversion rule (pure): a line in another currency than the reporting one is converted with its document's
/// own rate when that rate links the two currencies, otherwise with the rate table; amounts are rounded to the cent,
/// half away from zero (as every amount Kamino stores).
/// </summary>
public sealed class CurrencyConversion(string reportingCurrency, RateTable table)
{
    public string ReportingCurrency { get; } = reportingCurrency;

    public RateTable Table { get; } = table;

    /// <summary>
    /// <paramref name="cents"/> of <paramref name="currency"/> in cents of the reporting currency, or null when neither
    /// the document's rate nor the table has a rate for the line's date.
    /// </summary>
    public long? Convert(long cents, string currency, DateOnly date, DocumentRate? document)
    {
        if (currency == ReportingCurrency)
        {
            return cents;
        }

        if (document is { Rate: > 0 } d)
        {
            if (d.From == currency && d.To == ReportingCurrency)
            {
                return Round(cents * d.Rate);
            }

            if (d.From == ReportingCurrency && d.To == currency)
            {
                return Round(cents / d.Rate);
            }
        }

        return Table.Find(currency, date) is { } rate and > 0 ? Round(cents / rate) : null;
    }

    /// <summary>Whole cents, half away from zero.</summary>
    public static long Round(decimal cents) => (long)Math.Round(cents, 0, MidpointRounding.AwayFromZero);
}
