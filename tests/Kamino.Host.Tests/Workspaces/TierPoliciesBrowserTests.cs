using System.Text.RegularExpressions;
using Kamino.Customers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Workspaces;

/// <summary>The "Tier policies" section of the key-account settings page in a real browser on a phone (390 px wide), in Spanish.</summary>
public sealed class TierPoliciesBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    private const string Page = "w/acme/settings/key-accounts";

    [Fact]
    public async Task Director_OnAPhone_SetsACadenceForTheLowestTier_SeesItSaved_NothingOverflows()
    {
        var page = await PhoneAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, Page, TeamServer.Director, KaminoTestServer.Password);

        var standard = page.Locator("[data-testid=tier-policies-form] fieldset[data-tier=Standard]");
        await Expect(standard.GetByTestId("policy-2-checkin")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("policy-1-checkin")).ToHaveValueAsync("30");
        await standard.GetByTestId("policy-2-checkin").FillAsync("90");
        await standard.GetByTestId("policy-channel").SelectOptionAsync("Visit");
        await Assert390Async(page);
        await page.GetByTestId("save-tier-policies").ClickAsync();

        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("Políticas por nivel guardadas.");
        await Expect(page.GetByTestId("policy-2-checkin")).ToHaveValueAsync("90");
        await using var db = fixture.Db();
        var ws = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        Assert.Equal(new TierPolicy(90, TierChannel.Visit, 0m, 5m, 2, 72), (await Tiers.PoliciesAsync(db, ws))[1].Policy);

        // A wrong value is shown by its field, in Spanish.
        await page.GetByTestId("policy-1-priority").FillAsync("0");
        await page.GetByTestId("save-tier-policies").ClickAsync();
        await Expect(page.GetByTestId("policy-1-priority-error")).ToHaveTextAsync("Un número entero de 1 (la más alta) a 100.");
        await Assert390Async(page);
    }

    [Fact]
    public async Task Viewer_OnAPhone_SeesEveryTierReadOnly()
    {
        var page = await PhoneAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, Page, TeamServer.Viewer, KaminoTestServer.Password);

        await Expect(page.GetByTestId("tier-policies")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("tier-policies-form").CountAsync());
        await Expect(page.Locator("[data-testid=tier-policies] [data-tier=Key]").GetByTestId("policy-discount")).ToHaveTextAsync(new Regex("^5–15 %$"));
        await Assert390Async(page);
    }

    private async Task<IPage> PhoneAsync()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "es-ES", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        return await context.NewPageAsync();
    }

    /// <summary>The page does not scroll sideways on a 390 px screen.</summary>
    private static async Task Assert390Async(IPage page) =>
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the page is wider than 390 px");
}
