using System.Text;

namespace Kamino.Host.Tests.Security;

/// <summary>ASVS 4.1.1: every API response with a body says which character set it is in.</summary>
public sealed class ContentTypeTests : IAsyncLifetime
{
    private SecurityServer server = null!;

    public async Task InitializeAsync()
    {
        server = await SecurityServer.StartAsync();
        await server.AddWorkspaceAsync("acme");
        await server.AddWorkspaceAsync("other");
        await server.AddUserAsync("director@acme.test", "acme", Role.Director);
        await server.AddUserAsync("viewer@acme.test", "acme", Role.Viewer);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Asvs_4_1_1_EveryApiBody_HasAContentTypeWithCharsetUtf8()
    {
        var kamId = await server.AddUserAsync("kam@acme.test", "acme", Role.Kam);
        using var director = server.CreateBearerClient((await server.LoginAsync("director@acme.test")).AccessToken);
        using var viewer = server.CreateBearerClient((await server.LoginAsync("viewer@acme.test")).AccessToken);
        using var anonymous = server.CreateClient();
        var newTask = new { title = "Call the buyer", assigneeUserId = kamId, dueDate = "2030-01-15" };

        var cases = new List<(string Name, HttpStatusCode Expected, Func<Task<HttpResponseMessage>> Send)>
        {
            ("pareto", HttpStatusCode.OK, () => director.GetAsync("api/workspaces/acme/analysis/pareto")),
            ("task created", HttpStatusCode.Created, () => director.PostAsJsonAsync("api/workspaces/acme/tasks", newTask)),
            ("validation problem", HttpStatusCode.BadRequest, () => director.PostAsJsonAsync("api/workspaces/acme/tasks", new { title = "", assigneeUserId = "", dueDate = "2030-01-15" })),
            ("malformed JSON", HttpStatusCode.BadRequest, () => director.PostAsync("api/workspaces/acme/tasks", new StringContent("{not json", Encoding.UTF8, "application/json"))),
            ("no credentials", HttpStatusCode.Unauthorized, () => anonymous.GetAsync("api/workspaces/acme/analysis/pareto")),
            ("role may not", HttpStatusCode.Forbidden, () => viewer.PostAsJsonAsync("api/workspaces/acme/tasks", newTask)),
            ("other workspace", HttpStatusCode.NotFound, () => director.GetAsync("api/workspaces/other/analysis/pareto")),
            ("no such endpoint", HttpStatusCode.NotFound, () => director.GetAsync("api/no-such-thing")),
            ("sign-in failed", HttpStatusCode.Unauthorized, () => SecurityServer.PostLoginAsync(anonymous, "director@acme.test", "not the password")),
            ("token", HttpStatusCode.OK, () => SecurityServer.PostLoginAsync(anonymous, "director@acme.test", SecurityServer.Password)),
            ("server error", HttpStatusCode.InternalServerError, () => anonymous.GetAsync("api/_test/boom")),
        };

        var failures = new List<string>();
        foreach (var (name, expected, send) in cases)
        {
            using var response = await send();
            var body = await response.Content.ReadAsByteArrayAsync();
            var type = response.Content.Headers.ContentType;
            Assert.True(expected == response.StatusCode, $"{name}: expected {expected}, got {(int)response.StatusCode}");
            Assert.True(body.Length > 0, $"{name}: no body");
            if (type?.CharSet is not { } charset || !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                || type.MediaType is not ("application/json" or "application/problem+json"))
            {
                failures.Add($"{name} ({(int)response.StatusCode}): Content-Type '{type}'");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("application/problem+json", "application/problem+json; charset=utf-8")]
    [InlineData("application/json", "application/json; charset=utf-8")]
    [InlineData("application/json; charset=utf-8", "application/json; charset=utf-8")]
    [InlineData("text/plain", "text/plain; charset=utf-8")]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public void Asvs_4_1_1_CharsetIsAddedOnlyToTextAndJson(string given, string expected) =>
        Assert.Equal(expected, Kamino.Host.Web.Utf8Charset.WithCharset(given));
}
