using Kamino.Host.Tests.Analysis;
using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Currencies;

/// <summary>A Director on a phone, in Spanish: sees the demo's rates, imports a rates file, and sees a bad one refused with its line.</summary>
[Trait("Category", "Slow")]
public sealed class RatesBrowserTests(DemoServer fixture) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task Director_ImportsARatesFile_AndSeesTheTable()
    {
        await using var context = await Support.Browser.PhoneAsync(fixture.Browser, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/demo/settings/key-accounts", DemoServer.Director, fixture.Passwords[DemoServer.Director]);
        await page.GetByTestId("rates-link").GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/settings/rates$"));

        await Expect(page.Locator("h1")).ToHaveTextAsync("Tipos de cambio");
        await Expect(page.Locator("[data-testid=rates-table] tr[data-currency=USD]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=rates-table] tr[data-currency=JPY]")).ToHaveCountAsync(0);

        await page.GetByTestId("rates-file").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "ecb.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(CurrencySamples.RatesEcb),
        });
        await page.GetByTestId("rates-submit").ClickAsync();
        await Expect(page.GetByTestId("rates-imported")).ToContainTextAsync("Tipos importados: 5 nuevos");
        await Expect(page.Locator("[data-testid=rates-table] tr[data-currency=JPY] [data-testid=latest-rate]")).ToHaveTextAsync("160,5");
        await Support.Browser.AssertFitsTheScreenAsync(page, "rates-phone.png");

        await page.GetByTestId("rates-file").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("date,currency,rate\n2026-01-01,CHF,abc\n"),
        });
        await page.GetByTestId("rates-submit").ClickAsync();
        await Expect(page.GetByTestId("rates-refused")).ToContainTextAsync("línea 2: «abc» no es un tipo de cambio positivo (unidades de CHF por 1 EUR, con punto decimal)");
        await Expect(page.Locator("[data-testid=rates-table] tr[data-currency=CHF]")).ToHaveCountAsync(0);
    }
}
