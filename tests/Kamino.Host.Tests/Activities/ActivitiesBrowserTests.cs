using Microsoft.Playwright;

namespace Kamino.Host.Tests.Activities;

/// <summary>
/// Logging check-ins in a real browser over <see cref="TeamServer"/>: a KAM at the customer's door on a phone
/// (390 × 844), and a Director's whole flow from designation to the first check-in.
/// </summary>
public abstract class ActivitiesBrowserTests(TeamServer fixture) : ChromiumTests
{
    [Fact]
    public async Task Kam_OnAPhone_LogsACheckinByTapping_ItIsInTheTimeline_AndThePageFitsTheScreen()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "en-US");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C1", TeamServer.Kam1, KaminoTestServer.Password);

        // The button is on the first screen, without scrolling.
        var button = page.GetByTestId("log-activity");
        var box = await button.BoundingBoxAsync();
        Assert.True(box is { } b && b.Y + b.Height <= 844, $"the Log activity button is at {box?.Y}");

        await button.TapAsync();
        // Sensible defaults: a call, a check-in (C1 is a key account), now.
        await Expect(page.GetByTestId("type-call")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("checkin-toggle")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("activity-at")).Not.ToHaveValueAsync("");
        await Support.Browser.AssertFitsTheScreenAsync(page, "activity-form-phone.png");

        await Label(page, "type-visit").TapAsync();
        await Label(page, "csat-4").TapAsync();
        await page.GetByTestId("activity-summary").FillAsync("At the door: the new scooters are a hit");
        await page.GetByTestId("save-activity").TapAsync();

        var first = page.GetByTestId("timeline-entry").First;
        await Expect(first.GetByTestId("timeline-summary")).ToHaveTextAsync("At the door: the new scooters are a hit");
        await Expect(first.GetByTestId("checkin-badge")).ToHaveTextAsync("Check-in · CSAT 4");
        await Expect(first).ToContainTextAsync("Visit");
        await Support.Browser.AssertFitsTheScreenAsync(page, "activity-timeline-phone.png");
    }

    [Fact]
    public async Task Kam_SubmittingACheckinWithoutCsat_SeesWhyNextToTheField_AndNothingIsLogged()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "en-US");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C1", TeamServer.Kam1, KaminoTestServer.Password);

        await page.GetByTestId("log-activity").TapAsync();
        await page.GetByTestId("activity-summary").FillAsync("Forgot to ask how happy they are");
        await page.GetByTestId("save-activity").TapAsync();

        await Expect(page.GetByTestId("field-problem")).ToHaveTextAsync("A check-in needs the satisfaction: tap 1 to 5.");
        await Expect(page.GetByTestId("activity-summary")).ToHaveValueAsync("Forgot to ask how happy they are");
        await Expect(page.Locator("[data-testid=timeline-summary]", new() { HasTextString = "Forgot to ask" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Director_DesignatesKey_SetsAnOwner_LogsACheckin_ItShowsInTheTimeline_AndTheAccountIsUpToDate()
    {
        var page = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } })).NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C3", TeamServer.Director, KaminoTestServer.Password);

        await page.GetByTestId("tier").SelectOptionAsync("Key");
        await page.GetByTestId("reason").FillAsync("Tour operators bring us the summer");
        await page.GetByTestId("designate").ClickAsync();
        await Expect(page.GetByTestId("key-account-badge")).ToBeVisibleAsync();

        await page.GetByTestId("owner-select").SelectOptionAsync(await fixture.UserIdAsync(TeamServer.Kam2));
        await page.GetByTestId("set-owner").ClickAsync();
        await Expect(page.Locator("[data-testid=team] tr[data-owner=true]")).ToHaveAttributeAsync("data-member", TeamServer.Kam2);
        var cadence = page.GetByTestId("account-cadence").GetByTestId("checkin-badge");
        await Expect(cadence).ToHaveAttributeAsync("data-status", "neverContacted"); // a Key account is due from the day it is designated

        await page.GetByTestId("log-activity").ClickAsync();
        await Expect(page.GetByTestId("checkin-toggle")).ToBeCheckedAsync(); // a key account now
        await Label(page, "csat-5").ClickAsync();
        await page.GetByTestId("activity-summary").FillAsync("First check-in: delighted with the summer fleet");
        await page.GetByTestId("save-activity").ClickAsync();

        var first = page.GetByTestId("timeline-entry").First;
        await Expect(first).ToHaveAttributeAsync("data-kind", "Activity");
        await Expect(first.GetByTestId("checkin-badge")).ToHaveTextAsync("Check-in · CSAT 5");
        await Expect(first.GetByTestId("timeline-summary")).ToHaveTextAsync("First check-in: delighted with the summer fleet");
        await Expect(page.Locator("[data-testid=timeline-entry][data-kind=Designation]").First).ToContainTextAsync("Designated Key");

        // The cadence: the Key tier's 30 days run from today's check-in.
        await Expect(cadence).ToHaveAttributeAsync("data-status", "upToDate");
        await Expect(cadence).ToHaveTextAsync("Up to date");
    }

    /// <summary>The label a person taps for the choice whose input has <paramref name="testId"/> (the input itself is hidden).</summary>
    private static ILocator Label(IPage page, string testId) => page.Locator($"label:has([data-testid={testId}])");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary><see cref="ActivitiesBrowserTests"/> on SQLite.</summary>
public sealed class SqliteActivitiesBrowserTests(TeamServer fixture) : ActivitiesBrowserTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="ActivitiesBrowserTests"/> on PostgreSQL.</summary>
public sealed class PostgresActivitiesBrowserTests(PostgresTeamServer fixture) : ActivitiesBrowserTests(fixture), IClassFixture<PostgresTeamServer>;
