using Kamino.Workspaces;

namespace Kamino.Host.Tests.SignIn;

/// <summary>The sign-in form shares the API's limit of sign-in attempts per client address (here 3 a minute).</summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private const string Email = "limited@acme.test";

    private KaminoTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await KaminoTestServer.StartAsync(
            async database =>
            {
                await using var db = database.CreateDbContext();
                db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() });
                await db.SaveChangesAsync();
            },
            "--Kamino:LoginAttemptsPerMinute", "3");
        await server.AddUserAsync(Email, Role.Director, "acme");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task SignInForm_FourthAttemptInAMinute_Is429WithRetryAfter()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var wrong = new Dictionary<string, string> { ["Input.Email"] = Email, ["Input.Password"] = "wrong password, again" };

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var response = await Forms.PostAsync(client, "account/login", "login", wrong);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Showing the form is no attempt; posting it again is, even with the right password.
        using var fourth = await Forms.PostAsync(client, "account/login", "login", new() { ["Input.Email"] = Email, ["Input.Password"] = KaminoTestServer.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.DoesNotContain(fourth.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("kamino=", StringComparison.Ordinal)));

        using var api = await server.PostLoginAsync(Email, KaminoTestServer.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
    }
}
