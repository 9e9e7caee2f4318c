using Kamino.Workspaces;

namespace Kamino.Host.Tests.Currencies;

/// <summary>
/// <c>kamino rates import|list</c>, <c>kamino import</c> of a folder in several currencies, and <c>kamino analyze</c>,
/// which never sums amounts in different currencies: exit 3 without a reporting currency, conversion with
/// <c>--currency</c> and the documents' or <c>--rates</c>' rates.
/// </summary>
public sealed class RatesCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        await NewWorkspace.CreateAsync(db, "acme", "Acme", "EUR", System.Globalization.CultureInfo.InvariantCulture, TimeProvider.System);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task RatesImport_ThenImportAFolder_ConvertsEveryForeignLine_AndParetoStatesIt()
    {
        var folder = CurrencySamples.WriteFolder(Path.Combine(Dir, "inbox"));

        var refused = await RunAsync("import", folder);
        Assert.Equal(3, refused.Exit);
        Assert.Contains("2 lines in another currency than EUR", refused.Error, StringComparison.Ordinal);
        Assert.Contains("kamino rates import FILE --workspace acme", refused.Error, StringComparison.Ordinal);

        var rates = await RunAsync("rates", "import", Write("ecb.csv", CurrencySamples.RatesEcb));
        Assert.True(rates.Exit == 0, rates.Error);
        Assert.Contains("ECB reference rates, per 1 EUR): 5 rates added", rates.Out, StringComparison.Ordinal);

        var imported = await RunAsync("import", folder);
        Assert.True(imported.Exit == 0, imported.Error);

        var pareto = await RunAsync("accounts", "pareto", "--all", "--format", "json");
        var report = JsonDocument.Parse(pareto.Out).RootElement;
        Assert.Equal(("EUR", CurrencySamples.TotalEuroCents / 100m, CurrencySamples.ConvertedLines),
            (report.GetProperty("currency").GetString(), report.GetProperty("totalRevenue").GetDecimal(), report.GetProperty("convertedLines").GetInt32()));
        var table = await RunAsync("accounts", "pareto", "--all");
        Assert.Contains("Reporting currency EUR: 6 lines converted from other currencies", table.Out, StringComparison.Ordinal);

        var list = await RunAsync("rates", "list", "--currency", "USD");
        Assert.Contains("USD: 2 rates from 2026-01-02 to 2026-03-02, latest 1.25", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RatesImport_BadFile_Exit3_NothingStored()
    {
        var run = await RunAsync("rates", "import", Write("bad.csv", "date,currency,rate\n2026-01-01,USD,0\n"));

        Assert.Equal(3, run.Exit);
        Assert.Contains("bad.csv: line 2: '0' is not a positive rate", run.Error, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.ExchangeRates.CountAsync());
    }

    [Fact]
    public async Task Analyze_MixedCurrencies_Exit3_PrintsNoTotal()
    {
        var dkk = Write("dkk.csv", "invoice,date,customer,amount,currency\nD-1,2026-02-01,Aarhus,100.00,DKK\n");
        var gbp = Write("gbp.csv", "invoice,date,customer,amount,currency\nG-1,2026-02-01,Soho,100.00,GBP\n");

        var run = await CliRunner.RunAsync("analyze", dkk, gbp, "--format", "json");

        Assert.Equal(3, run.Exit);
        Assert.Equal("", run.Out.Trim());
        Assert.Contains("the files state amounts in DKK, GBP", run.Error, StringComparison.Ordinal);
        Assert.Contains("--currency", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_WithCurrencyAndRates_ConvertsWithTheDocumentsRatesFirst()
    {
        var folder = CurrencySamples.WriteFolder(Path.Combine(Dir, "inbox"));

        var withoutRates = await CliRunner.RunAsync("analyze", folder, "--currency", "EUR", "--all");
        Assert.Equal(3, withoutRates.Exit);
        Assert.Contains("d-sales.csv:3: 2 lines in another currency than EUR", withoutRates.Error, StringComparison.Ordinal);
        Assert.Contains("--rates FILE", withoutRates.Error, StringComparison.Ordinal);

        var run = await CliRunner.RunAsync("analyze", folder, "--currency", "eur", "--rates", Write("rates.csv", CurrencySamples.RatesTable), "--all", "--format", "json");

        Assert.True(run.Exit == 0, run.Error);
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(("EUR", CurrencySamples.TotalEuroCents / 100m, CurrencySamples.ConvertedLines),
            (report.GetProperty("currency").GetString(), report.GetProperty("totalRevenue").GetDecimal(), report.GetProperty("convertedLines").GetInt32()));
    }

    [Fact]
    public async Task Analyze_OneCurrency_ReportsIt_WithNothingConverted()
    {
        var usd = Write("usd.csv", "invoice,date,customer,amount,currency\nU-1,2026-02-01,NY Deli,100.00,USD\nU-2,2026-02-02,Boston,50.00,USD\n");

        var run = await CliRunner.RunAsync("analyze", usd, "--all", "--format", "json");

        Assert.True(run.Exit == 0, run.Error);
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(("USD", 150m, 0), (report.GetProperty("currency").GetString(), report.GetProperty("totalRevenue").GetDecimal(), report.GetProperty("convertedLines").GetInt32()));
    }
}
