using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// ASVS 3.3.1–3.3.4 with <c>Kamino:SecureCookies</c> on, as behind a TLS proxy (<c>X-Forwarded-Proto: https</c>):
/// every cookie the app sets — session, antiforgery, second-factor, culture — is <c>__Host-</c>, Secure, Path=/,
/// without Domain.
/// </summary>
public sealed partial class CookieTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private SecurityServer server = null!;

    public async Task InitializeAsync()
    {
        server = await SecurityServer.StartAsync("--Kamino:SecureCookies", "true");
        await server.AddWorkspaceAsync(Workspace);
        await server.AddUserAsync("director@acme.test", Workspace);
        await server.AddUserAsync("totp@acme.test", Workspace);
        await server.WithUserAsync("totp@acme.test", async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Asvs_3_3_1_EverySetCookie_HasHostPrefixSecurePathRoot()
    {
        var cookies = await CollectSetCookiesAsync();

        Assert.Contains(cookies, c => c.StartsWith("__Host-kamino=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-kamino-af=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-kamino-2fa=", StringComparison.Ordinal));
        Assert.All(cookies, cookie =>
        {
            var attributes = Attributes(cookie);
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.Contains("secure", attributes.Keys);
            Assert.Equal("/", attributes.GetValueOrDefault("path"));
            Assert.DoesNotContain("domain", attributes.Keys);
        });
    }

    [Fact]
    public async Task Asvs_3_3_2_And_3_3_4_SessionCookie_IsHttpOnlyAndSameSiteLaxOrStrict()
    {
        var session = Assert.Single(await CollectSetCookiesAsync(), c => c.StartsWith("__Host-kamino=", StringComparison.Ordinal));
        var attributes = Attributes(session);

        Assert.Contains("httponly", attributes.Keys);
        Assert.Contains(attributes.GetValueOrDefault("samesite"), new[] { "lax", "strict" });
    }

    /// <summary>The Set-Cookie headers of: a page with a form, a language change, a cookie sign-in and a password-only API sign-in of a 2FA user.</summary>
    private async Task<List<string>> CollectSetCookiesAsync()
    {
        using var client = server.CreateClient(https: true);
        var all = new List<string>();

        using var page = await client.GetAsync("no/such/page");
        all.AddRange(SecurityServer.SetCookies(page));
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = all.Select(c => c.Split(';')[0]).Single(c => c.StartsWith("__Host-kamino-af=", StringComparison.Ordinal));

        using var culture = new HttpRequestMessage(HttpMethod.Post, "culture");
        culture.Headers.Add("Cookie", antiforgery);
        culture.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormToken().Match(html).Groups[1].Value,
            ["culture"] = "es",
            ["returnUrl"] = "/",
        });
        using var cultureAnswer = await client.SendAsync(culture);
        Assert.Equal(HttpStatusCode.Redirect, cultureAnswer.StatusCode);
        all.AddRange(SecurityServer.SetCookies(cultureAnswer));

        using var signIn = await client.PostAsJsonAsync("_test/cookie-sign-in", new { email = "director@acme.test" });
        all.AddRange(SecurityServer.SetCookies(signIn));

        using var twoFactor = await SecurityServer.PostLoginAsync(client, "totp@acme.test", SecurityServer.Password);
        all.AddRange(SecurityServer.SetCookies(twoFactor));
        return all;
    }

    private static Dictionary<string, string> Attributes(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1)
            .Select(a => a.Split('=', 2))
            .ToDictionary(a => a[0].ToLowerInvariant(), a => a.Length > 1 ? a[1].ToLowerInvariant() : "");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
