using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Accounts;

/// <summary>
/// The capacity and the workload in Chromium on a 390 px phone in Spanish, over <see cref="TeamServer"/> (C1 owned by
/// KAM 1, C2 by KAM 2; two KAMs): the Director sets one key account per KAM on the settings page (a 0 is refused next
/// to its field), the customers page then shows the team full and the customers over capacity, and the workload page,
/// reached from the members page, lists both owners by name. A Viewer, who owns nothing, sees no one's load.
/// </summary>
public sealed class WorkloadBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    [Fact]
    public async Task Phone_Spanish_CapacityOnSettings_CustomersShowOverCapacity_WorkloadByName()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/settings/key-accounts", TeamServer.Director, KaminoTestServer.Password);

        await Expect(page.GetByTestId("kam-capacity")).ToHaveValueAsync("15");
        await page.GetByTestId("kam-capacity").FillAsync("0");
        await page.GetByTestId("save-settings").ClickAsync();
        await Expect(page.GetByTestId("kam-capacity-error")).ToHaveTextAsync("Indique un número entero de 1 a 1000.");
        await page.GetByTestId("kam-capacity").FillAsync("1");
        await page.GetByTestId("suggest").FillAsync("0");
        await page.GetByTestId("save-settings").ClickAsync();
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kam-capacity")).ToHaveValueAsync("1");
        await Support.Browser.AssertFitsTheScreenAsync(page, "workload-settings-phone.png");

        // 1 per KAM × 2 KAMs = 2, taken by C1 and C2: C3 and C4 meet the rule (threshold 0) but the team has no room.
        await page.GotoAsync(new Uri(fixture.Server.Address, "w/acme/customers").ToString());
        await page.Locator("[data-testid=accounts-grid][data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("capacity-line")).ToContainTextAsync("Capacidad del equipo: 1 por KAM × 2 KAM = 2; 2 cuentas clave designadas, hueco para 0 sugerencias.");
        await Expect(page.GetByTestId("over-capacity-line")).ToHaveTextAsync("2 clientes más también cumplen los criterios, por encima de la capacidad del equipo.");
        await Expect(page.GetByTestId("suggested-count")).ToHaveTextAsync("0");
        await page.GetByTestId("list-over-capacity").ClickAsync();
        await Expect(page.Locator("[data-testid=accounts-grid] tr[data-customer]")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("over-capacity-badge")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("over-capacity-badge").First).ToHaveTextAsync("También cumple");
        await Support.Browser.AssertFitsTheScreenAsync(page, "workload-customers-phone.png");

        await page.GotoAsync(new Uri(fixture.Server.Address, "w/acme/members").ToString());
        await page.GetByTestId("workload-link").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Carga de trabajo");
        await Expect(page.GetByTestId("workload-row")).ToHaveCountAsync(2);
        var names = await page.GetByTestId("owner-name").AllTextContentsAsync();
        Assert.All(names, n => Assert.DoesNotContain("@", n, StringComparison.Ordinal));
        await Expect(page.GetByTestId("workload-summary")).ToContainTextAsync("2 cuentas clave, 0 sin responsable; un KAM puede atender 1.");
        await Expect(page.GetByTestId("over-capacity-hint")).ToHaveCountAsync(0); // one key account each: at the capacity, not over it
        await Support.Browser.AssertFitsTheScreenAsync(page, "workload-phone.png");

        await using var viewerContext = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var viewer = await viewerContext.NewPageAsync();
        await Support.Browser.SignInAsync(viewer, fixture.Server.Address, "w/acme/team/workload", TeamServer.Viewer, KaminoTestServer.Password);
        await Expect(viewer.GetByTestId("own-row-only")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("no-owners")).ToContainTextAsync("No es responsable de ninguna cuenta clave");
        await Expect(viewer.GetByTestId("workload")).ToHaveCountAsync(0);
    }
}
