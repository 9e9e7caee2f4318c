namespace Kamino.Host.Tests.Security;

/// <summary>
/// ASVS 8.2.1 and 8.2.2 over every workspace endpoint that exists when the tests run (OpenAPI document and
/// route table), for two workspaces: <c>acme</c> (with a member of each role) and <c>other</c>.
/// </summary>
public sealed class AccessControlTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private const string Other = "other";
    private SecurityServer server = null!;
    private readonly Dictionary<Role, string> tokens = [];
    private string outsiderToken = "";

    public async Task InitializeAsync()
    {
        server = await SecurityServer.StartAsync("--Kamino:LoginAttemptsPerMinute", "1000");
        await server.AddWorkspaceAsync(Workspace);
        await server.AddWorkspaceAsync(Other);
        foreach (var role in Enum.GetValues<Role>())
        {
            var email = $"{role}@acme.test".ToLowerInvariant();
            await server.AddUserAsync(email, Workspace, role);
            tokens[role] = (await server.LoginAsync(email)).AccessToken;
        }

        await server.AddUserAsync("director@other.test", Other, Role.Director);
        outsiderToken = (await server.LoginAsync("director@other.test")).AccessToken;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Asvs_8_2_1_EveryWorkspaceEndpoint_WithoutCredentials_Is401()
    {
        using var client = server.CreateClient();
        var calls = await ApiEndpoints.FromOpenApiAsync(client, Workspace);
        Assert.Contains(calls, c => c.Template.EndsWith("/analysis/pareto", StringComparison.Ordinal));

        foreach (var call in calls)
        {
            using var request = call.ToRequest();
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{call}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Asvs_8_2_2_EveryWorkspaceEndpoint_ForAMemberOfAnotherWorkspace_Is404WithoutItsData()
    {
        using var outsider = server.CreateBearerClient(outsiderToken);
        var calls = await ApiEndpoints.FromOpenApiAsync(outsider, Workspace);
        Assert.Contains(calls, c => c.Template.EndsWith("/analysis/pareto", StringComparison.Ordinal));

        foreach (var call in calls)
        {
            using var request = call.ToRequest();
            using var response = await outsider.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{call}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("ACME", body, StringComparison.Ordinal); // the workspace's name
        }

        // The same outsider reaches their own workspace: the 404 above is about membership, not the token.
        using var own = await outsider.GetAsync($"api/workspaces/{Other}/analysis/pareto");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Asvs_8_2_1_EveryEndpoint_ForEveryRole_Is403ExactlyWhenThePermissionMatrixSaysNo()
    {
        var calls = ApiEndpoints.WithPermissions(server.Services, Workspace);
        Assert.Contains(calls, c => c.Template.EndsWith("/analysis/pareto", StringComparison.Ordinal) && c.Permission == Permission.View);

        // Denied roles first: the allowed calls below may change data.
        var cells = from call in calls
                    from role in Enum.GetValues<Role>()
                    let allowed = Permissions.Allows(role, call.Permission!.Value)
                    orderby allowed
                    select (call, role, allowed);
        var denied = 0;
        foreach (var (call, role, allowed) in cells)
        {
            using var client = server.CreateBearerClient(tokens[role]);
            using var request = call.ToRequest();
            request.Content ??= call.Method is "GET" or "HEAD" or "DELETE" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);

            if (allowed)
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized), $"{call} as {role}: {(int)response.StatusCode}");
            }
            else
            {
                denied++;
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{call} as {role}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        // Some endpoint needs more than View as soon as any write endpoint exists.
        Assert.Equal(calls.Any(c => c.Permission != Permission.View), denied > 0);
    }
}
