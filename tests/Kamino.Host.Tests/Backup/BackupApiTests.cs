namespace Kamino.Host.Tests.Backup;

/// <summary>
/// The backup status through the API (issue 19 item 1): a Director of the workspace reads it and takes a backup now;
/// no token is 401, another workspace's Director 404, every other role 403.
/// </summary>
public sealed class BackupApiTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Status = "api/workspaces/acme/settings/backup";

    [Fact]
    public async Task OnlyTheWorkspacesDirector_ReadsTheStatus_AndTakesABackupNow()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        foreach (var (client, expected) in new[] { (anonymous, HttpStatusCode.Unauthorized), (outsider, HttpStatusCode.NotFound), (lead, HttpStatusCode.Forbidden), (kam, HttpStatusCode.Forbidden), (viewer, HttpStatusCode.Forbidden) })
        {
            using var get = await client.GetAsync(Status);
            using var post = await client.PostAsync(Status, null);
            Assert.Equal((expected, expected), (get.StatusCode, post.StatusCode));
        }

        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var taken = await director.PostAsync(Status, null);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var run = JsonDocument.Parse(await taken.Content.ReadAsStringAsync()).RootElement;
        Assert.True(run.GetProperty("succeeded").GetBoolean());
        var file = run.GetProperty("file").GetString()!;
        Assert.StartsWith("kamino-", file, StringComparison.Ordinal);
        Assert.DoesNotContain('/', file);
        var copy = Path.Combine(Path.GetDirectoryName(fixture.Server.Database.SqlitePath)!, "backups", file);
        Assert.True(File.Exists(copy), copy);
        Assert.Equal(new FileInfo(copy).Length, run.GetProperty("bytes").GetInt64());

        using var read = await director.GetAsync(Status);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var status = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        Assert.True(status.GetProperty("daily").GetBoolean());
        Assert.Equal(7, status.GetProperty("keep").GetInt32());
        Assert.Equal(file, status.GetProperty("last").GetProperty("file").GetString());
        Assert.Equal(file, status.GetProperty("lastSucceeded").GetProperty("file").GetString());
        Assert.StartsWith("verified: ", status.GetProperty("last").GetProperty("result").GetString(), StringComparison.Ordinal);
    }
}
