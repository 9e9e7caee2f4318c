using Kamino.Host.Web;
using Microsoft.Extensions.Logging;

namespace Kamino.Host.Tests.Security;

/// <summary>ASVS 16.3.1–16.3.3 (security events with who, where from and when) and 16.4.1 (log injection).</summary>
public sealed class SecurityLogTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private SecurityServer server = null!;

    public async Task InitializeAsync()
    {
        server = await SecurityServer.StartAsync();
        await server.AddWorkspaceAsync(Workspace);
        await server.AddWorkspaceAsync("other");
        await server.AddUserAsync("kam@acme.test", Workspace, Role.Viewer);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Asvs_16_3_1_SignInSuccessFailureAndLockout_AreLoggedWithUserIpAndUtcTime()
    {
        using var client = server.CreateClient(clientIp: "203.0.113.7");

        using var ok = await SecurityServer.PostLoginAsync(client, "kam@acme.test", SecurityServer.Password);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SecurityServer.PostLoginAsync(client, "kam@acme.test", "not the password");
        }

        using var unknown = await SecurityServer.PostLoginAsync(client, "nobody@acme.test", "not the password");

        var events = server.Log.Security;
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        AssertEvent(events, 1600, LogLevel.Information, "kam@acme.test");
        Assert.Equal(4, events.Count(e => e.EventId.Id == 1601 && (string?)e.Values["User"] == "kam@acme.test"));
        AssertEvent(events, 1602, LogLevel.Warning, "kam@acme.test");
        AssertEvent(events, 1601, LogLevel.Warning, "nobody@acme.test");
    }

    [Fact]
    public async Task Asvs_16_3_2_ForbiddenAndCrossWorkspaceRequests_AreLoggedWithUserIpAndUtcTime()
    {
        var (token, _) = await server.LoginAsync("kam@acme.test");
        using var client = server.CreateBearerClient(token);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var denied = ApiEndpoints.WithPermissions(server.Services, Workspace).FirstOrDefault(c => !Permissions.Allows(Role.Viewer, c.Permission!.Value));

        using var foreign = await client.GetAsync("api/workspaces/other/analysis/pareto");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var notMember = AssertEvent(server.Log.Security, 1604, LogLevel.Warning, null);
        Assert.Equal("other", notMember.Values["Workspace"]);
        Assert.False(string.IsNullOrEmpty((string?)notMember.Values["UserId"]) || (string?)notMember.Values["UserId"] == "-");

        // 403 needs an endpoint a Viewer may not use; the write endpoints are being added.
        if (denied is not null)
        {
            using var request = denied.ToRequest();
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var forbidden = AssertEvent(server.Log.Security, 1603, LogLevel.Warning, null);
            Assert.Equal(denied.Permission.ToString(), forbidden.Values["Permission"]);
        }
    }

    [Fact]
    public async Task Asvs_16_3_1_SignInForm_FailureAndSuccess_AreLoggedWithUserIpAndUtcTime()
    {
        using var client = server.CreateClient(clientIp: "203.0.113.7");
        using var page = await client.GetAsync("account/login");
        var html = await page.Content.ReadAsStringAsync();
        var cookies = string.Join("; ", SecurityServer.SetCookies(page).Select(c => c.Split(';')[0]));

        async Task<HttpResponseMessage> PostAsync(string password)
        {
            var fields = Forms.HiddenFields(html, "login");
            fields["Input.Email"] = "kam@acme.test";
            fields["Input.Password"] = password;
            using var request = new HttpRequestMessage(HttpMethod.Post, "account/login") { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("Cookie", cookies);
            return await client.SendAsync(request);
        }

        using var wrong = await PostAsync("not the password");
        Assert.DoesNotContain(server.Log.Security, e => e.EventId.Id == 1600);
        using var right = await PostAsync(SecurityServer.Password);

        var events = server.Log.Security;
        AssertEvent(events, 1601, LogLevel.Warning, "kam@acme.test");
        var success = AssertEvent(events, 1600, LogLevel.Information, "kam@acme.test");
        Assert.Equal("cookie", success.Values["Scheme"]);
    }

    [Fact]
    public async Task Asvs_16_4_1_UserNameWithNewline_IsOneRecordOnOneLine()
    {
        using var client = server.CreateClient(clientIp: "203.0.113.9");

        using var response = await SecurityServer.PostLoginAsync(client, "eve@acme.test\nSign-in succeeded for admin@acme.test", "whatever-password");

        var record = Assert.Single(server.Log.Security, r => r.EventId.Id == 1601);
        Assert.DoesNotContain('\n', record.Message);
        Assert.DoesNotContain('\r', record.Message);
        Assert.Contains("eve@acme.test\\u000aSign-in", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Log.Security, r => r.EventId.Id == 1600);
    }

    private LogRecord AssertEvent(IReadOnlyList<LogRecord> events, int id, LogLevel level, string? user)
    {
        var record = events.LastOrDefault(e => e.EventId.Id == id && (user is null || (string?)e.Values["User"] == user));
        Assert.True(record is not null, $"no event {id} for {user}; got: {string.Join(" | ", events.Select(e => e.Message))}");
        Assert.Equal(level, record.Level);
        Assert.Equal("203.0.113.7", record.Values["ClientIp"]);
        var time = DateTimeOffset.Parse((string)record.Values["TimeUtc"]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.InRange(time, server.Clock.GetUtcNow().AddMinutes(-1), server.Clock.GetUtcNow().AddSeconds(1));
        Assert.EndsWith("Z", (string)record.Values["TimeUtc"]!, StringComparison.Ordinal);
        Assert.Equal(SecurityLog.Category, record.Category);
        return record;
    }
}
