namespace Kamino.Host.Tests.SignIn;

/// <summary>
/// Refresh-token rotation and one-time authenticator codes keep their state in Identity's user tokens (a conditional
/// UPDATE, a concurrency stamp): the same behaviour on SQLite and on PostgreSQL.
/// </summary>
public abstract class TokenRotationTests(TeamServer fixture)
{
    [Fact]
    public async Task RefreshToken_SecondUse_IsRefused_AndRevokesTheNewerOne()
    {
        var email = "rotation-" + Guid.NewGuid().ToString("N")[..6] + "@acme.test";
        await fixture.Server.AddUserAsync(email, Role.Kam, TeamServer.Slug);
        using var login = await fixture.Server.PostLoginAsync(email, KaminoTestServer.Password);
        var first = await RefreshTokenAsync(login);

        using var exchanged = await RefreshAsync(first);
        var second = await RefreshTokenAsync(exchanged);
        using var reused = await RefreshAsync(first);
        using var afterReuse = await RefreshAsync(second);

        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task AuthenticatorCode_SecondUse_IsRefused()
    {
        var email = "totp-" + Guid.NewGuid().ToString("N")[..6] + "@acme.test";
        await fixture.Server.AddUserAsync(email, Role.Kam, TeamServer.Slug);
        var key = await fixture.Server.WithUserAsync(email, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return (await users.GetAuthenticatorKeyAsync(user))!;
        });
        var code = Totp.Code(key, TimeProvider.System.GetUtcNow());

        using var first = await fixture.Server.PostLoginAsync(email, KaminoTestServer.Password, code);
        using var again = await fixture.Server.PostLoginAsync(email, KaminoTestServer.Password, code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        fixture.Server.Client.PostAsJsonAsync("api/auth/refresh", new { refreshToken });

    private static async Task<string> RefreshTokenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("refreshToken").GetString()!;
    }
}

/// <summary><see cref="TokenRotationTests"/> on SQLite.</summary>
public sealed class SqliteTokenRotationTests(TeamServer fixture) : TokenRotationTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="TokenRotationTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresTokenRotationTests(PostgresTeamServer fixture) : TokenRotationTests(fixture), IClassFixture<PostgresTeamServer>;
