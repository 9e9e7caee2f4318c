using System.Text.RegularExpressions;
using Kamino.Demo;
using Kamino.Host.Tests.Analysis;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.SignIn;

/// <summary>Signing in and out, workspaces, lockout and the authenticator app, in a real browser.</summary>
[Trait("Category", "Slow")]
public sealed partial class SignInBrowserTests(DemoServer fixture) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task SignIn_SeesTheWorkspace_SwitchesWorkspace_SignsOut()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(Url("w/demo"));
        Assert.EndsWith("/account/login?ReturnUrl=%2Fw%2Fdemo", page.Url, StringComparison.Ordinal);
        await Support.Browser.FillSignInFormAsync(page, DemoServer.Director, fixture.Passwords[DemoServer.Director]);
        await page.WaitForURLAsync(Url("w/demo"));

        await Expect(page.GetByTestId("workspace-name")).ToHaveTextAsync(DemoData.CompanyName);
        await Expect(page.GetByTestId("current-workspace")).ToHaveTextAsync(DemoData.CompanyName);
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Elena Ruiz");
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "kamino" && c.HttpOnly);

        await page.GetByTestId("workspace-switcher").Locator("summary").ClickAsync();
        await page.Locator($"[data-testid=workspace-switcher] a[data-workspace={DemoServer.SecondWorkspace}]").ClickAsync();
        await page.WaitForURLAsync(Url("w/" + DemoServer.SecondWorkspace));
        await Expect(page.GetByTestId("current-workspace")).ToHaveTextAsync(DemoServer.SecondWorkspace);
        await Expect(page.GetByTestId("total-revenue")).ToHaveTextAsync("€1,000.00");

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login$"));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kamino");

        await page.GotoAsync(Url("w/demo"));
        Assert.EndsWith("/account/login?ReturnUrl=%2Fw%2Fdemo", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("workspace-name")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WrongPasswordFiveTimes_LocksTheAccount_EvenForTheRightPassword()
    {
        const string email = "forgetful@demo.kamino.test";
        await fixture.Server.AddUserAsync(email, Role.Kam, DemoData.WorkspaceSlug);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("account/login"));

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await Support.Browser.FillSignInFormAsync(page, email, "wrong password number " + attempt);
            await Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync(attempt < 5 ? "Wrong email or password" : "locked");
        }

        await Support.Browser.FillSignInFormAsync(page, email, KaminoTestServer.Password);

        await Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync("locked");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kamino");
    }

    [Fact]
    public async Task AuthenticatorApp_OnceEnabled_SignInStopsAtTheCode()
    {
        const string email = "careful@demo.kamino.test";
        await fixture.Server.AddUserAsync(email, Role.LeadKam, DemoData.WorkspaceSlug);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "account/2fa", email, KaminoTestServer.Password);

        await Expect(page.GetByTestId("two-factor-status")).ToHaveAttributeAsync("data-enabled", "false");
        await page.GetByTestId("start-two-factor").ClickAsync();
        var key = (await page.GetByTestId("shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        var uri = await page.GetByTestId("authenticator-uri").InnerTextAsync();
        Assert.StartsWith("otpauth://totp/Kamino%3A" + Uri.EscapeDataString(email) + "?secret=" + key + "&issuer=Kamino", uri, StringComparison.Ordinal);

        await page.GetByTestId("code").FillAsync("000000" == Totp.Code(key, TimeProvider.System.GetUtcNow()) ? "111111" : "000000");
        await page.GetByTestId("enable-password").FillAsync(KaminoTestServer.Password);
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Expect(page.GetByTestId("two-factor-error")).ToBeVisibleAsync();
        await page.GetByTestId("code").FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await page.GetByTestId("enable-password").FillAsync(KaminoTestServer.Password);
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Expect(page.GetByTestId("two-factor-status")).ToHaveAttributeAsync("data-enabled", "true");
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);

        // The session that turned it on goes on.
        await page.GotoAsync(Url("w/demo"));
        await Expect(page.GetByTestId("workspace-name")).ToHaveTextAsync(DemoData.CompanyName);
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login$"));

        await page.GotoAsync(Url("w/demo"));
        await Support.Browser.FillSignInFormAsync(page, email, KaminoTestServer.Password);
        await page.WaitForURLAsync(new Regex("/account/login-2fa\\?ReturnUrl=%2Fw%2Fdemo"));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kamino");
        await page.GotoAsync(Url("w/demo"));
        Assert.Contains("/account/login?ReturnUrl=", page.Url, StringComparison.Ordinal);

        await Support.Browser.FillSignInFormAsync(page, email, KaminoTestServer.Password);
        await page.WaitForURLAsync(new Regex("/account/login-2fa"));
        // The code that turned it on was used: the next step's code (accepted, one step of drift allowed).
        await page.GetByTestId("code").FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow().AddSeconds(30)));
        await page.GetByTestId("verify-code").ClickAsync();
        await page.WaitForURLAsync(Url("w/demo"));
        await Expect(page.GetByTestId("workspace-name")).ToHaveTextAsync(DemoData.CompanyName);
    }

    [Fact]
    public async Task TwoFactorSetupAndInvitationPages_OnAPhone_FitTheScreenWidth()
    {
        const string email = "phone@demo.kamino.test";
        await fixture.Server.AddUserAsync(email, Role.LeadKam, DemoData.WorkspaceSlug);
        await using var context = await Support.Browser.PhoneAsync(fixture.Browser, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "account/2fa", email, KaminoTestServer.Password);

        await page.GetByTestId("start-two-factor").ClickAsync();
        var key = (await page.GetByTestId("shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByTestId("code").FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await page.GetByTestId("enable-password").FillAsync(KaminoTestServer.Password);
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await Support.Browser.AssertFitsTheScreenAsync(page, "two-factor-phone.png");

        var directorId = await fixture.Server.WithUserAsync(DemoServer.Director, (_, user) => Task.FromResult(user.Id));
        string token;
        await using (var db = fixture.Server.Database.CreateDbContext())
        {
            var workspaceId = db.Workspaces.Single(w => w.Slug == DemoData.WorkspaceSlug).Id;
            token = (await Invitations.InviteAsync(db, workspaceId, "phone.invitee@demo.kamino.test", Role.Kam, directorId, TimeProvider.System)).Invitation!.Token;
        }

        await page.GotoAsync(Url("invite/" + token));
        await Expect(page.GetByTestId("code")).ToBeVisibleAsync();
        await Support.Browser.AssertFitsTheScreenAsync(page, "invitation-phone.png");
    }

    private string Url(string path) => new Uri(fixture.Server.Address, path).ToString();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
