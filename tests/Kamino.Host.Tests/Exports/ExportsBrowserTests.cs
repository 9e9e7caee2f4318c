using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Exports;

/// <summary>
/// The downloads in the browser, in Spanish on a phone (390 px): the dashboard links to the portfolio report and the
/// exports page, whose links download the files a KAM may see (their key accounts only under "Mis cuentas clave").
/// </summary>
public sealed class ExportsBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    [Fact]
    public async Task Kam_OnAPhoneInSpanish_DownloadsTheReportAndTheLists()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme", TeamServer.Kam1, KaminoTestServer.Password);

        var report = page.GetByTestId("portfolio-report");
        await Expect(report).ToHaveTextAsync("Informe de cartera (PDF)");
        var pdf = await page.RunAndWaitForDownloadAsync(() => report.ClickAsync());
        Assert.Equal($"acme-portfolio-{TeamServer.Today:yyyy-MM-dd}.pdf", pdf.SuggestedFilename);
        Assert.Contains("Informe de cartera", await PdfTools.TextAsync(await File.ReadAllBytesAsync((await pdf.PathAsync())!)), StringComparison.Ordinal);

        await page.GetByTestId("exports-link").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/w/acme/exports$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Exportaciones e informes");
        await Support.Browser.AssertFitsTheScreenAsync(page, "exports-phone.png");

        var customers = page.Locator("[data-export=customers]");
        await Expect(customers.GetByTestId("csv")).ToHaveTextAsync("Descargar CSV");
        var csv = await page.RunAndWaitForDownloadAsync(() => customers.GetByTestId("csv").ClickAsync());
        Assert.Equal($"acme-customers-{TeamServer.Today:yyyy-MM-dd}.csv", csv.SuggestedFilename);
        var csvRows = ExportsApiTests.Csv(await File.ReadAllBytesAsync((await csv.PathAsync())!));
        Assert.Equal("Clave", csvRows[0][1]); // headers in the page's language
        Assert.Contains(csvRows, r => r[1] == "C1");

        var mine = page.Locator("[data-export=key-accounts-mine]");
        await Expect(mine.GetByTestId("xlsx")).ToHaveTextAsync("Descargar Excel");
        var xlsx = await page.RunAndWaitForDownloadAsync(() => mine.GetByTestId("xlsx").ClickAsync());
        Assert.Equal($"acme-key-accounts-{TeamServer.Today:yyyy-MM-dd}.xlsx", xlsx.SuggestedFilename);
        var rows = ExportsApiTests.Sheet(await File.ReadAllBytesAsync((await xlsx.PathAsync())!));
        Assert.Equal(["C1"], rows.Select(r => (string?)r["Clave"]));

        await page.Locator("#export-customer").FillAsync("C1");
        var activities = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("activities-xlsx").ClickAsync());
        Assert.Equal($"acme-activities-{TeamServer.Today:yyyy-MM-dd}.xlsx", activities.SuggestedFilename);
    }
}
