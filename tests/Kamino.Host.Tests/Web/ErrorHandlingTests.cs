using System.Net;
using System.Text.Json;
using Kamino.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kamino.Host.Tests.Web;

/// <summary>Unexpected failures (here: the database file is not a database) reach users without internals.</summary>
public sealed class ErrorHandlingTests : IAsyncLifetime
{
    private KaminoTestServer server = null!;

    public async Task InitializeAsync() => server = await KaminoTestServer.StartAsync(database =>
    {
        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }

        File.WriteAllText(path, new string('x', 8192));
        return Task.CompletedTask;
    });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Api_ServerError_IsProblemDetailsWithoutStackTrace()
    {
        using var response = await server.Client.GetAsync("api/workspaces/acme/analysis/pareto");

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
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kamino.Analysis", html, StringComparison.Ordinal);
    }
}
