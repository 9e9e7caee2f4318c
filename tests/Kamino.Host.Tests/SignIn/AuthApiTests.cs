using System.Net.Http.Headers;
using Kamino.Host.Tests.Analysis;

namespace Kamino.Host.Tests.SignIn;

/// <summary>Scripts sign in with <c>POST /api/auth/login</c> and call the API with the bearer token.</summary>
public sealed class AuthApiTests(SmallSalesServer fixture) : IClassFixture<SmallSalesServer>
{
    private const string Pareto = "api/workspaces/acme/analysis/pareto";

    [Fact]
    public async Task Pareto_WithoutCredentials_Is401()
    {
        using var response = await fixture.Server.Client.GetAsync(Pareto);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pareto_WithABadToken_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Pareto);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = await fixture.Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pareto_MemberOfAnotherWorkspace_Is404LikeAWorkspaceThatDoesNotExist()
    {
        using var outsider = await fixture.Server.BearerClientAsync(SmallSalesServer.Outsider);

        using var foreign = await outsider.GetAsync(Pareto);
        using var own = await outsider.GetAsync($"api/workspaces/{SmallSalesServer.OtherWorkspace}/analysis/pareto");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Alpha", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Login_ThenPareto_ReturnsTheWorkspacesReport()
    {
        using var login = await fixture.Server.PostLoginAsync(SmallSalesServer.Member, KaminoTestServer.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var tokens = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", tokens.RootElement.GetProperty("tokenType").GetString());
        Assert.True(tokens.RootElement.GetProperty("expiresIn").GetInt32() > 0);

        using var request = new HttpRequestMessage(HttpMethod.Get, Pareto);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("accessToken").GetString());
        using var response = await fixture.Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1000.00m, report.RootElement.GetProperty("totalRevenue").GetDecimal());
    }

    [Fact]
    public async Task Login_WrongPassword_Is401WithoutToken()
    {
        using var response = await fixture.Server.PostLoginAsync(SmallSalesServer.Member, "not the password at all");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_TwoFactorUser_NeedsTheAuthenticatorCode()
    {
        const string email = "two-factor-api@acme.test";
        await fixture.Server.AddUserAsync(email, Role.Kam, SmallSalesServer.Workspace);
        var key = await fixture.Server.WithUserAsync(email, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return await users.GetAuthenticatorKeyAsync(user);
        });

        using var withoutCode = await fixture.Server.PostLoginAsync(email, KaminoTestServer.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        using (var problem = JsonDocument.Parse(await withoutCode.Content.ReadAsStringAsync()))
        {
            Assert.Equal("RequiresTwoFactor", problem.RootElement.GetProperty("detail").GetString());
        }

        using var wrongCode = await fixture.Server.PostLoginAsync(email, KaminoTestServer.Password, "000000" == Totp.Code(key!, TimeProvider.System.GetUtcNow()) ? "111111" : "000000");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);

        using var withCode = await fixture.Server.PostLoginAsync(email, KaminoTestServer.Password, Totp.Code(key!, TimeProvider.System.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        using var tokens = JsonDocument.Parse(await withCode.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, Pareto);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("accessToken").GetString());
        using var response = await fixture.Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Totp_MatchesTheRfc6238TestVector()
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 below): 94287082 and 07081804 with 8 digits.
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal("081804", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(1111111109)));
    }
}
