using System.Buffers.Binary;
using Kamino.Host.Web;

namespace Kamino.Host.Tests.Security;

/// <summary>ASVS 2.4.1, 6.2, 6.3, 7.2, 7.4, 11.4.2 and 14.2.1 through the real sign-in API and CLI.</summary>
public sealed class AuthenticationTests : SecurityServerTests
{
    [Fact]
    public async Task Asvs_6_3_1_FifthWrongPassword_LocksTheAccount_AndTheRightPasswordThenFails()
    {
        const string email = "locked@acme.test";
        await Server.AddUserAsync(email, Workspace);
        using var client = Server.CreateClient(clientIp: "10.0.0.31");

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SecurityServer.PostLoginAsync(client, email, "wrong password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            answers.Add(await DetailAsync(wrong));
        }

        using var right = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password);

        Assert.Equal(["Failed", "Failed", "Failed", "Failed", "LockedOut"], answers);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal("LockedOut", await DetailAsync(right));
        await Server.WithUserAsync(email, (_, user) =>
        {
            var remaining = user.LockoutEnd!.Value - TimeProvider.System.GetUtcNow();
            Assert.InRange(remaining, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.5));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Asvs_2_4_1_LoginAttemptOverTheLimit_Is429WithRetryAfter()
    {
        await using var limited = await SecurityServer.StartAsync("--" + KaminoAuth.LoginAttemptsSetting, "3");
        using var client = limited.CreateClient(clientIp: "10.0.0.41");
        using var other = limited.CreateClient(clientIp: "10.0.0.42");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await SecurityServer.PostLoginAsync(client, "nobody@acme.test", "whatever-password");
            statuses.Add(last.StatusCode);
        }

        using var otherClient = await SecurityServer.PostLoginAsync(other, "nobody@acme.test", "whatever-password");
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = last!.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode); // the limit is per client address
        last.Dispose();
    }

    [Fact]
    public async Task Asvs_11_4_2_StoredPasswordHash_IsPbkdf2HmacSha512WithAtLeast210000Iterations()
    {
        var (exit, _, error) = await RunCliWithStdinAsync(SecurityServer.Password, "users", "add", "--db", Server.Database.Target, "--workspace", Workspace, "--email", "cli@acme.test");
        Assert.True(exit == 0, error);

        await using var db = Server.Database.CreateDbContext();
        var stored = await db.Users.Where(u => u.Email == "cli@acme.test").Select(u => u.PasswordHash).SingleAsync();
        var hash = Convert.FromBase64String(stored!);

        Assert.Equal(0x01, hash[0]); // Identity V3 format
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1))); // KeyDerivationPrf.HMACSHA512
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000u);
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9))); // 128-bit salt
        Assert.Equal(1 + 12 + 16 + 32, hash.Length); // 256-bit subkey
        await Server.LoginAsync("cli@acme.test");
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(8, true)]
    [InlineData(7, false)]
    public async Task Asvs_6_2_1_PasswordLength_64LowercaseAccepted_7Rejected(int length, bool accepted)
    {
        var password = new string('q', length - 3) + "abc";
        var email = $"len{length}@acme.test";

        var (exit, _, error) = await RunCliWithStdinAsync(password, "users", "add", "--db", Server.Database.Target, "--workspace", Workspace, "--email", email);

        Assert.Equal(accepted, exit == 0);
        if (accepted)
        {
            await Server.LoginAsync(email, password);
        }
        else
        {
            Assert.Contains("at least 8", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Asvs_6_3_3_UserWithAuthenticator_GetsNoTokenWithoutTheCode()
    {
        const string email = "totp@acme.test";
        await Server.AddUserAsync(email, Workspace);
        string? key = null;
        await Server.WithUserAsync(email, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        });
        using var client = Server.CreateClient(clientIp: "10.0.0.63");

        using var withoutCode = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password);
        using var wrongCode = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, OtherCode(Totp.Code(key!, Server.Clock.GetUtcNow())));
        using var rightCode = await SecurityServer.PostLoginAsync(client, email, SecurityServer.Password, Totp.Code(key!, Server.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.Equal("RequiresTwoFactor", await DetailAsync(withoutCode));
        Assert.DoesNotContain("accessToken", await withoutCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightCode.StatusCode);
        using var json = JsonDocument.Parse(await rightCode.Content.ReadAsStringAsync());
        using var bearer = Server.CreateBearerClient(json.RootElement.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"api/workspaces/{Workspace}/analysis/pareto")).StatusCode);
    }

    [Fact]
    public async Task Asvs_14_2_1_AccessTokenInQueryString_Is401()
    {
        await Server.AddUserAsync("query@acme.test", Workspace);
        var (token, _) = await Server.LoginAsync("query@acme.test");
        using var client = Server.CreateClient();
        using var bearer = Server.CreateBearerClient(token);

        using var inQuery = await client.GetAsync($"api/workspaces/{Workspace}/analysis/pareto?access_token={Uri.EscapeDataString(token)}");
        using var inHeader = await bearer.GetAsync($"api/workspaces/{Workspace}/analysis/pareto");

        Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inHeader.StatusCode);
    }

    [Fact]
    public async Task Asvs_7_2_3_RefreshToken_GivesAWorkingToken_AndIsRefusedForADisabledUser()
    {
        const string email = "refresh@acme.test";
        await Server.AddUserAsync(email, Workspace);
        var (_, refresh) = await Server.LoginAsync(email);
        using var client = Server.CreateClient();

        using var refreshed = await client.PostAsJsonAsync("api/auth/refresh", new { refreshToken = refresh });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using var json = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync());
        using var bearer = Server.CreateBearerClient(json.RootElement.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"api/workspaces/{Workspace}/analysis/pareto")).StatusCode);
        using var forged = await client.PostAsJsonAsync("api/auth/refresh", new { refreshToken = refresh[..^4] + "AAAA" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        var (exit, _, error) = await CliRunner.RunAsync("users", "disable", email, "--db", Server.Database.Target);
        Assert.True(exit == 0, error);
        using var afterDisable = await client.PostAsJsonAsync("api/auth/refresh", new { refreshToken = refresh });

        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
    }

    [Fact]
    public async Task Asvs_7_4_2_DisabledUser_BearerTokenStopsAtOnce()
    {
        const string email = "disabled@acme.test";
        await Server.AddUserAsync(email, Workspace);
        var (token, _) = await Server.LoginAsync(email);
        using var bearer = Server.CreateBearerClient(token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"api/workspaces/{Workspace}/analysis/pareto")).StatusCode);

        var (exit, _, error) = await CliRunner.RunAsync("users", "disable", email, "--db", Server.Database.Target);
        Assert.True(exit == 0, error);
        using var after = await bearer.GetAsync($"api/workspaces/{Workspace}/analysis/pareto");
        using var login = await SecurityServer.PostLoginAsync(Server.CreateClient(), email, SecurityServer.Password);

        Assert.Contains(after.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Unauthorized });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Asvs_7_4_2_DisabledUser_CookieSessionEndsAtOnce()
    {
        const string email = "session@acme.test";
        await Server.AddUserAsync(email, Workspace);
        var cookie = await Server.CookieSignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await WhoAsync(cookie)).StatusCode);

        var (exit, _, error) = await CliRunner.RunAsync("users", "disable", email, "--db", Server.Database.Target);
        Assert.True(exit == 0, error);

        // The security stamp is checked on every request (KaminoAuth.CookieValidationInterval): no waiting, the
        // clock does not move. The workspace API, any other API and pages all refuse the cookie.
        using var api = new HttpRequestMessage(HttpMethod.Get, $"api/workspaces/{Workspace}/analysis/pareto");
        api.Headers.Add("Cookie", cookie);
        using var apiAnswer = await Server.CreateClient().SendAsync(api);
        using var who = await WhoAsync(cookie);
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, $"w/{Workspace}");
        pageRequest.Headers.Add("Cookie", cookie);
        using var page = await Server.CreateClient().SendAsync(pageRequest);

        Assert.Equal(TimeSpan.Zero, KaminoAuth.CookieValidationInterval);
        Assert.Equal(HttpStatusCode.Unauthorized, apiAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, who.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(KaminoAuth.RevalidationInterval <= TimeSpan.FromMinutes(1), "open circuits are re-checked every minute");
    }

    [Fact]
    public async Task Asvs_7_4_2_UserRemovedFromTheWorkspace_BearerTokenGets404()
    {
        const string email = "removed@acme.test";
        var userId = await Server.AddUserAsync(email, Workspace);
        var (token, _) = await Server.LoginAsync(email);
        using var bearer = Server.CreateBearerClient(token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"api/workspaces/{Workspace}/analysis/pareto")).StatusCode);

        await using (var db = Server.Database.CreateDbContext())
        {
            await db.Memberships.Where(m => m.UserId == userId).ExecuteDeleteAsync();
        }

        using var after = await bearer.GetAsync($"api/workspaces/{Workspace}/analysis/pareto");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    private async Task<HttpResponseMessage> WhoAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/_test/who");
        request.Headers.Add("Cookie", cookie);
        using var client = Server.CreateClient();
        return await client.SendAsync(request);
    }

    private static string OtherCode(string code) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    internal static async Task<(int Exit, string Out, string Error)> RunCliWithStdinAsync(string stdin, params string[] args)
    {
        var previous = Console.In;
        Console.SetIn(new StringReader(stdin + "\n"));
        try
        {
            return await CliRunner.RunAsync(args);
        }
        finally
        {
            Console.SetIn(previous);
        }
    }
}
