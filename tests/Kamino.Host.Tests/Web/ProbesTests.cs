namespace Kamino.Host.Tests.Web;

/// <summary><c>/healthz</c> and <c>/readyz</c>: anonymous, terse, and honest about the database.</summary>
public sealed class ProbesTests
{
    /// <summary>No log: the failed readiness checks these tests cause are logged as warnings.</summary>
    private static readonly string[] Quiet = ["--Logging:LogLevel:Default", "None"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Probes_OnAMigratedDatabase_AnswerOkWithoutSignIn(bool postgres)
    {
        await using var server = await KaminoTestServer.StartAsync(postgres, _ => Task.CompletedTask);
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        using var live = await anonymous.GetAsync("healthz");
        using var ready = await anonymous.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ok\n", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready\n", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_WhenMigrationsAreNotApplied_Answers503WithoutDetails()
    {
        var directory = Directory.CreateTempSubdirectory("kamino-probes-");
        var database = new KaminoDatabase(Path.Combine(directory.FullName, "empty.db"));
        var (app, address) = await KaminoTestServer.StartNodeAsync(database, Quiet);
        try
        {
            using var client = new HttpClient { BaseAddress = address };

            using var ready = await client.GetAsync("readyz");
            using var live = await client.GetAsync("healthz");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("not ready\n", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await KaminoTestServer.StopAsync(app, directory.FullName);
        }
    }

    [Fact]
    public async Task Readyz_WhenTheDatabaseIsUnreachable_Answers503AndNamesNothing()
    {
        // A PostgreSQL address nobody listens on: a port just freed.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var database = new KaminoDatabase($"Host=127.0.0.1;Port={port};Database=kamino_nowhere;Username=kamino;Timeout=2");
        var (app, address) = await KaminoTestServer.StartNodeAsync(database, Quiet);
        try
        {
            using var client = new HttpClient { BaseAddress = address };

            using var ready = await client.GetAsync("readyz");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Equal("not ready\n", body);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
