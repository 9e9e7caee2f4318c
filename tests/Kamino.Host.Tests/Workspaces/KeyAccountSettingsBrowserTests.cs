using System.Text.RegularExpressions;
using Kamino.Customers;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.Workspaces;

/// <summary>
/// The key-account settings page in a real browser over <see cref="TeamServer"/> (in the 12 months up to
/// 2024-06-30: C1 600, C2 250, C3 100, C4 50, so C3 ranks 3 of 4 and its revenue score is 1 − 2/4 = 0.5).
/// Before each test the settings are back at their defaults (α 0.7, suggestion 0.6, t_A 0.8, t_B 0.95, every
/// weight 1) and C3 is rated brand 5 and contacts 1: intangible (5 + 1) / (5 × 2) = 0.6, score
/// 0.7 × 0.5 + 0.3 × 0.6 = 0.53.
/// </summary>
public abstract partial class KeyAccountSettingsBrowserTests(TeamServer fixture) : ChromiumTests
{
    private const string Page = "w/acme/settings/key-accounts";


    public override async Task InitializeAsync()
    {
        await using (var db = fixture.Db())
        {
            var ws = await db.Workspaces.SingleAsync(w => w.Slug == TeamServer.Slug);
            (ws.Alpha, ws.SuggestThreshold, ws.ThresholdA, ws.ThresholdB) = (0.7m, 0.6m, 0.8m, 0.95m);
            await db.SaveChangesAsync();
            foreach (var key in new[] { "brand", "contacts" })
            {
                Assert.True((await Criteria.SetAsync(db, ws.Id, key, 1m, null, null, TimeProvider.System)).Succeeded);
            }

            var c3 = await db.Customers.SingleAsync(c => c.WorkspaceId == ws.Id && c.Key == "C3");
            if (!await db.Ratings.AnyAsync(r => r.WorkspaceId == ws.Id && r.CustomerId == c3.Id))
            {
                var rated = await Ratings.RateAsync(db, ws.Id, c3.Id, new Dictionary<string, int> { ["brand"] = 5, ["contacts"] = 1 }, null,
                    await fixture.UserIdAsync(TeamServer.Director), TimeProvider.System);
                Assert.True(rated.Succeeded, rated.Problem);
            }
        }

        await base.InitializeAsync();
    }

    [Fact]
    public async Task Director_ChangesAlphaAndAWeight_TheCustomerPageAndListShowTheNewScore()
    {
        var page = await NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C3", TeamServer.Director, KaminoTestServer.Password);
        await Expect(page.GetByTestId("account-score")).ToHaveTextAsync("0.53");

        await page.GetByTestId("nav-settings").ClickAsync();
        await page.WaitForURLAsync(new Regex("/w/acme/settings/key-accounts$"));
        await Expect(page.GetByTestId("alpha")).ToHaveValueAsync("0.7");
        await page.GetByTestId("alpha").FillAsync("0.5");
        await page.GetByTestId("save-settings").ClickAsync();

        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("Settings saved. Classes, scores and suggestions now use them.");
        await Expect(page.GetByTestId("alpha")).ToHaveValueAsync("0.5");

        var brand = page.Locator("[data-testid=criteria] tr[data-criterion=brand]");
        await brand.GetByTestId("criterion-weight").FillAsync("3");
        await page.GetByTestId("save-criteria").ClickAsync();

        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("Criteria saved. Intangible scores now use the new weights.");
        await Expect(brand.GetByTestId("criterion-weight")).ToHaveValueAsync("3");
        // Weights 3, 1, 1, 1, 1: brand carries 3/7 of the intangible score of a customer rated on all five.
        await Expect(brand.GetByTestId("criterion-share")).ToHaveTextAsync("42.9%");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "key-account-settings.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        // Intangible (3 × 5 + 1 × 1) / (5 × (3 + 1)) = 0.8; score 0.5 × 0.5 + 0.5 × 0.8 = 0.65.
        await page.GotoAsync(new Uri(fixture.Server.Address, "w/acme/accounts/C3").ToString());
        await Expect(page.GetByTestId("intangible-score")).ToHaveTextAsync("0.80");
        await Expect(page.GetByTestId("revenue-part")).ToHaveTextAsync("0.2500");
        await Expect(page.GetByTestId("intangible-part")).ToHaveTextAsync("0.4000");
        await Expect(page.GetByTestId("account-score")).ToHaveTextAsync("0.65");

        await page.GetByTestId("nav-customers").ClickAsync();
        await page.WaitForURLAsync(new Regex("/w/acme/customers$"));
        await Expect(page.Locator("[data-testid=accounts-grid] tr[data-customer='C3']").GetByTestId("score")).ToHaveTextAsync("0.65");
        // C4, not rated, rank 4 of 4: 0.5 × 0.25.
        await Expect(page.Locator("[data-testid=accounts-grid] tr[data-customer='C4']").GetByTestId("score")).ToHaveTextAsync("0.13");

        var (settings, weights) = await StoredAsync();
        Assert.Equal(0.5m, settings.Alpha);
        Assert.Equal(3m, weights["brand"]);
        Assert.Equal(1m, weights["contacts"]);
    }

