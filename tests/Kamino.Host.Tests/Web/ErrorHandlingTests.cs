using Kamino.Workspaces;
using Microsoft.Data.Sqlite;

namespace Kamino.Host.Tests.Web;

/// <summary>
/// Unexpected failures reach users without internals. Here the database file stops being a database while a
/// signed-in member (bearer token and cookie) is using the app.
/// </summary>
public sealed class ErrorHandlingTests : IAsyncLifetime
{
    private const string Email = "director@acme.test";

    private KaminoTestServer server = null!;
    private HttpClient api = null!;
    private HttpClient pages = null!;

    public async Task InitializeAsync()
    {
        server = await KaminoTestServer.StartAsync(async database =>
        {
            await using var db = database.CreateDbContext();
            db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        await server.AddUserAsync(Email, Role.Director, "acme");
        api = await server.BearerClientAsync(Email);
        pages = await server.SignedInClientAsync(Email);

        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(server.Database.ConnectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }

        await File.WriteAllTextAsync(path, new string('x', 8192));
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        pages.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Api_ServerError_IsProblemDetailsWithoutStackTrace()
    {
        using var response = await api.GetAsync("api/workspaces/acme/analysis/pareto");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal(500, json.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ServerError_IsAFriendlyPageWithoutStackTrace()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "w/acme");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await pages.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kamino.Analysis", html, StringComparison.Ordinal);
    }
}
