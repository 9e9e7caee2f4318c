using System.Text.RegularExpressions;
using Kamino.Host.Tests.Analysis;
using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Workspaces;

/// <summary>A Director on a phone, in Spanish: records the business's tax ids on the settings page, then creates a workspace from the web.</summary>
[Trait("Category", "Slow")]
public sealed partial class WorkspaceProfileBrowserTests(DemoServer fixture) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task Director_RecordsTaxIds_ThenCreatesAWorkspace_WithoutTheCli()
    {
        await using var context = await Support.Browser.PhoneAsync(fixture.Browser, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/demo/settings/key-accounts", DemoServer.Director, fixture.Passwords[DemoServer.Director]);

        await Expect(page.GetByTestId("no-tax-ids")).ToContainTextAsync("también las de compra");
        await Expect(page.GetByTestId("workspace-currency")).ToHaveAttributeAsync("readonly", "");
        await page.GetByTestId("workspace-tax-ids").FillAsync("ES-B12345678\nnot/valid");
        await page.GetByTestId("save-workspace").ClickAsync();
        await Expect(page.GetByTestId("workspace-taxids-error")).ToContainTextAsync("«not/valid» no es un NIF");
        await page.GetByTestId("workspace-tax-ids").FillAsync("ES-B12345678");
        await page.GetByTestId("save-workspace").ClickAsync();
        await Expect(page.GetByTestId("workspace-saved")).ToContainTextAsync("Se han guardado");
        await Expect(page.GetByTestId("workspace-tax-ids")).ToHaveValueAsync("ESB12345678");
        await Expect(page.GetByTestId("no-tax-ids")).ToHaveCountAsync(0);
        await Support.Browser.AssertFitsTheScreenAsync(page, "workspace-settings-phone.png");

        await page.Locator("[data-testid=workspace-switcher] summary").ClickAsync();
        await page.GetByTestId("new-workspace").ClickAsync();
        await page.WaitForURLAsync(new Regex("/workspaces/new$"));
        await page.GetByTestId("new-workspace-name").FillAsync("Voltia Portugal");
        await page.GetByTestId("new-workspace-slug").FillAsync("demo");
        await page.GetByTestId("new-workspace-currency").FillAsync("EUR");
        await page.GetByTestId("create-workspace").ClickAsync();
        await Expect(page.GetByTestId("new-workspace-slug-error")).ToContainTextAsync("Ya existe un espacio de trabajo «demo»");
        await page.GetByTestId("new-workspace-slug").FillAsync("voltia-pt");
        await page.GetByTestId("create-workspace").ClickAsync();

        await page.WaitForURLAsync(new Regex("/w/voltia-pt/settings/key-accounts\\?workspace=created$"));
        await Expect(page.GetByTestId("workspace-saved")).ToContainTextAsync("Voltia Portugal");
        await Expect(page.GetByTestId("current-workspace")).ToHaveTextAsync("Voltia Portugal");
        await Support.Browser.AssertFitsTheScreenAsync(page, "workspace-created-phone.png");
    }
}
