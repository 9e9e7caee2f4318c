using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Orders;

/// <summary>
/// The order form, the approvals inbox and the order page in a real browser over <see cref="TeamServer"/> (C1 a key
/// account owned by KAM 1, whom the Lead KAM supervises; default tiers: Key 5–15 %).
/// </summary>
public sealed partial class OrdersBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    [Fact]
    public async Task KamOnAPhone_EntersAKeyAccountsOrderOutsideTheRange_InSpanish_TheLeadApprovesItFromTheInbox_InEnglish()
    {
        await using var phone = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await phone.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C1", TeamServer.Kam1, KaminoTestServer.Password);
        await page.GetByTestId("account-orders").GetByTestId("new-order").ClickAsync();
        var form = page.Locator("[data-testid=order-form][data-ready=true]");
        await Expect(form).ToBeVisibleAsync();

        // The range is there before anything is typed.
        await Expect(form.GetByTestId("order-range")).ToHaveTextAsync("Key: descuentos 5–15 %");
        var line = form.GetByTestId("order-line");
        await line.GetByTestId("line-description").FillAsync("Cascos");
        await line.GetByTestId("line-quantity").FillAsync("4");
        await line.GetByTestId("line-price").FillAsync("89.90");
        await line.GetByTestId("line-discount").FillAsync("15");
        await Expect(line.GetByTestId("line-out-of-range")).ToHaveCountAsync(0);
        await line.GetByTestId("line-discount").FillAsync("15.01");
        await Expect(line.GetByTestId("line-out-of-range")).ToHaveTextAsync("Fuera de 5–15 %: necesita aprobación");
        await line.GetByTestId("line-discount").FillAsync("20");
        await Expect(form.GetByTestId("order-total")).ToContainTextAsync("287,68");
        await Expect(form.GetByTestId("order-will-wait")).ToBeVisibleAsync();
        await Support.Browser.AssertFitsTheScreenAsync(page, "order-form-phone.png");
        await form.GetByTestId("order-submit").ClickAsync();

        await page.WaitForURLAsync(OrderPageUrl());
        var number = long.Parse(OrderPageUrl().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("order-approval")).ToHaveTextAsync("Pendiente de aprobación");
        await Expect(page.GetByTestId("order-line-row").GetByTestId("line-out-of-range")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-start")).ToHaveCountAsync(0);
        await Support.Browser.AssertFitsTheScreenAsync(page, "order-page-phone.png");

        var desk = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await Support.Browser.SignInAsync(desk, fixture.Server.Address, "w/acme/orders/approvals", TeamServer.Lead, KaminoTestServer.Password);
        var row = desk.Locator($"[data-testid=approval-row][data-number='{number}']");
        await Expect(row).ToContainTextAsync("outside: 20 %");
        await row.GetByTestId("approval-link").ClickAsync();
        await desk.GetByTestId("order-decision-reason").FillAsync("Loyal customer");
        await desk.GetByTestId("order-approve").ClickAsync();
        await Expect(desk.GetByTestId("order-saved")).ToHaveTextAsync("Saved.");
        await Expect(desk.GetByTestId("order-approval")).ToHaveTextAsync("Discount approved");
        await Expect(desk.Locator("[data-testid=order-event][data-action=approve]")).ToContainTextAsync("pending → approved: Loyal customer");
        await desk.GotoAsync(new Uri(fixture.Server.Address, "w/acme/orders/approvals").ToString());
        await Expect(desk.Locator($"[data-testid=approval-row][data-number='{number}']")).ToHaveCountAsync(0);

        // The KAM can now start it; a second tab still showing the old version gets the conflict and the fresh order.
        await page.ReloadAsync();
        var stale = await phone.NewPageAsync();
        await stale.GotoAsync(page.Url);
        await page.GetByTestId("order-start").ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("En curso");
        await stale.GetByTestId("order-cancel-reason-input").FillAsync("Duplicado");
        await stale.GetByTestId("order-cancel").ClickAsync();
        await Expect(stale.GetByTestId("problem")).ToContainTextAsync($"Otra persona ha cambiado el pedido {number}");
        await Expect(stale.GetByTestId("order-status")).ToHaveTextAsync("En curso");
        await using var db = fixture.Db();
        Assert.Equal(Kamino.Orders.OrderStatus.InProgress, (await db.Orders.SingleAsync(o => o.Id == number)).Status);
    }

    [Fact]
    public async Task KamOnAPhone_InSpanish_SeesEachLinesProblemInSpanish_AndNothingIsSaved()
    {
        await using var db = fixture.Db();
        var before = await db.Orders.CountAsync();
        await using var phone = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await phone.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C1", TeamServer.Kam1, KaminoTestServer.Password);
        await page.GetByTestId("account-orders").GetByTestId("new-order").ClickAsync();
        var form = page.Locator("[data-testid=order-form][data-ready=true]");
        await Expect(form).ToBeVisibleAsync();
        var line = form.GetByTestId("order-line");
        await line.GetByTestId("line-quantity").FillAsync("4");
        await line.GetByTestId("line-price").FillAsync("89.90");
        await line.GetByTestId("line-discount").FillAsync("150");
        await form.GetByTestId("order-submit").ClickAsync();

        var problems = line.GetByTestId("line-problem");
        await Expect(problems).ToHaveTextAsync(["línea 1: falta la descripción", "línea 1: el descuento debe estar entre 0 y 100 %, con hasta 2 decimales"]);
        await Support.Browser.AssertFitsTheScreenAsync(page, "order-form-problems-phone.png");
        Assert.Equal(before, await db.Orders.CountAsync());
    }

    [GeneratedRegex(@"/w/acme/orders/(\d+)\?saved=create$")]
    private static partial Regex OrderPageUrl();
}
