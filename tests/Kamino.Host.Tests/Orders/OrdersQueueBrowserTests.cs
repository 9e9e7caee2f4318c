using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Orders;

/// <summary>
/// The queue page and the dashboard's order card in Chromium (<see cref="OrdersQueueServer"/>): on a desktop in English
/// and on a phone (390 px) in Spanish.
/// </summary>
public sealed class OrdersQueueBrowserTests(OrdersQueueServer fixture) : ChromiumTests, IClassFixture<OrdersQueueServer>
{
    [Fact]
    public async Task Desktop_English_QueueInOrder_LateOneMarkedInWords_LinksToOrdersAndTheInbox()
    {
        await using var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/orders", TeamServer.Kam1, KaminoTestServer.Password);

        var rows = page.GetByTestId("queue").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        Assert.Equal([fixture.Numbers["late"].ToString(CultureInfo.InvariantCulture), fixture.Numbers["key"].ToString(CultureInfo.InvariantCulture),
            fixture.Numbers["standard"].ToString(CultureInfo.InvariantCulture)], await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.order)"));
        var late = rows.Nth(0);
        await Expect(late).ToHaveAttributeAsync("data-late", "true");
        // Said in words (readable in black and white and by a screen reader), not only by colour.
        await Expect(late.GetByTestId("late-badge")).ToContainTextAsync("Late by 6 h");
        await Expect(rows.Nth(1).GetByTestId("late-badge")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("queue-summary")).ToHaveTextAsync("3 open order(s), 1 late");
        await Expect(late.GetByTestId("order-link")).ToHaveAttributeAsync("href", $"/w/acme/orders/{fixture.Numbers["late"]}");
        await Expect(page.GetByTestId("new-order")).ToHaveAttributeAsync("href", "/w/acme/orders/new");
        await Expect(page.GetByTestId("approvals-link")).ToHaveAttributeAsync("href", "/w/acme/orders/approvals");
        await Expect(page.GetByTestId("nav-orders")).ToHaveAttributeAsync("href", "/w/acme/orders");

        await page.GotoAsync(new Uri(fixture.Server.Address, "w/acme").ToString());
        var card = page.GetByTestId("orders-stats");
        await Expect(card.Locator("tr[data-tier=Key]").GetByTestId("median-hours")).ToHaveTextAsync("10.0 h");
        await Expect(card.Locator("tr[data-tier=Standard]").GetByTestId("median-hours")).ToHaveTextAsync("50.0 h");
        await Expect(card.Locator("tr[data-tier=Key]").GetByTestId("on-time")).ToContainTextAsync("100");
    }

    [Fact]
    public async Task Phone_Spanish_ViewerSeesTheQueueWithoutNewOrder_PageAndCardFit()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/orders", TeamServer.Viewer, KaminoTestServer.Password);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Cola de pedidos");
        await Expect(page.GetByTestId("queue").Locator("tbody tr").First.GetByTestId("late-badge")).ToContainTextAsync("Con retraso de 6 h");
        await Expect(page.GetByTestId("new-order")).ToHaveCountAsync(0);
        await Support.Browser.AssertFitsTheScreenAsync(page, "orders-queue-phone.png");

        await page.GotoAsync(new Uri(fixture.Server.Address, "w/acme").ToString());
        await Expect(page.GetByTestId("orders-stats").Locator("tr[data-tier=Key]").GetByTestId("median-hours")).ToHaveTextAsync("10,0 h");
        await page.GetByTestId("orders-stats").ScrollIntoViewIfNeededAsync();
        await Support.Browser.AssertFitsTheScreenAsync(page, "orders-stats-phone.png");
    }
}
