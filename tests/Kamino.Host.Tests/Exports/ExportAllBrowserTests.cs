using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Exports;

/// <summary>
/// The whole-workspace download in the browser, in Spanish on a phone (390 px): a Director finds it on the exports page and
/// gets the zip; a KAM's exports page does not offer it.
/// </summary>
public sealed class ExportAllBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    [Fact]
    public async Task Director_OnAPhoneInSpanish_DownloadsTheWholeWorkspace()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/exports", TeamServer.Director, KaminoTestServer.Password);

        await Expect(page.Locator("#export-all-title")).ToHaveTextAsync("Todo, para llevarlo a otra parte");
        await Support.Browser.AssertFitsTheScreenAsync(page, "export-all-phone.png");
        var link = page.GetByTestId("export-all");
        await Expect(link).ToHaveTextAsync("Descargar todo (.zip)");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

        Assert.Equal($"acme-all-{TeamServer.Today:yyyy-MM-dd}.zip", download.SuggestedFilename);
        var files = ExportAllApiTests.Unzip(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Contains("manifest.json", files.Keys);
        Assert.Contains("C1", System.Text.Encoding.UTF8.GetString(files["customer.csv"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kam_ExportsPage_DoesNotOfferTheWholeWorkspace()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/exports", TeamServer.Kam1, KaminoTestServer.Password);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Exportaciones e informes");
        await Expect(page.GetByTestId("export-all")).ToHaveCountAsync(0);
    }
}
