using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Activities;

/// <summary>The "Check-ins due" page on a phone (390 px), in Spanish: a Lead KAM finds their team's account, subscribes to the calendar and opens the account.</summary>
public sealed class CheckinsBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    [Fact]
    public async Task LeadKam_OnAPhone_SeesTheTeamsCheckinsDue_GetsACalendarAddress_OpensTheAccount()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/checkins", TeamServer.Lead, KaminoTestServer.Password);

        await Expect(page.GetByTestId("tab-mine")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByTestId("no-checkins")).ToBeVisibleAsync(); // the Lead KAM owns no account
        await page.GetByTestId("tab-team").ClickAsync();
        var row = page.Locator("tr[data-account=C1]");
        await Expect(row.GetByTestId("checkin-badge")).ToHaveTextAsync("Sin contactar");
        await Expect(row.GetByTestId("checkin-account")).ToBeVisibleAsync();
        await Support.Browser.AssertFitsTheScreenAsync(page, "checkins-phone.png");

        await page.GetByTestId("calendar-create").ClickAsync();
        await Expect(page.GetByTestId("calendar-url")).ToContainTextAsync("/calendar/");
        await Expect(page.GetByTestId("calendar-revoke")).ToBeVisibleAsync();
        await Support.Browser.AssertFitsTheScreenAsync(page, "checkins-phone-calendar.png");

        await page.GetByTestId("tab-team").ClickAsync();
        await page.Locator("tr[data-account=C1]").GetByTestId("checkin-account").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/w/acme/accounts/C1$"));
        await Expect(page.GetByTestId("account-cadence").GetByTestId("checkin-badge")).ToHaveTextAsync("Sin contactar");
    }
}
