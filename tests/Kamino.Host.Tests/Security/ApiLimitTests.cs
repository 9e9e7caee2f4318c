using Kamino.Host.Web;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// Per-user limits on the API (issue 10 item 8): a user over a limit gets 429 with <c>Retry-After</c> while another
/// user, from the same address, is served. Requests to the test endpoint <c>/api/_test/hold</c> (marked expensive)
/// stay in flight until the test releases them.
/// </summary>
public sealed class ApiLimitTests
{
    private const string Workspace = "acme";

    [Fact]
    public async Task Api_UserOverTheConcurrencyLimit_Is429WithRetryAfter_WhileAnotherUserGets200()
    {
        await using var server = await SecurityServer.StartAsync(
            "--" + ApiLimits.ConcurrentSetting, "2", "--" + ApiLimits.ExpensiveConcurrentSetting, "0");
        var (a, b) = await TwoUsersAsync(server);

        var held = new[] { a.GetAsync("api/_test/hold"), a.GetAsync("api/_test/hold") };
        await InFlightAsync(server, held);
        using var third = await a.GetAsync("api/me/workspaces");
        using var other = await b.GetAsync("api/me/workspaces");
        server.Release.SetResult();
        var released = await Task.WhenAll(held);
        using var after = await a.GetAsync("api/me/workspaces");

        AssertTooMany(third);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.All(released, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        DisposeAll(released, a, b);
    }

    [Fact]
    public async Task ExpensiveEndpoint_OverItsConcurrencyLimit_Is429ForThatUserOnly_OtherEndpointsServed()
    {
        await using var server = await SecurityServer.StartAsync("--" + ApiLimits.ExpensiveConcurrentSetting, "1");
        var (a, b) = await TwoUsersAsync(server);

        var held = a.GetAsync("api/_test/hold");
        await InFlightAsync(server, held);
        using var pareto = await a.GetAsync($"api/workspaces/{Workspace}/analysis/pareto");
        using var customers = await a.GetAsync($"api/workspaces/{Workspace}/customers");
        using var cheap = await a.GetAsync("api/me/workspaces");
        using var otherPareto = await b.GetAsync($"api/workspaces/{Workspace}/analysis/pareto");
        server.Release.SetResult();
        using var released = await held;

        AssertTooMany(pareto);
        AssertTooMany(customers);
        Assert.Equal(HttpStatusCode.OK, cheap.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherPareto.StatusCode);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        DisposeAll([], a, b);
    }

    [Fact]
    public async Task Api_UserOverTheRequestsPerMinute_Is429WithRetryAfter_WhileAnotherUserGets200()
    {
        await using var server = await SecurityServer.StartAsync("--" + ApiLimits.PerMinuteSetting, "3");
        var (a, b) = await TwoUsersAsync(server);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await a.GetAsync("api/me/workspaces");
            statuses.Add(ok.StatusCode);
        }

        using var fourth = await a.GetAsync("api/me/workspaces");
        using var other = await b.GetAsync("api/me/workspaces");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        AssertTooMany(fourth);
        Assert.InRange(fourth.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        DisposeAll([], a, b);
    }

    [Fact]
    public async Task Api_AnonymousCallers_AreLimitedPerClientAddress()
    {
        await using var server = await SecurityServer.StartAsync("--" + ApiLimits.PerMinuteSetting, "2", "--" + KaminoAuth.LoginAttemptsSetting, "100");
        using var client = server.CreateClient(clientIp: "10.0.0.81");
        using var other = server.CreateClient(clientIp: "10.0.0.82");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var refused = await SecurityServer.PostLoginAsync(client, "nobody@acme.test", "whatever-password");
            statuses.Add(refused.StatusCode);
        }

        using var third = await SecurityServer.PostLoginAsync(client, "nobody@acme.test", "whatever-password");
        using var otherFirst = await SecurityServer.PostLoginAsync(other, "nobody@acme.test", "whatever-password");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
        AssertTooMany(third);
        Assert.Equal(HttpStatusCode.Unauthorized, otherFirst.StatusCode);
    }

    [Theory]
    [InlineData("en", "Too many requests")]
    [InlineData("es", "Demasiadas peticiones")]
    public async Task FormPost_OverTheLimit_Is429WithRetryAfterAndAMessageInTheUsersLanguage(string language, string message)
    {
        await using var server = await SecurityServer.StartAsync("--" + ApiLimits.PerMinuteSetting, "1");
        using var client = server.CreateClient(clientIp: "10.0.0.83");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var first = await client.PostAsync("culture", new FormUrlEncodedContent([new("culture", "es")]));
        using var second = await client.PostAsync("culture", new FormUrlEncodedContent([new("culture", "es")]));

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode); // no antiforgery token: refused, but counted
        AssertTooMany(second);
        Assert.Contains(message, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<(HttpClient A, HttpClient B)> TwoUsersAsync(SecurityServer server)
    {
        await server.AddWorkspaceAsync(Workspace);
        await server.AddUserAsync("a@acme.test", Workspace);
        await server.AddUserAsync("b@acme.test", Workspace);
        var a = server.CreateBearerClient((await server.LoginAsync("a@acme.test")).AccessToken);
        var b = server.CreateBearerClient((await server.LoginAsync("b@acme.test")).AccessToken);
        return (a, b);
    }

    /// <summary>Waits until every one of <paramref name="holds"/> is in flight at the server; fails if one answers first.</summary>
    private static async Task InFlightAsync(SecurityServer server, params Task<HttpResponseMessage>[] holds)
    {
        var anyAnswered = Task.WhenAny(holds);
        foreach (var _ in holds)
        {
            var entered = server.Held.WaitAsync();
            if (await Task.WhenAny(entered, anyAnswered) != entered)
            {
                var answered = await await anyAnswered;
                Assert.Fail($"a held request answered {(int)answered.StatusCode} before the test released it");
            }
        }
    }

    private static void AssertTooMany(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.RetryAfter!.Delta!.Value > TimeSpan.Zero);
    }

    private static void DisposeAll(IEnumerable<HttpResponseMessage> responses, params HttpClient[] clients)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
