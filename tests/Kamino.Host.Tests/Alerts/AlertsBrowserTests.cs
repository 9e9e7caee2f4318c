using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Alerts;

/// <summary>
/// The alerts page in Chromium: a KAM with two open alerts (their account never contacted, a task on it overdue)
/// acknowledges one and the header's count drops; on a desktop in English and on a phone (390 px) in Spanish.
/// </summary>
public sealed class AlertsBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    [Fact]
    public async Task Desktop_English_AcknowledgeOne_TheCountDrops_AndTheDashboardPanelShowsTheAccount()
    {
        await fixture.TaskAsync("Send the renewal quote", TeamServer.Kam1, TeamServer.Director, TeamServer.Today.AddDays(-2), "C1");
        await using var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/alerts", TeamServer.Kam1, KaminoTestServer.Password);

        await Expect(page.GetByTestId("tab-mine")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByTestId("alerts-count")).ToHaveTextAsync("2");
        var task = page.Locator("li[data-kind=taskOverdue]");
        await Expect(task.GetByTestId("alert-reason")).ToContainTextAsync("Send the renewal quote");
        await Expect(task.GetByTestId("alert-reason")).ToContainTextAsync("overdue by 2 day(s)");
        await Expect(page.Locator("li[data-kind=checkinOverdue]").GetByTestId("alert-reason")).ToHaveTextAsync("Never contacted: a check-in is due now.");

        await task.GetByTestId("alert-ack").ClickAsync();
        await Expect(page.GetByTestId("alert-done")).ToBeVisibleAsync();
        await Expect(page.Locator("li[data-kind=taskOverdue]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("alerts-count")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("alerts-hidden")).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(fixture.Server.Address, "w/acme").ToString());
        var row = page.GetByTestId("key-accounts-panel").Locator("tr[data-account=C1]");
        await Expect(row.GetByTestId("watch-alerts")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Phone_Spanish_SnoozeOne_TheCountDrops_ThePageFits()
    {
        await fixture.TaskAsync("Llamar por el pedido de marzo", TeamServer.Kam2, TeamServer.Director, TeamServer.Today.AddDays(-1), "C2");
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/alerts", TeamServer.Kam2, KaminoTestServer.Password);

        await Expect(page.GetByTestId("alerts-count")).ToHaveTextAsync("2");
        await Expect(page.Locator("li[data-kind=checkinOverdue]").GetByTestId("alert-reason")).ToHaveTextAsync("Nunca contactada: toca un seguimiento ya.");
        await Support.Browser.AssertFitsTheScreenAsync(page, "alerts-phone.png");

        await page.Locator("li[data-kind=checkinOverdue]").GetByTestId("alert-snooze").ClickAsync();
        await Expect(page.GetByTestId("alert-done")).ToContainTextAsync("pospuesta");
        await Expect(page.GetByTestId("alerts-count")).ToHaveTextAsync("1");
        await Expect(page.Locator("li[data-kind=checkinOverdue]")).ToHaveCountAsync(0);
        await Support.Browser.AssertFitsTheScreenAsync(page, "alerts-phone-snoozed.png");
    }
}