    [Fact]
    public async Task Director_InvalidValues_SeesEachErrorByItsField_AndNothingIsStored()
    {
        var before = await StoredAsync();
        var audits = await AuditCountAsync();
        var page = await NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, Page, TeamServer.Director, KaminoTestServer.Password);

        await page.GetByTestId("alpha").FillAsync("1.5");
        await page.GetByTestId("threshold-a").FillAsync("0.9");
        await page.GetByTestId("threshold-b").FillAsync("0.8");
        await page.GetByTestId("suggest").FillAsync("0.4");
        await page.GetByTestId("save-settings").ClickAsync();

        await Expect(page.GetByTestId("alpha-error")).ToHaveTextAsync("The weight of revenue must be between 0 and 1, for example 0.7.");
        await Expect(page.GetByTestId("threshold-b-error")).ToHaveTextAsync("The class B threshold (0.80) cannot be below the class A threshold (0.90): class B comes after class A.");
        await Expect(page.GetByTestId("problem")).ToContainTextAsync("Not saved");
        Assert.Equal(0, await page.GetByTestId("suggest-error").CountAsync());
        Assert.Equal(0, await page.GetByTestId("threshold-a-error").CountAsync());
        // What the director typed stays, to be corrected.
        await Expect(page.GetByTestId("alpha")).ToHaveValueAsync("1.5");
        await Expect(page.GetByTestId("alpha")).ToHaveAttributeAsync("aria-invalid", "true");

        // One weight out of range refuses the whole form: the valid change of another criterion is not stored either.
        await page.GotoAsync(new Uri(fixture.Server.Address, Page).ToString());
        await page.Locator("[data-testid=criteria] tr[data-criterion=contacts]").GetByTestId("criterion-weight").FillAsync("2");
        await page.Locator("[data-testid=criteria] tr[data-criterion=brand]").GetByTestId("criterion-weight").FillAsync("5000");
        await page.GetByTestId("save-criteria").ClickAsync();

        await Expect(page.Locator("[data-testid=criteria] tr[data-criterion=brand]").GetByTestId("criterion-error")).ToContainTextAsync("weight");
        Assert.Equal(0, await page.Locator("[data-testid=criteria] tr[data-criterion=contacts]").GetByTestId("criterion-error").CountAsync());

        // Too few tiers.
        await page.GotoAsync(new Uri(fixture.Server.Address, Page).ToString());
        await page.GetByTestId("tier-2").FillAsync("");
        await page.GetByTestId("save-settings").ClickAsync();
        await Expect(page.GetByTestId("tiers-error")).ToContainTextAsync("2 to 5 tiers");

