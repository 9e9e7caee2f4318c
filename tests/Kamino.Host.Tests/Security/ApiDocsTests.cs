using Kamino.Host.Web;

namespace Kamino.Host.Tests.Security;

/// <summary>ASVS 13.4.5: the OpenAPI document and the API reference need a signed-in user unless a setting opens them; no Server header.</summary>
public sealed class ApiDocsTests
{
    private static readonly string[] Docs = ["openapi/v1.json", "scalar/v1"];

    [Fact]
    public async Task Asvs_13_4_5_ApiDocs_InProduction_AnonymousIsSentToSignIn_SignedInGets200()
    {
        await using var server = await SecurityServer.StartAsync("--environment", "Production", "--" + WebApp.PublicApiDocsSetting, "false");
        await server.AddUserAsync("reader@acme.test");
        using var anonymous = server.CreateClient();
        using var bearer = server.CreateBearerClient((await server.LoginAsync("reader@acme.test")).AccessToken);
        var cookie = await server.CookieSignInAsync("reader@acme.test");

        foreach (var path in Docs)
        {
            using var refused = await anonymous.GetAsync(path);
            Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{path}: {(int)refused.StatusCode}");
            if (refused.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/account/login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("Kamino API", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var withToken = await bearer.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            using var withCookie = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        }
    }

    [Fact]
    public async Task Asvs_13_4_5_ApiDocs_WithPublicApiDocsSetting_AnswerAnonymousUsers()
    {
        await using var server = await SecurityServer.StartAsync("--environment", "Production", "--" + WebApp.PublicApiDocsSetting, "true");
        using var anonymous = server.CreateClient();

        foreach (var path in Docs)
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Asvs_13_4_5_NoResponse_HasAServerHeader()
    {
        await using var server = await SecurityServer.StartAsync("--" + WebApp.PublicApiDocsSetting, "false");
        using var client = server.CreateClient();

        foreach (var path in new[] { "", "account/login", "openapi/v1.json", "api/me/workspaces", "api/_test/boom", "no-such-page", "favicon.svg" })
        {
            using var response = await client.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
        }
    }
}
