using Kamino.Host.Tests.Analysis;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.SignIn;

/// <summary>The sign-in pages and the rule of every workspace page, over HTTP as a browser without scripts would use them.</summary>
public sealed class AccountPagesTests(SmallSalesServer fixture) : IClassFixture<SmallSalesServer>
{
    [Theory]
    [InlineData("w/acme", "%2Fw%2Facme")]
    [InlineData("w/acme?all=true", "%2Fw%2Facme%3Fall%3Dtrue")]
    [InlineData("", "%2F")]
    [InlineData("account/password", "%2Faccount%2Fpassword")]
    [InlineData("account/2fa", "%2Faccount%2F2fa")]
    public async Task Page_NotSignedIn_RedirectsToSignInAndBack(string path, string returnUrl)
    {
        using var client = AnonymousClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(fixture.Server.Address, response.Headers.Location!);
        Assert.Equal("/account/login", location.AbsolutePath);
        Assert.Equal("?ReturnUrl=" + returnUrl, location.Query);
    }

    [Fact]
    public async Task WorkspacePage_MemberOfAnotherWorkspace_IsTheNotFoundPage()
    {
        using var outsider = await fixture.Server.SignedInClientAsync(SmallSalesServer.Outsider);
        using var request = new HttpRequestMessage(HttpMethod.Get, "w/acme");
        request.Headers.AcceptLanguage.ParseAdd("en");

        using var response = await outsider.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is no workspace 'acme'.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryWorkspacePage_RequiresASignedInMember()
    {
        var pages = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/w/", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        Assert.Contains(pages, p => p.RoutePattern.RawText == "/w/{Workspace}");
        Assert.All(pages, p =>
        {
            Assert.NotNull(p.Metadata.GetMetadata<IAuthorizeData>());
            Assert.NotNull(p.Metadata.GetMetadata<WorkspaceScoped>());
        });
    }

    [Theory]
    [InlineData("en", "Sign in", "Keep me signed in")]
    [InlineData("es", "Iniciar sesión", "Mantener la sesión")]
    public async Task SignInPage_SpeaksTheUsersLanguage(string language, string title, string rememberMe)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "account/login");
        request.Headers.AcceptLanguage.ParseAdd(language);

        using var response = await fixture.Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(rememberMe, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInForm_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = AnonymousClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = SmallSalesServer.Member,
            ["Input.Password"] = KaminoTestServer.Password,
        });

        using var response = await client.PostAsync("account/login", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("kamino=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignInForm_DisabledAccount_CannotSignIn()
    {
        const string email = "disabled@acme.test";
        await fixture.Server.AddUserAsync(email, Role.Director, SmallSalesServer.Workspace);
        await fixture.Server.WithUserAsync(email, async (users, user) =>
        {
            user.DisabledAt = TimeProvider.System.GetUtcNow();
            return await users.UpdateAsync(user);
        });
        using var client = AnonymousClient();

        using var response = await Forms.PostAsync(client, "account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = KaminoTestServer.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"sign-in-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await client.GetAsync("w/acme");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task SignOut_ByGet_IsNotPossible()
    {
        using var response = await fixture.Pages.GetAsync("account/logout");

        // No GET endpoint there (routing's 405 is shown as the not-found page).
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound });
        using var stillIn = await fixture.Pages.GetAsync("w/acme");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentPassword()
    {
        const string email = "changes-password@acme.test";
        const string newPassword = "another long password";
        await fixture.Server.AddUserAsync(email, Role.Kam, SmallSalesServer.Workspace);
        using var client = await fixture.Server.SignedInClientAsync(email);

        using var wrong = await Forms.PostAsync(client, "account/password", "password", new()
        {
            ["Input.Current"] = "not my password",
            ["Input.New"] = newPassword,
            ["Input.Confirm"] = newPassword,
        });
        Assert.Contains("data-testid=\"password-errors\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var stillOld = await fixture.Server.PostLoginAsync(email, KaminoTestServer.Password))
        {
            Assert.Equal(HttpStatusCode.OK, stillOld.StatusCode);
        }

        using var tooShort = await Forms.PostAsync(client, "account/password", "password", new()
        {
            ["Input.Current"] = KaminoTestServer.Password,
            ["Input.New"] = "short",
            ["Input.Confirm"] = "short",
        });
        Assert.Contains("at least 8 characters", WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var right = await Forms.PostAsync(client, "account/password", "password", new()
        {
            ["Input.Current"] = KaminoTestServer.Password,
            ["Input.New"] = newPassword,
            ["Input.Confirm"] = newPassword,
        });
        Assert.Contains("data-testid=\"password-message\"", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var old = await fixture.Server.PostLoginAsync(email, KaminoTestServer.Password);
        using var @new = await fixture.Server.PostLoginAsync(email, newPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, @new.StatusCode);
        // The session that changed the password goes on.
        using var page = await client.GetAsync("w/acme");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private HttpClient AnonymousClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
}
