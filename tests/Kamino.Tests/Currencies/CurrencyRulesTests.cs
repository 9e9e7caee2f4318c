using Kamino.Currencies;

namespace Kamino.Tests.Currencies;

/// <summary>The pure rules: reading rates files (both shapes) and converting a line.</summary>
public sealed class CurrencyRulesTests
{
    [Fact]
    public void Read_TableCsv_GivesEveryRate()
    {
        var file = RatesCsv.Read(CurrencySamples.RatesTable, "EUR");

        Assert.Empty(file.Problems);
        Assert.Equal("table", file.Format);
        Assert.Equal([("USD", new DateOnly(2026, 1, 1), 1.10m), ("USD", new DateOnly(2026, 3, 1), 1.25m)], file.Rates);
    }

    [Fact]
    public void Read_EcbCsv_SkipsNotAvailableCells_AndTrailingCommas()
    {
        var file = RatesCsv.Read(CurrencySamples.RatesEcb, "EUR");

        Assert.Empty(file.Problems);
        Assert.Equal("ecb", file.Format);
        Assert.Equal(1, file.Skipped);
        Assert.Equal(5, file.Rates.Count);
        Assert.Contains(("JPY", new DateOnly(2026, 1, 2), 160.50m), file.Rates);
        Assert.Contains(("GBP", new DateOnly(2026, 3, 2), 0.8m), file.Rates);
    }

    [Fact]
    public void Read_EcbCsvForAPoundWorkspace_CrossesThroughThePoundColumn()
    {
        var file = RatesCsv.Read(CurrencySamples.RatesEcb, "GBP");

        Assert.Empty(file.Problems);
        // 1 GBP = 1 / 0.80 EUR = 1.25 EUR; USD per GBP = 1.25 / 0.80 = 1.5625.
        Assert.Contains(("EUR", new DateOnly(2026, 3, 2), 1.25m), file.Rates);
        Assert.Contains(("USD", new DateOnly(2026, 3, 2), 1.5625m), file.Rates);
        Assert.DoesNotContain(file.Rates, r => r.Currency == "GBP");
    }

    [Fact]
    public void Read_EcbCsvWithoutTheReportingCurrency_IsRefused()
    {
        var file = RatesCsv.Read(CurrencySamples.RatesEcb, "CHF");

        Assert.Empty(file.Rates);
        Assert.Contains(file.Problems, p => p.Contains("no CHF column", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("date,currency,rate\n2026-01-01,USD,-1\n", "line 2: '-1' is not a positive rate")]
    [InlineData("date,currency,rate\n01/02/2026,USD,1.1\n", "line 2: '01/02/2026' is not a date")]
    [InlineData("date,currency,rate\n2026-01-01,DOLLAR,1.1\n", "line 2: 'DOLLAR' is not a 3-letter")]
    [InlineData("date,currency,rate\n2026-01-01,EUR,1\n", "line 2: EUR is the reporting currency")]
    [InlineData("date,currency,rate\n2026-01-01,USD,1.1\n2026-01-01,USD,1.2\n", "USD has two rates for 2026-01-01")]
    [InlineData("when,what\n", "line 1: the header is neither")]
    public void Read_BadFile_RefusedWhole_NamingTheLine(string text, string problem)
    {
        var file = RatesCsv.Read(text, "EUR");

        Assert.Empty(file.Rates);
        Assert.Contains(file.Problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    private static readonly RateTable Table = new([("USD", new DateOnly(2026, 1, 1), 1.10m), ("USD", new DateOnly(2026, 3, 1), 1.25m)]);

    [Theory]
    [InlineData("2026-01-01", 11000, 10000)] // the rate of the day
    [InlineData("2026-02-28", 11000, 10000)] // the latest before it
    [InlineData("2026-03-01", 12500, 10000)]
    [InlineData("2027-01-01", -12500, -10000)] // credit lines convert negative
    public void Convert_WithTheTable_TakesTheRateOfTheDateOrTheLatestBefore(string date, long cents, long expected)
    {
        var conversion = new CurrencyConversion("EUR", Table);

        Assert.Equal(expected, conversion.Convert(cents, "USD", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), null));
    }

    [Fact]
    public void Convert_BeforeTheFirstRate_OrAnUnknownCurrency_HasNoRate()
    {
        var conversion = new CurrencyConversion("EUR", Table);

        Assert.Null(conversion.Convert(100, "USD", new DateOnly(2025, 12, 31), null));
        Assert.Null(conversion.Convert(100, "GBP", new DateOnly(2026, 6, 1), null));
        Assert.Equal(100, conversion.Convert(100, "EUR", new DateOnly(2026, 6, 1), null));
    }

    [Theory]
    [InlineData("USD", "EUR", "0.9", 3335, 3002)] // 3001.5 rounds half away from zero
    [InlineData("USD", "EUR", "0.9", -3335, -3002)]
    [InlineData("EUR", "USD", "1.25", 10000, 8000)] // the rate the other way round divides
    [InlineData("USD", "GBP", "0.8", 10000, 9091)] // a rate between other currencies is not the line's: the table's 1.10
    public void Convert_WithTheDocumentsRate_UsesItWhenItLinksTheTwoCurrencies(string from, string to, string rate, long cents, long expected)
    {
        var conversion = new CurrencyConversion("EUR", Table);
        var document = new DocumentRate(from, to, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, conversion.Convert(cents, "USD", new DateOnly(2026, 2, 1), document));
    }
}
