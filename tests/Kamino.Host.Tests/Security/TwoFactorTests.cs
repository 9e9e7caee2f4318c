using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// The second factor: an authenticator code works once (ASVS 6.5.1) on the API and the sign-in page; turning it on
/// or off and new recovery codes need the password (ASVS 7.5.1); recovery codes are shown once and work once each.
/// </summary>
public sealed partial class TwoFactorTests : SecurityServerTests
{
    [Fact]
    public async Task Api_SameAuthenticatorCodeTwice_SecondIsRefused()
    {
        const string email = "api.replay@acme.test";
        var key = await UserWithAuthenticatorAsync(email);
        var code = Totp.Code(key, Server.Clock.GetUtcNow());
        using var client = Server.CreateClient(clientIp: "10.0.2.1");

        using var first = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, code);
        using var again = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, code);
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        using var next = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, Totp.Code(key, Server.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Api_CodeOfAnEarlierStepAfterALaterOne_IsRefused()
    {
        const string email = "api.earlier@acme.test";
        var key = await UserWithAuthenticatorAsync(email);
        var now = Server.Clock.GetUtcNow();
        using var client = Server.CreateClient(clientIp: "10.0.2.2");

        using var later = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, Totp.Code(key, now.AddSeconds(30)));
        using var earlier = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, Totp.Code(key, now));

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, earlier.StatusCode);
    }

    [Fact]
    public async Task SignInPage_SameAuthenticatorCodeTwice_SecondIsRefused()
    {
        const string email = "page.replay@acme.test";
        var key = await UserWithAuthenticatorAsync(email);
        var code = Totp.Code(key, Server.Clock.GetUtcNow());
        using var first = Server.CreateBrowserClient("10.0.2.3");
        using var second = Server.CreateBrowserClient("10.0.2.4");

        using var accepted = await SecondStepAsync(first, email, code);
        using var replayed = await SecondStepAsync(second, email, code);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("That code is not valid", WebUtility.HtmlDecode(await replayed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("api/_test/who")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("api/_test/who")).StatusCode);
    }

    [Fact]
    public async Task SetupPage_TurningOnNeedsThePassword_AndGivesRecoveryCodesThatWorkOnce()
    {
        const string email = "setup@acme.test";
        await Server.AddUserAsync(email, Workspace);
        using var browser = await SignedInAsync(email, "10.0.2.5");
        using (await Forms.PostAsync(browser, "account/2fa", "2fa-start", []))
        {
        }

        var key = SharedKey(await browser.GetStringAsync("account/2fa"));
        var now = Server.Clock.GetUtcNow();
        using var wrongPassword = await Forms.PostAsync(browser, "account/2fa", "2fa-enable",
            new() { ["Enable.Code"] = Totp.Code(key, now), ["Enable.Password"] = "not my password" });
        Assert.Contains("data-enabled=\"false\"", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("The current password is wrong.", WebUtility.HtmlDecode(await wrongPassword.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var enabled = await Forms.PostAsync(browser, "account/2fa", "2fa-enable",
            new() { ["Enable.Code"] = Totp.Code(key, now), ["Enable.Password"] = SecurityServer.Password });
        var html = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("data-enabled=\"true\"", html, StringComparison.Ordinal);
        var codes = RecoveryCodes(html);
        Assert.Equal(10, codes.Count);
        Assert.Empty(RecoveryCodes(await browser.GetStringAsync("account/2fa")));

        using var withRecovery = await SecondStepAsync(Server.CreateBrowserClient("10.0.2.6"), email, codes[0]);
        using var sameAgain = await SecondStepAsync(Server.CreateBrowserClient("10.0.2.7"), email, codes[0]);
        Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameAgain.StatusCode);
        Assert.Contains("Recovery codes left: 9.", WebUtility.HtmlDecode(await browser.GetStringAsync("account/2fa")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupPage_NewRecoveryCodesNeedThePassword_AndReplaceTheOldOnes()
    {
        const string email = "regenerate@acme.test";
        await UserWithAuthenticatorAsync(email);
        var old = await Server.WithUserResultAsync(email, async (users, user) => (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList());
        using var browser = await SignedInAsync(email, "10.0.2.8", old[0]);

        using var wrong = await Forms.PostAsync(browser, "account/2fa", "2fa-recovery", new() { ["Regenerate.Password"] = "not my password" });
        Assert.Empty(RecoveryCodes(await wrong.Content.ReadAsStringAsync()));
        using var renewed = await Forms.PostAsync(browser, "account/2fa", "2fa-recovery", new() { ["Regenerate.Password"] = SecurityServer.Password });
        var codes = RecoveryCodes(await renewed.Content.ReadAsStringAsync());

        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(Server.CreateBrowserClient("10.0.2.9"), email, old[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(Server.CreateBrowserClient("10.0.2.10"), email, codes[1])).StatusCode);
    }

    [Fact]
    public async Task SetupPage_TurningOffNeedsThePassword()
    {
        const string email = "turn.off@acme.test";
        var key = await UserWithAuthenticatorAsync(email);
        using var browser = await SignedInAsync(email, "10.0.2.11", Totp.Code(key, Server.Clock.GetUtcNow()));

        using var wrong = await Forms.PostAsync(browser, "account/2fa", "2fa-disable", new() { ["Disable.Password"] = "not my password" });
        Assert.Contains("data-enabled=\"true\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var right = await Forms.PostAsync(browser, "account/2fa", "2fa-disable", new() { ["Disable.Password"] = SecurityServer.Password });
        Assert.Contains("data-enabled=\"false\"", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_RecoveryCodeInsteadOfTheAuthenticatorCode_WorksOnce()
    {
        const string email = "api.recovery@acme.test";
        await UserWithAuthenticatorAsync(email);
        var codes = await Server.WithUserResultAsync(email, async (users, user) => (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList());
        using var client = Server.CreateClient(clientIp: "10.0.2.12");

        using var first = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, codes[0].ToLowerInvariant());
        using var again = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, codes[0]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task RecoveryCodes_Carry120RandomBits_AndOnlyTheirHashesAreStored()
    {
        const string email = "stored.recovery@acme.test";
        await UserWithAuthenticatorAsync(email);
        var codes = await Server.WithUserResultAsync(email, async (users, user) => (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList());

        await using var db = Server.Database.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var stored = await db.UserTokens.Where(t => t.UserId == userId && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[A-Z2-7]{6}(-[A-Z2-7]{6}){3}$", code));
        var hashes = stored!.Split(';');
        Assert.Equal(10, hashes.Length);
        Assert.All(hashes, hash => Assert.Matches("^[0-9a-f]{64}$", hash));
        Assert.All(codes, code => Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal)[..12], stored, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string> UserWithAuthenticatorAsync(string email)
    {
        await Server.AddUserAsync(email, Workspace);
        return await Server.WithUserResultAsync(email, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return (await users.GetAuthenticatorKeyAsync(user))!;
        });
    }

    /// <summary>The sign-in form, then the code page with <paramref name="code"/>; the answer of the code page.</summary>
    private static async Task<HttpResponseMessage> SecondStepAsync(HttpClient browser, string email, string code)
    {
        using var first = await Forms.PostAsync(browser, "account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = SecurityServer.Password });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var codePage = new Uri(browser.BaseAddress!, first.Headers.Location!).PathAndQuery.TrimStart('/');
        Assert.StartsWith("account/login-2fa", codePage, StringComparison.Ordinal);
        return await Forms.PostAsync(browser, codePage, "login-2fa", new() { ["Input.Code"] = code });
    }

    private async Task<HttpClient> SignedInAsync(string email, string clientIp, string? code = null)
    {
        var browser = Server.CreateBrowserClient(clientIp);
        if (code is null)
        {
            using var response = await Forms.PostAsync(browser, "account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = SecurityServer.Password });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        else
        {
            using var response = await SecondStepAsync(browser, email, code);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return browser;
    }

    private static string SharedKey(string html) =>
        SharedKeyPattern().Match(html).Groups["key"].Value.Replace(" ", "", StringComparison.Ordinal);

    private static List<string> RecoveryCodes(string html)
    {
        var list = RecoveryListPattern().Match(html);
        return list.Success ? CodePattern().Matches(list.Value).Select(m => m.Groups["code"].Value).ToList() : [];
    }

    [GeneratedRegex("data-testid=\"shared-key\">(?<key>[^<]+)<")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex("data-testid=\"recovery-codes\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex RecoveryListPattern();

    [GeneratedRegex("<code>(?<code>[^<]+)</code>")]
    private static partial Regex CodePattern();
}
