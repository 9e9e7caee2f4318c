using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Kamino.Host.Tests.Customers.AccountsGridPage;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// Deciding key accounts in a real browser over <see cref="TeamServer"/> (in the 12 months up to 2024-06-30:
/// C1 600 and C2 250, class A and key accounts; C3 100, class B; C4 50, class C; before that, C4 1,000).
/// Workspace <c>acme</c>'s suggestion threshold is lowered to 0.30 here, so that C3 (revenue score
/// 1 − 2/4 = 0.5, score 0.7 × 0.5 = 0.35) is suggested without being designated.
/// </summary>
public abstract class KeyAccountsBrowserTests(TeamServer fixture) : ChromiumTests
{

    public override async Task InitializeAsync()
    {
        await using (var db = fixture.Db())
        {
            (await db.Workspaces.SingleAsync(w => w.Slug == TeamServer.Slug)).SuggestThreshold = 0.30m;
            await db.SaveChangesAsync();
        }

        await base.InitializeAsync();
    }

    [Fact]
    public async Task Director_FiltersSuggested_RatesAndDesignatesACustomer_SeesHistoryAndKeyBadgeInTheList()
    {
        var page = await NewPageAsync(Chromium);
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/customers", TeamServer.Director, KaminoTestServer.Password);
        await WaitForGridAsync(page);

        // Suggested: class A (C1, C2) or score ≥ 0.30 (C3); C4 scores 0.7 × 0.25 = 0.175.
        await page.GetByTestId("filter-suggested").CheckAsync();
        await Expect(Rows(page)).ToHaveCountAsync(3);
        await Expect(Row(page, "C4")).ToHaveCountAsync(0);

        // The list to act on: suggested but not designated is C3 alone.
        await page.GetByTestId("list-suggested").ClickAsync();
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await Expect(Row(page, "C3")).ToContainTextAsync("Gamma Tours");
        await Expect(Row(page, "C3").GetByTestId("key-account-badge")).ToHaveCountAsync(0);

        await Row(page, "C3").GetByTestId("customer-link").ClickAsync();
        await page.WaitForURLAsync(new Regex("/w/acme/accounts/C3$"));
        await Expect(page.GetByTestId("intangible-score")).ToHaveTextAsync("not rated");
        await Expect(page.GetByTestId("account-score")).ToHaveTextAsync("0.35");
        await Expect(page.GetByTestId("not-rated")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=revenue-chart] svg").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Brand 5 and contacts 4 at weight 1 each: intangible (5 + 4) / (5 × 2) = 0.9; score 0.35 + 0.3 × 0.9 = 0.62.
        await page.GetByTestId("rate-brand").SelectOptionAsync("5");
        await page.GetByTestId("rate-contacts").SelectOptionAsync("4");
        await page.GetByTestId("rating-note").FillAsync("Every tour operator in town knows them");
        await page.GetByTestId("rate").ClickAsync();

        await Expect(page.GetByTestId("intangible-score")).ToHaveTextAsync("0.90");
        await Expect(page.GetByTestId("account-score")).ToHaveTextAsync("0.62");
        await Expect(page.GetByTestId("intangible-part")).ToHaveTextAsync("0.2700");
        await Expect(page.GetByTestId("revenue-part")).ToHaveTextAsync("0.3500");
        await Expect(page.GetByTestId("score-total")).ToHaveTextAsync("0.6200");
        var brand = page.Locator("[data-testid=criteria-parts] tr[data-criterion=brand]");
        await Expect(brand.GetByTestId("criterion-rating")).ToHaveTextAsync("5");
        await Expect(brand).ToContainTextAsync("Every tour operator in town knows them");
        await Expect(page.Locator("[data-testid=criteria-parts] tr[data-criterion=fit]").GetByTestId("criterion-rating")).ToHaveTextAsync("not rated");

        await page.GetByTestId("tier").SelectOptionAsync("Key");
        await page.GetByTestId("reason").FillAsync("Brings us the tour operators");
        await page.GetByTestId("designate").ClickAsync();

        await Expect(page.GetByTestId("key-account-badge")).ToBeVisibleAsync();
        var latest = page.Locator("[data-testid=designations] tbody tr").First;
        await Expect(latest.GetByTestId("designation-to")).ToHaveTextAsync("Key");
        await Expect(latest.GetByTestId("designation-from")).ToHaveTextAsync("–");
        await Expect(latest.GetByTestId("designation-reason")).ToHaveTextAsync("Brings us the tour operators");
        await Expect(latest.GetByTestId("designation-by")).ToHaveTextAsync(TeamServer.Director);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "account-designated.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        await page.GetByTestId("nav-customers").ClickAsync();
        await page.WaitForURLAsync(new Regex("/w/acme/customers$"));
        await WaitForGridAsync(page);
        await Expect(Row(page, "C3").GetByTestId("key-account-badge")).ToHaveTextAsync("Key");
        await Expect(page.GetByTestId("suggested-count")).ToHaveTextAsync("0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "customers.png"), Animations = ScreenshotAnimations.Disabled });

        await using var db = fixture.Db();
        var c3 = await db.Customers.SingleAsync(c => c.Key == "C3");
        Assert.True(c3.IsKeyAccount);
        Assert.Equal(2, await db.Ratings.CountAsync(r => r.CustomerId == c3.Id && r.WorkspaceId == c3.WorkspaceId));
    }

    [Fact]
    public async Task Viewer_SeesTheScoreExplained_ButNoRatingOrDesignationForm()
    {
        var page = await NewPageAsync(Chromium);
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C4", TeamServer.Viewer, KaminoTestServer.Password);

        await Expect(page.GetByTestId("score-parts")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("criteria-parts")).ToBeVisibleAsync();
        await Expect(page.Locator("#designation-title")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("rating-form").CountAsync());
        Assert.Equal(0, await page.GetByTestId("designation-form").CountAsync());
        Assert.Equal(0, await page.GetByTestId("undesignation-form").CountAsync());
        Assert.Equal(0, await page.GetByTestId("referral-form").CountAsync());
    }

    [Fact]
    public async Task ComparePage_ShowsTheMigrationTable_AndTheEditablePeriods()
    {
        var page = await NewPageAsync(Chromium);
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/analysis/compare", TeamServer.Director, KaminoTestServer.Password);

        // Current 2023-07-01..2024-06-30, previous 2022-07-01..2023-06-30 (only C4, 1,000: class A then, C now).
        await Expect(page.GetByTestId("from")).ToHaveValueAsync("2023-07-01");
        await Expect(page.GetByTestId("vs-to")).ToHaveValueAsync("2023-06-30");
        var down = page.Locator("[data-testid=migrations] tr[data-from=A][data-to=C]");
        await Expect(down.GetByTestId("migration-count")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=migrations] tr[data-from=New][data-to=A]").GetByTestId("migration-count")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("new-count")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("lost-count")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-testid=customer-changes] tr[data-customer=C4]")).ToContainTextAsync("-€950.00");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "compare.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        // Both periods moved back a year: the previous one has no sales, so C4 is new there too.
        await page.GetByTestId("from").FillAsync("2022-07-01");
        await page.GetByTestId("to").FillAsync("2023-06-30");
        await page.GetByTestId("vs-from").FillAsync("2021-07-01");
        await page.GetByTestId("vs-to").FillAsync("2022-06-30");
        await page.GetByTestId("compare").ClickAsync();
        await page.WaitForURLAsync(new Regex("vsTo=2022-06-30"));
        await Expect(page.Locator("[data-testid=migrations] tr[data-from=New][data-to=A]").GetByTestId("migration-count")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("new-count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task PortfolioChart_ClickingABubble_OpensThatCustomer()
    {
        var page = await NewPageAsync(Chromium);
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/customers/portfolio", TeamServer.Director, KaminoTestServer.Password);

        var bubbles = page.Locator("[data-testid=portfolio-chart] a.bubble");
        await Expect(bubbles).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=portfolio-chart] a[data-customer=C2]")).ToHaveAttributeAsync("aria-label", new Regex("^Beta Hoteles S\\.A\\.: revenue €250\\.00"));
        // The larger the revenue, the larger the bubble.
        var c1 = await page.Locator("a[data-customer=C1] circle").GetAttributeAsync("r");
        var c4 = await page.Locator("a[data-customer=C4] circle").GetAttributeAsync("r");
        Assert.True(double.Parse(c1!, System.Globalization.CultureInfo.InvariantCulture) > double.Parse(c4!, System.Globalization.CultureInfo.InvariantCulture));

        await page.Locator("[data-testid=portfolio-chart] a[data-customer=C2] circle").ClickAsync();

        await page.WaitForURLAsync(new Regex("/w/acme/accounts/C2$"));
        await Expect(page.GetByTestId("account-name")).ToContainTextAsync("Beta Hoteles S.A.");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary><see cref="KeyAccountsBrowserTests"/> on SQLite.</summary>
public sealed class SqliteKeyAccountsBrowserTests(TeamServer fixture) : KeyAccountsBrowserTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="KeyAccountsBrowserTests"/> on PostgreSQL.</summary>
public sealed class PostgresKeyAccountsBrowserTests(PostgresTeamServer fixture) : KeyAccountsBrowserTests(fixture), IClassFixture<PostgresTeamServer>;