        var after = await StoredAsync();
        Assert.Equal(before.Settings, after.Settings);
        Assert.Equal(before.Weights, after.Weights);
        Assert.Equal(audits, await AuditCountAsync());
    }

    [Fact]
    public async Task Director_InvalidPost_Answers400_AndChangesNothing()
    {
        var before = await StoredAsync();
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);

        using var refused = await Forms.PostAsync(director, Page, "settings", new()
        {
            ["alpha"] = "0.7", ["suggest"] = "0.6", ["threshold-a"] = "0.8", ["threshold-b"] = "0.95",
            ["tier-1"] = "Key", ["tier-2"] = "Key", ["tier-3"] = "", ["tier-4"] = "", ["tier-5"] = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("tier names must differ", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Kam_SeesTheValuesReadOnly_WithoutAFormOrALink_AndAForgedSaveIsRefused()
    {
        var before = await StoredAsync();
        var page = await NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, Page, TeamServer.Kam1, KaminoTestServer.Password);

        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("alpha-value")).ToHaveTextAsync("0.70");
        await Expect(page.GetByTestId("threshold-b-value")).ToHaveTextAsync("0.95");
        await Expect(page.Locator("[data-testid=tiers] li[data-key=true]")).ToHaveTextAsync(new Regex("^\\s*Key"));
        await Expect(page.Locator("[data-testid=criteria] tr[data-criterion=brand]").GetByTestId("criterion-weight")).ToHaveTextAsync("1");
        Assert.Equal(0, await page.GetByTestId("settings-form").CountAsync());
        Assert.Equal(0, await page.GetByTestId("criteria-form").CountAsync());
        Assert.Equal(0, await page.Locator("input[name=alpha]").CountAsync());
        Assert.Equal(0, await page.GetByTestId("nav-settings").CountAsync());

        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);
        var html = await kam.GetStringAsync(Page);
        foreach (var (form, fields) in new[]
        {
            ("settings", new Dictionary<string, string> { ["alpha"] = "0.1", ["suggest"] = "0.6", ["threshold-a"] = "0.8", ["threshold-b"] = "0.95", ["tier-1"] = "Key", ["tier-2"] = "Standard" }),
            ("criteria", new Dictionary<string, string> { ["weight-brand"] = "9", ["name-brand"] = "Brand image" }),
        })
        {
            fields["__RequestVerificationToken"] = AntiforgeryToken(html);
            fields["_handler"] = form;
            using var forged = await kam.PostAsync(Page, new FormUrlEncodedContent(fields));
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"{form}: {(int)forged.StatusCode}");
        }

        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Director_InSpanish_SeesTheErrorInSpanish()
    {
        var page = await NewPageAsync("es-ES");
        await Support.Browser.SignInAsync(page, fixture.Server.Address, Page, TeamServer.Director, KaminoTestServer.Password);

        await page.GetByTestId("suggest").FillAsync("-0.1");
        await page.GetByTestId("save-settings").ClickAsync();

        await Expect(page.GetByTestId("suggest-error")).ToHaveTextAsync("El umbral de sugerencia debe estar entre 0 y 1, por ejemplo 0,6.");
        Assert.Equal(0.6m, (await StoredAsync()).Settings.SuggestThreshold);
    }

    private sealed record StoredSettings(decimal Alpha, decimal SuggestThreshold, decimal ThresholdA, decimal ThresholdB, string Tiers);

    private async Task<(StoredSettings Settings, SortedDictionary<string, decimal> Weights)> StoredAsync()
    {
        await using var db = fixture.Db();
        var ws = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Slug == TeamServer.Slug);
        var tiers = string.Join(",", await db.Tiers.Where(t => t.WorkspaceId == ws.Id).OrderBy(t => t.Rank).Select(t => t.Name).ToListAsync());
        var weights = await db.Criteria.Where(c => c.WorkspaceId == ws.Id).ToDictionaryAsync(c => c.Key, c => c.Weight);
        return (new StoredSettings(ws.Alpha, ws.SuggestThreshold, ws.ThresholdA, ws.ThresholdB, tiers), new SortedDictionary<string, decimal>(weights, StringComparer.Ordinal));
    }

    private async Task AssertUnchangedAsync((StoredSettings Settings, SortedDictionary<string, decimal> Weights) before)
    {
        var after = await StoredAsync();
        Assert.Equal(before.Settings, after.Settings);
        Assert.Equal(before.Weights, after.Weights);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = fixture.Db();
        return await db.AuditEntries.CountAsync();
    }

    private static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on the page"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        return await context.NewPageAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary><see cref="KeyAccountSettingsBrowserTests"/> on SQLite.</summary>
public sealed class SqliteKeyAccountSettingsBrowserTests(TeamServer fixture) : KeyAccountSettingsBrowserTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="KeyAccountSettingsBrowserTests"/> on PostgreSQL.</summary>
public sealed class PostgresKeyAccountSettingsBrowserTests(PostgresTeamServer fixture) : KeyAccountSettingsBrowserTests(fixture), IClassFixture<PostgresTeamServer>;
