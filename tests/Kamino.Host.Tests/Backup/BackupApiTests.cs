namespace Kamino.Host.Tests.Backup;

/// <summary>
/// The backup status through the API (issue 19 item 1): a Director of the workspace reads it and takes a backup now;
/// no token is 401, another workspace's Director 404, every other role 404 for the read and 403 for the write.
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
        // A read is refused to other roles with 404 (every GET declares View; see BackupApi), a write with 403.
        var refusals = new[]
        {
            (anonymous, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (outsider, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (lead, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
            (kam, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
            (viewer, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
        };
        foreach (var (client, onRead, onWrite) in refusals)
        {
            using var get = await client.GetAsync(Status);
            using var post = await client.PostAsync(Status, null);
            Assert.Equal((onRead, onWrite), (get.StatusCode, post.StatusCode));
            Assert.DoesNotContain("kamino-", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
