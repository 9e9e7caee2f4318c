using Microsoft.Playwright;

namespace Kamino.Host.Tests.Contacts;

/// <summary>
/// The contacts section of the account page in a real browser over <see cref="TeamServer"/> (C1 owned by KAM 1).
/// </summary>
public sealed class ContactsBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    [Fact]
    public async Task KamOnAPhone_AddsEditsAndRemovesAContact_InSpanish_WithoutHorizontalScroll()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C1", TeamServer.Kam1, KaminoTestServer.Password);
        var section = page.GetByTestId("contacts");
        await Expect(section.GetByTestId("no-contacts")).ToBeVisibleAsync();

        // With no contacts yet the add form is open.
        var add = page.GetByTestId("contact-add-form");
        await add.GetByTestId("contact-name-input").FillAsync("Irene Soler Català");
        await add.GetByTestId("contact-title-input").FillAsync("Directora de operaciones");
        await add.GetByTestId("contact-email-input").FillAsync("irene.soler@example.com");
        await add.GetByTestId("contact-phone-input").FillAsync("12");
        await add.GetByTestId("contact-role-input").SelectOptionAsync("DecisionMaker");
        await add.GetByTestId("contact-influence-input").SelectOptionAsync("5");
        await add.GetByTestId("contact-strength-input").SelectOptionAsync("4");
        await add.Locator($"[data-testid=contact-known-by-input][data-email='{TeamServer.Kam1}']").CheckAsync();
        await add.GetByTestId("contact-primary-input").CheckAsync();
        await add.GetByTestId("save-contact").ClickAsync();

        // Refused where it belongs, the typed values kept.
        await Expect(page.GetByTestId("problem-phone")).ToContainTextAsync("de 6 a 20 dígitos");
        await Expect(page.GetByTestId("contact-add-form").GetByTestId("contact-name-input")).ToHaveValueAsync("Irene Soler Català");
        await page.GetByTestId("contact-add-form").GetByTestId("contact-phone-input").FillAsync("+34 961 234 567");
        await page.GetByTestId("contact-add-form").GetByTestId("save-contact").ClickAsync();

        await Expect(page.GetByTestId("contact-done")).ToHaveTextAsync("Contacto añadido.");
        var card = page.Locator("[data-testid=contacts] li[data-primary=true]");
        await Expect(card.GetByTestId("contact-name")).ToHaveTextAsync("Irene Soler Català");
        await Expect(card.GetByTestId("primary-badge")).ToHaveTextAsync("Principal");
        await Expect(card.GetByTestId("contact-role")).ToHaveTextAsync("Decisor");
        await Expect(card.GetByTestId("contact-phone")).ToHaveAttributeAsync("href", "tel:+34 961 234 567");
        await Expect(card.GetByTestId("contact-scales")).ToContainTextAsync("Influencia 5/5");
        await Expect(card.GetByTestId("contact-known-by")).ToContainTextAsync("kam1");
        await Support.Browser.AssertFitsTheScreenAsync(page, "account-contacts-phone.png");

        await card.GetByTestId("edit-contact").ClickAsync();
        await card.GetByTestId("contact-edit-form").GetByTestId("contact-title-input").FillAsync("Directora general");
        await card.GetByTestId("contact-edit-form").GetByTestId("save-contact").ClickAsync();
        await Expect(page.GetByTestId("contact-done")).ToHaveTextAsync("Contacto guardado.");
        await Expect(page.Locator("[data-testid=contacts] li[data-primary=true]").GetByTestId("contact-title")).ToHaveTextAsync("Directora general");
        await Support.Browser.AssertFitsTheScreenAsync(page, "account-contacts-phone-edited.png");

        var saved = page.Locator("[data-testid=contacts] li[data-primary=true]");
        await saved.GetByTestId("remove-contact").ClickAsync();
        await saved.GetByTestId("confirm-remove-contact").ClickAsync();
        await Expect(page.GetByTestId("contact-done")).ToHaveTextAsync("Contacto eliminado: sus datos personales se han borrado.");
        await Expect(page.GetByTestId("no-contacts")).ToBeVisibleAsync();
        await using var db = fixture.Db();
        Assert.False(await db.Contacts.AnyAsync(c => c.Name == "Irene Soler Català"));
    }

    [Fact]
    public async Task Viewer_SeesTheContacts_ButNoForm()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var created = await director.PostAsJsonAsync("api/workspaces/acme/customers/C2/contacts", new { name = "Tomás Ferrando", email = "tomas@example.com", isPrimary = true });
        Assert.True(created.IsSuccessStatusCode);
        var page = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" })).NewPageAsync();

        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C2", TeamServer.Viewer, KaminoTestServer.Password);

        var card = page.Locator("[data-testid=contacts] li[data-primary=true]");
        await Expect(card.GetByTestId("contact-name")).ToHaveTextAsync("Tomás Ferrando");
        await Expect(card.GetByTestId("primary-badge")).ToHaveTextAsync("Primary");
        Assert.Equal(0, await page.GetByTestId("contact-add-form").CountAsync());
        Assert.Equal(0, await page.GetByTestId("edit-contact").CountAsync());
        Assert.Equal(0, await page.GetByTestId("remove-contact").CountAsync());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
