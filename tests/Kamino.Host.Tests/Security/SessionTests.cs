using Kamino.Host.Web;

namespace Kamino.Host.Tests.Security;

/// <summary>ASVS 7.2.4 (new session at sign-in), 7.3.1/7.3.2 (idle and absolute timeouts) and 7.4.1 (sign-out) through the real pages.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private const string Email = "kam@acme.test";
    private SecurityServer server = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = await SecurityServer.StartAsync();
        await server.AddWorkspaceAsync(Workspace);
        await server.AddUserAsync(Email, Workspace, Role.Kam);
        client = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Asvs_7_2_4_SignInForm_IssuesANewSessionCookie_AndNoPreLoginCookieAuthenticates()
    {
        var jar = new CookieJar();
        using var page = await jar.GetAsync(client, "account/login");
        var before = jar.History.Select(c => c.Value).ToList();
        Assert.NotEmpty(before);
        Assert.Null(jar.Session);

        await jar.SignInAsync(client, Email);

        var session = jar["kamino"]!;
        Assert.DoesNotContain(session, before);
        Assert.Equal(Email, await WhoAsync(jar.Session!));
        // A value the browser held before signing in, presented as the session cookie, is nobody.
        foreach (var value in before)
        {
            Assert.Null(await WhoAsync("kamino=" + value));
        }
    }

    [Fact]
    public async Task Asvs_7_2_4_SignInForm_OverAPlantedSession_ReplacesIt()
    {
        // Session fixation: someone puts their own valid session cookie into the victim's browser.
        await server.AddUserAsync("attacker@acme.test", Workspace, Role.Viewer);
        var planted = await server.CookieSignInAsync("attacker@acme.test");
        var jar = new CookieJar { ["kamino"] = planted["kamino=".Length..] };
        var before = jar.History.Select(c => c.Value).ToList();

        await jar.SignInAsync(client, Email);

        Assert.DoesNotContain(jar["kamino"]!, before);
        Assert.Equal(Email, await WhoAsync(jar.Session!));
        Assert.Equal("attacker@acme.test", await WhoAsync(planted));
    }

    [Fact]
    public async Task Asvs_7_4_1_SignOut_RefusesTheOldSessionCookieAtOnce()
    {
        var jar = new CookieJar();
        await jar.SignInAsync(client, Email);
        var signInCookie = jar.Session!;
        Assert.Equal(Email, await WhoAsync(signInCookie));
        using (var page = await PageAsync(signInCookie))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var sessions = jar.Sessions;
        using var signOut = await jar.SignOutAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Null(jar.Session);
        // Every copy of the session cookie this browser was given (at sign-in and renewed since) is refused at
        // once, without moving the clock: 401 from the API, the sign-in page for a page.
        Assert.Contains(signInCookie, sessions);
        foreach (var cookie in sessions)
        {
            Assert.Null(await WhoAsync(cookie));
            await AssertSentToSignInAsync(cookie);
        }
    }

    [Fact]
    public async Task Asvs_7_3_1_IdleSession_OverSixtyMinutes_NeedsSigningInAgain()
    {
        Assert.Equal(TimeSpan.FromMinutes(60), KaminoAuth.IdleTimeout);
        var jar = new CookieJar();
        await jar.SignInAsync(client, Email);

        // Activity keeps the session: each request slides the expiry.
        for (var i = 0; i < 3; i++)
        {
            server.Clock.Advance(KaminoAuth.IdleTimeout - TimeSpan.FromMinutes(1));
            Assert.Equal(Email, await WhoAsync(jar));
        }

        server.Clock.Advance(KaminoAuth.IdleTimeout + TimeSpan.FromMinutes(1));

        Assert.Null(await WhoAsync(jar));
        await AssertSentToSignInAsync(jar.Sessions[^1]);
    }

    [Fact]
    public async Task Asvs_7_3_2_ActiveSession_EndsTwelveHoursAfterTheSignIn()
    {
        Assert.Equal(TimeSpan.FromHours(12), KaminoAuth.AbsoluteTimeout);
        var jar = new CookieJar();
        await jar.SignInAsync(client, Email);
        var password = SecurityServer.Password;
        var answers = new List<(TimeSpan At, bool SignedIn)>();

        // A request every 30 minutes for 13 hours, with the newest cookie each time.
        for (var at = TimeSpan.FromMinutes(30); at <= TimeSpan.FromHours(13); at += TimeSpan.FromMinutes(30))
        {
            server.Clock.Advance(TimeSpan.FromMinutes(30));
            if (at == TimeSpan.FromHours(6))
            {
                // Changing the password renews the cookie; it must not restart the 12 hours.
                var changed = "another quite long phrase";
                using var change = await jar.PostFormAsync(client, "account/password", "password", new()
                {
                    ["Input.Current"] = password,
                    ["Input.New"] = changed,
                    ["Input.Confirm"] = changed,
                });
                Assert.Contains("data-testid=\"password-message\"", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                password = changed;
            }

            answers.Add((at, await WhoAsync(jar) == Email));
        }

        Assert.All(answers.Where(a => a.At <= KaminoAuth.AbsoluteTimeout), a => Assert.True(a.SignedIn, $"signed out at {a.At}"));
        Assert.All(answers.Where(a => a.At > KaminoAuth.AbsoluteTimeout), a => Assert.False(a.SignedIn, $"still signed in at {a.At}"));
        using var page = await PageAsync(jar.Sessions[^1]);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        // Signing in again starts a new session.
        await jar.SignInAsync(client, Email, password);
        Assert.Equal(Email, await WhoAsync(jar));
    }

    /// <summary>The signed-in user's name for this session cookie, or null when it is refused (401).</summary>
    private async Task<string?> WhoAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/_test/who");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return await WhoAsync(response);
    }

    private async Task<string?> WhoAsync(CookieJar jar)
    {
        using var response = await jar.GetAsync(client, "api/_test/who");
        return await WhoAsync(response);
    }

    private static async Task<string?> WhoAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The account page, asked for with this session cookie, sends the browser to the sign-in page.</summary>
    private async Task AssertSentToSignInAsync(string cookie)
    {
        using var page = await PageAsync(cookie);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PageAsync(string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "account/password");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
