namespace Kamino.Host.Tests.Security;

/// <summary>
/// Bearer and refresh tokens die with their credentials (ASVS 7.4.1, 7.4.2, 10.4.5): the security stamp and the
/// account are checked on every request, and a refresh token works once, its reuse revoking its family.
/// </summary>
public sealed class TokenLifetimeTests : SecurityServerTests
{
    private const string Tasks = "api/workspaces/acme/tasks/mine";
    [Fact]
    public async Task PasswordSetByTheCli_OldBearerTokenIsRefusedAtOnce()
    {
        const string email = "changed@acme.test";
        await Server.AddUserAsync(email, Workspace);
        var (token, refresh) = await Server.LoginAsync(email);
        using var bearer = Server.CreateBearerClient(token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(Tasks)).StatusCode);

        var (exit, _, error) = await AuthenticationTests.RunCliWithStdinAsync("a brand new passphrase", "users", "password", email, "--db", Server.Database.Target);
        Assert.True(exit == 0, error);

        using var read = await bearer.GetAsync(Tasks);
        using var write = await bearer.PostAsJsonAsync("api/_test/who", new { });
        using var refreshed = await Server.CreateClient().PostAsJsonAsync("api/auth/refresh", new { refreshToken = refresh });
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
    }

    [Fact]
    public async Task DisabledUser_BearerTokenCannotReadMyWorkspaces()
    {
        const string email = "disabled.me@acme.test";
        await Server.AddUserAsync(email, Workspace);
        var (token, _) = await Server.LoginAsync(email);
        using var bearer = Server.CreateBearerClient(token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("api/me/workspaces")).StatusCode);

        var (exit, _, error) = await CliRunner.RunAsync("users", "disable", email, "--db", Server.Database.Target);
        Assert.True(exit == 0, error);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("api/me/workspaces")).StatusCode);
    }

    [Fact]
    public async Task RefreshToken_WorksOnce_AndItsReuseRevokesTheFamily()
    {
        const string email = "rotate@acme.test";
        await Server.AddUserAsync(email, Workspace);
        var (_, first) = await Server.LoginAsync(email);
        var (_, otherLogin) = await Server.LoginAsync(email);
        using var client = Server.CreateClient();

        var (secondAccess, second) = await RefreshAsync(client, first);
        Assert.Equal(HttpStatusCode.OK, (await Server.CreateBearerClient(secondAccess).GetAsync(Tasks)).StatusCode);

        using var reused = await client.PostAsJsonAsync("api/auth/refresh", new { refreshToken = first });
        using var afterReuse = await client.PostAsJsonAsync("api/auth/refresh", new { refreshToken = second });
        using var accessAfterReuse = await Server.CreateBearerClient(secondAccess).GetAsync(Tasks);

        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, accessAfterReuse.StatusCode);
        // Another sign-in of the same user is another family: untouched.
        var (otherAccess, _) = await RefreshAsync(client, otherLogin);
        Assert.Equal(HttpStatusCode.OK, (await Server.CreateBearerClient(otherAccess).GetAsync(Tasks)).StatusCode);
    }

    [Fact]
    public async Task RefreshToken_ChainOfRotations_EachNewOneWorks()
    {
        const string email = "chain@acme.test";
        await Server.AddUserAsync(email, Workspace);
        var (_, refresh) = await Server.LoginAsync(email);
        using var client = Server.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (_, refresh) = await RefreshAsync(client, refresh);
        }

        var (access, _) = await RefreshAsync(client, refresh);
        Assert.Equal(HttpStatusCode.OK, (await Server.CreateBearerClient(access).GetAsync(Tasks)).StatusCode);
    }

    private static async Task<(string Access, string Refresh)> RefreshAsync(HttpClient client, string refreshToken)
    {
        using var response = await client.PostAsJsonAsync("api/auth/refresh", new { refreshToken });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("accessToken").GetString()!, json.RootElement.GetProperty("refreshToken").GetString()!);
    }
}
