using System.Text.Json.Nodes;
using Kamino.Host.Web;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// Sign-in answers that must not tell which emails have accounts (ASVS 6.3.8), on <c>POST /api/auth/login</c> and on
/// invitation acceptance (API and page), and a ReturnUrl that cannot be put in a Location header.
/// </summary>
public sealed class AccountEnumerationTests : SecurityServerTests
{
    [Fact]
    public async Task Login_UnknownEmail_SameAnswersAsAWrongPassword_LockedOutAtTheFifthToo()
    {
        await Server.AddUserAsync("known@acme.test", Workspace);
        using var client = Server.CreateClient(clientIp: "10.0.1.1");

        var known = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var k = await SecurityServer.PostLoginAsync(client, "known@acme.test", "wrong password " + i);
            using var u = await SecurityServer.PostLoginAsync(client, "nobody@acme.test", "wrong password " + i);
            known.Add(await AnswerAsync(k));
            unknown.Add(await AnswerAsync(u));
        }

        Assert.Equal(known, unknown);
        Assert.Contains("\"detail\":\"Failed\"", known[0], StringComparison.Ordinal);
        Assert.Contains("\"detail\":\"LockedOut\"", known[4], StringComparison.Ordinal);
        Assert.Contains("\"detail\":\"LockedOut\"", known[5], StringComparison.Ordinal);
        Assert.StartsWith("401 ", known[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_UnknownEmail_ChecksAPasswordHashLikeARealAccount()
    {
        await Server.AddUserAsync("real@acme.test", Workspace);
        using var client = Server.CreateClient(clientIp: "10.0.1.2");

        var before = Server.PasswordChecks;
        using (await SecurityServer.PostLoginAsync(client, "real@acme.test", "wrong password"))
        {
        }

        var forReal = Server.PasswordChecks - before;
        before = Server.PasswordChecks;
        using (await SecurityServer.PostLoginAsync(client, "ghost@acme.test", "wrong password"))
        {
        }

        var forUnknown = Server.PasswordChecks - before;

        Assert.Equal(1, forReal);
        Assert.Equal(forReal, forUnknown);
    }

    [Fact]
    public async Task Login_DisabledAccount_AnswersLikeAnUnknownEmail()
    {
        await Server.AddUserAsync("gone@acme.test", Workspace);
        var (exit, _, error) = await CliRunner.RunAsync("users", "disable", "gone@acme.test", "--db", Server.Database.Target);
        Assert.True(exit == 0, error);
        using var client = Server.CreateClient(clientIp: "10.0.1.3");

        var before = Server.PasswordChecks;
        using var right = await SecurityServer.PostLoginAsync(client, "gone@acme.test", SecurityServer.Password);
        using var unknown = await SecurityServer.PostLoginAsync(client, "never@acme.test", SecurityServer.Password);

        Assert.Equal(await AnswerAsync(unknown), await AnswerAsync(right));
        Assert.Equal(2, Server.PasswordChecks - before);
    }

    [Fact]
    public async Task AcceptInvitation_ExistingAndNewEmail_AnswerAlike()
    {
        await Server.AddUserAsync("member@acme.test");
        var existing = await Server.InviteAsync(Workspace, "member@acme.test");
        var fresh = await Server.InviteAsync(Workspace, "fresh@acme.test");
        using var client = Server.CreateClient(clientIp: "10.0.1.4");

        // A password the rules refuse: both answer with the rules' complaint.
        using var weakExisting = await AcceptAsync(client, existing, "short");
        using var weakNew = await AcceptAsync(client, fresh, "short");
        // A password the rules accept but not the account's: the same status and title as every refusal.
        using var wrongExisting = await AcceptAsync(client, existing, "a fine but wrong password");

        Assert.Equal(HttpStatusCode.BadRequest, weakNew.StatusCode);
        Assert.Equal(await AnswerAsync(weakNew), await AnswerAsync(weakExisting));
        Assert.Contains("at least 8", await AnswerAsync(weakNew), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongExisting.StatusCode);
        Assert.Equal(Title(await AnswerAsync(weakNew)), Title(await AnswerAsync(wrongExisting)));
    }

    [Fact]
    public async Task AcceptInvitation_WrongPasswords_LockTheAccount_ThenEvenTheRightOneIsRefused()
    {
        await Server.AddUserAsync("target@acme.test");
        var token = await Server.InviteAsync(Workspace, "target@acme.test");
        using var client = Server.CreateClient(clientIp: "10.0.1.5");

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await AcceptAsync(client, token, "guess number " + i + " for this");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var right = await AcceptAsync(client, token, SecurityServer.Password);
        using var login = await SecurityServer.PostLoginAsync(client, "target@acme.test", SecurityServer.Password);

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Equal("LockedOut", JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        await Server.WithUserAsync("target@acme.test", async (users, user) => Assert.True(await users.IsLockedOutAsync(user)));
    }

    [Fact]
    public async Task AcceptInvitation_AccountWithTwoFactor_NeedsTheCode()
    {
        await Server.AddUserAsync("careful@acme.test");
        string key = "";
        await Server.WithUserAsync("careful@acme.test", async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        });
        var token = await Server.InviteAsync(Workspace, "careful@acme.test");
        using var client = Server.CreateClient(clientIp: "10.0.1.6");

        using var withoutCode = await AcceptAsync(client, token, SecurityServer.Password);
        using var withCode = await AcceptAsync(client, token, SecurityServer.Password, Totp.Code(key, Server.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.BadRequest, withoutCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }

    [Fact]
    public async Task AcceptInvitation_DisabledAccount_IsRefusedEvenWithTheRightPassword()
    {
        await Server.AddUserAsync("off@acme.test");
        var (exit, _, error) = await CliRunner.RunAsync("users", "disable", "off@acme.test", "--db", Server.Database.Target);
        Assert.True(exit == 0, error);
        var token = await Server.InviteAsync(Workspace, "off@acme.test");
        using var client = Server.CreateClient(clientIp: "10.0.1.7");

        using var right = await AcceptAsync(client, token, SecurityServer.Password);

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
    }

    [Fact]
    public async Task AcceptInvitation_SharesTheSignInRateLimit()
    {
        await using var limited = await SecurityServer.StartAsync("--" + KaminoAuth.LoginAttemptsSetting, "3");
        await limited.AddWorkspaceAsync(Workspace);
        var token = await limited.InviteAsync(Workspace, "late@acme.test");
        using var client = limited.CreateClient(clientIp: "10.0.1.8");

        for (var i = 0; i < 3; i++)
        {
            using var login = await SecurityServer.PostLoginAsync(client, "someone@acme.test", "wrong password");
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }

        using var accept = await AcceptAsync(client, token, "a fine new password");

        Assert.Equal(HttpStatusCode.TooManyRequests, accept.StatusCode);
    }

    [Fact]
    public async Task InvitePage_ExistingAndNewEmail_SameFormAndSameRefusal()
    {
        await Server.AddUserAsync("page.member@acme.test");
        var existing = await Server.InviteAsync(Workspace, "page.member@acme.test");
        var fresh = await Server.InviteAsync(Workspace, "page.fresh@acme.test");
        using var browser = Server.CreateBrowserClient("10.0.1.9");

        var existingForm = Fields(await browser.GetStringAsync("invite/" + existing));
        var freshForm = Fields(await browser.GetStringAsync("invite/" + fresh));
        using var wrong = await Forms.PostAsync(browser, "invite/" + existing, "accept-invitation",
            new() { ["Input.Password"] = "a fine but wrong password", ["Input.Confirm"] = "a fine but wrong password" });
        using var weakExisting = await Forms.PostAsync(browser, "invite/" + existing, "accept-invitation", new() { ["Input.Password"] = "short", ["Input.Confirm"] = "short" });
        using var weakNew = await Forms.PostAsync(browser, "invite/" + fresh, "accept-invitation", new() { ["Input.Password"] = "short", ["Input.Confirm"] = "short" });

        Assert.Equal(freshForm, existingForm);
        Assert.Contains("Input.Confirm", existingForm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Not accepted.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weakExisting.StatusCode);
        Assert.Equal(Error(await weakNew.Content.ReadAsStringAsync()), Error(await weakExisting.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SignInForm_NonAsciiReturnUrl_RedirectsHome()
    {
        await Server.AddUserAsync("return@acme.test", Workspace);
        using var browser = Server.CreateBrowserClient("10.0.1.10");

        using var response = await Forms.PostAsync(browser, "account/login?ReturnUrl=/%E3%80%82", "login",
            new() { ["Input.Email"] = "return@acme.test", ["Input.Password"] = SecurityServer.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Server.Address, new Uri(Server.Address, response.Headers.Location!));
    }

    private static Task<HttpResponseMessage> AcceptAsync(HttpClient client, string token, string password, string? twoFactorCode = null) =>
        client.PostAsJsonAsync($"api/invitations/{token}/accept", new { password, twoFactorCode });

    /// <summary>Status and problem body without the per-request trace id.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return $"{(int)response.StatusCode} {body.ToJsonString()}";
    }

    private static string? Title(string answer) => JsonNode.Parse(answer[(answer.IndexOf(' ', StringComparison.Ordinal) + 1)..])!["title"]?.GetValue<string>();

    /// <summary>The names of the invitation form's inputs, in order.</summary>
    private static string Fields(string html) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(html, "name=\"(?<n>Input\\.[^\"]+)\"").Select(m => m.Groups["n"].Value));

    private static string Error(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"accept-error\">(?<e>[^<]*)<").Groups["e"].Value;
}
