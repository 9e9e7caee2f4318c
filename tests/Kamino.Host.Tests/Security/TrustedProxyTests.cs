using Kamino.Host.Web;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> count only from the proxies in <c>Kamino:TrustedProxies</c>
/// (none by default): otherwise any client on this machine could pick the address the sign-in limit sees.
/// </summary>
public sealed class TrustedProxyTests
{
    [Fact]
    public async Task NoTrustedProxy_XForwardedForFromLoopback_DoesNotChangeTheAddressOfTheSignInLimit()
    {
        await using var server = await SecurityServer.StartAsync("--" + TrustedProxies.Setting, "", "--" + KaminoAuth.LoginAttemptsSetting, "2");

        var statuses = await SignInFromTwoForwardedAddressesAsync(server);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.All(server.Log.Security.Where(e => e.EventId.Id == 1601), e => Assert.Equal("127.0.0.1", e.Values["ClientIp"]));
    }

    [Fact]
    public async Task LoopbackTrusted_XForwardedForFromLoopback_IsTheAddressOfTheSignInLimit()
    {
        await using var server = await SecurityServer.StartAsync("--" + TrustedProxies.Setting, "127.0.0.1", "--" + KaminoAuth.LoginAttemptsSetting, "2");

        var statuses = await SignInFromTwoForwardedAddressesAsync(server);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
        Assert.Contains(server.Log.Security, e => e.EventId.Id == 1601 && (string?)e.Values["ClientIp"] == "10.0.0.92");
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("127.0.0.0/8", true)]
    [InlineData("10.0.0.5, 127.0.0.1", true)]
    public async Task XForwardedProto_CountsOnlyFromATrustedProxy(string trusted, bool https)
    {
        await using var server = await SecurityServer.StartAsync("--" + TrustedProxies.Setting, trusted);
        using var client = server.CreateClient(https: true, host: "kamino.test");

        using var response = await client.GetAsync("favicon.svg");

        // HSTS is sent only over https (as the request reached the proxy).
        Assert.Equal(https, response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task TrustedProxies_NotAnAddressOrNetwork_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await SecurityServer.StartAsync("--" + TrustedProxies.Setting, "proxy.example.com"));

        Assert.Contains("proxy.example.com", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<HttpStatusCode>> SignInFromTwoForwardedAddressesAsync(SecurityServer server)
    {
        using var first = server.CreateClient(clientIp: "10.0.0.91");
        using var second = server.CreateClient(clientIp: "10.0.0.92");
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { first, first, second })
        {
            using var response = await SecurityServer.PostLoginAsync(client, "nobody@acme.test", "whatever-password");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
