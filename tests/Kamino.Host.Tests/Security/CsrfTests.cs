using Kamino.Host.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kamino.Host.Tests.Security;

/// <summary>ASVS 3.5.1 (forged requests) and 3.5.3 (no state change on GET).</summary>
public sealed class CsrfTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private SecurityServer server = null!;
    private string cookie = "";

    public async Task InitializeAsync()
    {
        server = await SecurityServer.StartAsync();
        await server.AddWorkspaceAsync(Workspace);
        await server.AddUserAsync("director@acme.test", Workspace);
        cookie = await server.CookieSignInAsync("director@acme.test");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>Every form endpoint: the culture switcher, and every page (SSR forms post back to their page).</summary>
    [Fact]
    public async Task Asvs_3_5_1_FormPostWithoutAntiforgeryToken_Is400()
    {
        var pages = ApiEndpoints.RouteTable(server.Services)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
            .Where(e => e.RoutePattern.Parameters.All(p => p.Name == "workspace"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{workspace}", Workspace, StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Contains("/", pages);
        using var client = server.CreateClient();

        foreach (var path in pages.Append("/culture"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'));
            request.Headers.Add("Cookie", cookie);
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "x", ["culture"] = "es", ["returnUrl"] = "/" });
            using var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {path} without token: {(int)response.StatusCode}");
        }
    }

    /// <summary>A state-changing API call authenticated only by the browser's cookie is refused; the same call with a bearer token is not.</summary>
    [Fact]
    public async Task Asvs_3_5_1_ApiWriteWithOnlyTheSessionCookie_Is401()
    {
        var writes = ApiEndpoints.WithPermissions(server.Services, Workspace).Where(c => c.Method is not ("GET" or "HEAD")).ToList();
        using var client = server.CreateClient();
        var (token, _) = await server.LoginAsync("director@acme.test");

        // The mechanism, on an authenticated POST that changes nothing: cookie only → 401, bearer → 200.
        using var withCookie = new HttpRequestMessage(HttpMethod.Post, "api/_test/who");
        withCookie.Headers.Add("Cookie", cookie);
        using var withBearer = new HttpRequestMessage(HttpMethod.Post, "api/_test/who");
        withBearer.Headers.Authorization = new("Bearer", token);
        using var readWithCookie = new HttpRequestMessage(HttpMethod.Get, "api/_test/who");
        readWithCookie.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(withCookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withBearer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(readWithCookie)).StatusCode);

        // And every state-changing workspace endpoint that exists now.
        foreach (var call in writes)
        {
            using var request = call.ToRequest();
            request.Content ??= new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{call} with the cookie only: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Asvs_3_5_3_NoGetOrHeadEndpoint_NeedsMoreThanViewPermission()
    {
        var endpoints = ApiEndpoints.RouteTable(server.Services);
        var withPermission = endpoints.Where(e => e.Metadata.GetMetadata<RequiredPermission>() is not null).ToList();

        Assert.Contains(withPermission, e => e.RoutePattern.RawText!.EndsWith("/analysis/pareto", StringComparison.Ordinal));
        var offenders = withPermission
            .Where(e => e.Metadata.GetMetadata<RequiredPermission>()!.Permission != Permission.View)
            .Where(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []) is var methods
                && (methods.Count == 0 || methods.Any(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m))))
            .Select(e => e.DisplayName)
            .ToList();
        Assert.Empty(offenders);
        // Every workspace API endpoint declares its permission, so the rule above sees all of them.
        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<WorkspaceScoped>() is not null && e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<RequiredPermission>() is null)
            .Select(e => e.DisplayName)
            .ToList();
        Assert.Empty(undeclared);
        await Task.CompletedTask;
    }
}
