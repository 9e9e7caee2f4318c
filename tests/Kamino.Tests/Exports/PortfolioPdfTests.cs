using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Exports;
using Kamino.Health;

namespace Kamino.Tests.Exports;

/// <summary>The portfolio PDF read back with poppler (<see cref="PdfTools"/>): its figures, its key accounts over several pages, its language.</summary>
public sealed class PortfolioPdfTests
{
    [Fact]
    public async Task Render_ManyKeyAccounts_RunOverPages_EachWithTheTableHeaderAndAPageNumber()
    {
        var report = Report(keyAccounts: 90);
        var pdf = PortfolioPdf.Render(report, PortfolioPdfLabels.English);
        var pages = await PdfTools.PagesAsync(pdf);
        Assert.True(pages >= 3, $"{pages} pages");
        var text = await PdfTools.TextAsync(pdf);
        foreach (var expected in new[] { "Portfolio report", "Voltia Motos", "01/01/2026 – 31/12/2026", "Total revenue: 1,000.00 EUR", "Customers: 4",
            "Pareto chart", "ABC classes", "Concentration", "Top customer", "40.0 %", "Key accounts (90)", "Account 89 (K89)", "Owner 89", "never contacted", $"Page {pages} of {pages}" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal(pages, text.Split('\f').Count(p => p.Contains("Next check-in", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Render_InSpanish_SpanishWordsAndNumbers()
    {
        var text = await PdfTools.TextAsync(PortfolioPdf.Render(Report(keyAccounts: 1), PortfolioPdfLabels.For("es-ES")));
        foreach (var expected in new[] { "Informe de cartera", "Facturación total: 1.000,00 EUR", "Clases ABC", "Concentración", "Primer cliente", "40,0 %", "Cuentas clave (1)", "sin contacto", "Página 1 de 1" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Key accounts", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoSalesNoKeyAccounts_SaysSo()
    {
        var empty = new ParetoReport(new PeriodDto(null, null), "EUR", 0, 0, 0, null, null, 0.8m, new ClassCountsDto(0, 0, 0), new ClassRevenueDto(0, 0, 0), null,
            "No sales in this period.", 0, []);
        var text = await PdfTools.TextAsync(PortfolioPdf.Render(new PortfolioReport("Empty Co", empty, [], new DateOnly(2026, 12, 4)), PortfolioPdfLabels.English));
        Assert.Contains("Period: no sales", text, StringComparison.Ordinal);
        Assert.Contains("No sales in this period.", text, StringComparison.Ordinal);
        Assert.Contains("No key accounts yet.", text, StringComparison.Ordinal);
    }

    private static PortfolioReport Report(int keyAccounts)
    {
        RankedCustomerDto[] customers =
        [
            new(1, "K0", "Account 0", 400m, 0.4m, 0.4m, true, AbcClass.A),
            new(2, "K1", "Account 1", 300m, 0.3m, 0.7m, true, AbcClass.A),
            new(3, "K2", "Account 2", 200m, 0.2m, 0.9m, true, AbcClass.B),
            new(4, "K3", "Account 3", 100m, 0.1m, 1.0m, false, AbcClass.C),
        ];
        var pareto = new ParetoReport(new PeriodDto(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), "EUR", 1000m, 4, 3, 0.75m, 0.9m, 0.8m,
            new ClassCountsDto(2, 1, 1), new ClassRevenueDto(700m, 200m, 100m), new ConcentrationDto(0.4m, 1m, 1m, 3000m, 3.33m), null, 4, customers);
        var accounts = Enumerable.Range(0, keyAccounts).Select(i =>
        {
            var signals = new AccountSignals(i, $"K{i}", $"Account {i}", "Key", 30, new CadenceState(null, null, CheckinStatus.NeverContacted, 0), null, null, null, null, null, null,
                new RevenueSums(0, 0, 0, false), 0, $"u{i}", $"owner{i}@x.test", $"Owner {i}");
            return new AccountHealthRow(signals, signals.HealthWith(HealthWeights.Default));
        }).ToList();
        return new PortfolioReport("Voltia Motos", pareto, accounts, new DateOnly(2026, 12, 4));
    }
}
