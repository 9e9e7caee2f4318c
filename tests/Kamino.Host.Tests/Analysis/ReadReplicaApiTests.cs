using Kamino.Host.Cli;
using Kamino.Host.Web;
using Kamino.Import;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// <c>kamino serve --read-db</c> (setting <c>Kamino:ReadDb</c>) over a real primary and a real streaming standby
/// (<see cref="ReplicatedPostgres"/>), through real HTTP hosts. Workspace <c>acme</c> holds <c>sales-small.csv</c>:
/// 1,000 of revenue in the default period. The writer (a Director) imports 500 more while the standby's replay is
/// paused: the writer sees 1,500 at once on either node, a user who did not write still sees the standby's 1,000 (so
/// the analysis was read from the standby), and everyone sees 1,500 once the standby has replayed the import.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ReadReplicaApiTests(ReplicatedPostgres cluster) : IClassFixture<ReplicatedPostgres>, IAsyncLifetime
{
    private const string Writer = "director@acme.test";
    private const string Reader = "viewer@acme.test";
    private const string Pareto = "api/workspaces/acme/analysis/pareto";

    private string primary = "";
    private string standby = "";

    public async Task InitializeAsync() => (primary, standby) = await SeedAsync(cluster);

    /// <summary>A new database on the primary, migrated, with <c>sales-small.csv</c> in <c>acme</c>: its connection strings on both servers.</summary>
    internal static async Task<(string Primary, string Standby)> SeedAsync(ReplicatedPostgres cluster)
    {
        var (primary, standby) = await cluster.CreateDatabaseAsync();
        var database = new KaminoDatabase(primary);
        await database.MigrateAsync();
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
        return (primary, standby);
    }

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Pareto_ReplayPaused_WriterSeesOwnImportOnEveryNodeAndOthersReadTheStandby()
    {
        await using var server = await KaminoTestServer.StartOnAsync(new KaminoDatabase(primary), "--" + ReadYourWrites.Setting, standby);
        var (second, secondAddress) = await KaminoTestServer.StartNodeAsync(server.Database, "--" + ReadYourWrites.Setting, standby);
        try
        {
            await server.AddUserAsync(Writer, Role.Director, "acme");
            var reader = await server.AddUserAsync(Reader, Role.Viewer, "acme");
            // The writer: one browser-like cookie jar and one bearer token, talking to both nodes.
            using var token = await server.BearerClientAsync(Writer);
            using var jar = new HttpClientHandler { CookieContainer = new CookieContainer() };
            using var writerOnFirst = WithToken(new HttpClient(jar, disposeHandler: false) { BaseAddress = server.Address }, token);
            using var writerOnSecond = WithToken(new HttpClient(jar, disposeHandler: false) { BaseAddress = secondAddress }, token);
            using var readerOnFirst = await server.BearerClientAsync(Reader);
            using var readerOnSecond = WithToken(new HttpClient { BaseAddress = secondAddress }, readerOnFirst);
            await cluster.CaughtUpAsync(cluster.Standby);
            var before = (await TotalAsync(readerOnSecond), await TotalAsync(writerOnFirst));

            await cluster.PauseReplayAsync();
            decimal writerOnOtherNode, writerOnSameNode, readerWhilePaused, readerAfterCircuitWrite, readerElsewhereAfterCircuitWrite;
            long linesOnPrimary, linesOnStandby;
            try
            {
                using (var form = new MultipartFormDataContent { { new StringContent("invoice,date,customer_id,customer_name,net_amount\nE-1,2024-05-05,C5,Epsilon,500.00\n"), "files", "more.csv" } })
                using (var posted = await writerOnFirst.PostAsync("api/workspaces/acme/imports", form))
                {
                    Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
                }

                writerOnOtherNode = await TotalAsync(writerOnSecond);
                writerOnSameNode = await TotalAsync(writerOnFirst);
                readerWhilePaused = await TotalAsync(readerOnSecond);
                linesOnPrimary = await ReplicatedPostgres.ScalarAsync<long>(primary, "SELECT count(*) FROM sale_line");
                linesOnStandby = await ReplicatedPostgres.ScalarAsync<long>(standby, "SELECT count(*) FROM sale_line");

                // A write in an interactive page (no cookie): the node that served it remembers the user's fence.
                await server.Services.GetRequiredService<ReadYourWrites>().AfterWriteAsync(reader.Id);
                readerAfterCircuitWrite = await TotalAsync(readerOnFirst);
                readerElsewhereAfterCircuitWrite = await TotalAsync(readerOnSecond);
            }
            finally
            {
                await cluster.ResumeReplayAsync();
            }

            var readerAfterReplay = await TotalAsync(readerOnSecond);
            var metrics = await server.Client.GetStringAsync("metrics");

            Assert.Equal((1000.00m, 1000.00m), before);
            Assert.Equal(1500.00m, writerOnOtherNode);
            Assert.Equal(1500.00m, writerOnSameNode);
            Assert.Equal(1000.00m, readerWhilePaused);
            Assert.Equal((7L, 6L), (linesOnPrimary, linesOnStandby));
            Assert.Equal(1500.00m, readerAfterCircuitWrite);
            Assert.Equal(1000.00m, readerElsewhereAfterCircuitWrite);
            Assert.Equal(1500.00m, readerAfterReplay);
            Assert.Matches(@"kamino_db_reads_total\{[^}]*route=""standby""[^}]*\} [1-9]", metrics);
            Assert.Matches(@"kamino_db_reads_total\{[^}]*route=""standbyBehind""[^}]*\} [1-9]", metrics);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task DashboardAndHealth_ReplayPaused_ReaderSeesTheStandbyWriterItsOwnImport()
    {
        await using var server = await KaminoTestServer.StartOnAsync(new KaminoDatabase(primary), "--" + ReadYourWrites.Setting, standby);
        await server.AddUserAsync(Writer, Role.Director, "acme");
        await server.AddUserAsync(Reader, Role.Viewer, "acme");
        using var writer = await server.SignedInClientAsync(Writer);
        using var reader = await server.SignedInClientAsync(Reader);
        await cluster.CaughtUpAsync(cluster.Standby);

        await cluster.PauseReplayAsync();
        string writerPage, readerPage;
        HttpStatusCode health;
        try
        {
            // The writer imports through the API (a bearer token, another client): the node keeps the fence by user,
            // so the writer's browser on that node sees the import too.
            using (var api = await server.BearerClientAsync(Writer))
            using (var form = new MultipartFormDataContent { { new StringContent("invoice,date,customer_id,customer_name,net_amount\nE-1,2024-05-05,C5,Epsilon,500.00\n"), "files", "more.csv" } })
            using (var posted = await api.PostAsync("api/workspaces/acme/imports", form))
            {
                Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
            }

            writerPage = await writer.GetStringAsync("w/acme");
            readerPage = await reader.GetStringAsync("w/acme");
            using var healthPage = await reader.GetAsync("w/acme/health");
            health = healthPage.StatusCode;
        }
        finally
        {
            await cluster.ResumeReplayAsync();
        }

        Assert.Equal("150000", TotalRevenue(writerPage));
        Assert.Equal("100000", TotalRevenue(readerPage));
        Assert.Equal(HttpStatusCode.OK, health);
    }

    [Fact]
    public async Task Requests_StandbyStopped_ReadsAndWritesAnswerFromThePrimary()
    {
        var own = await cluster.Primary.StartStandbyAsync();
        var ownConnection = own.ConnectionString(new NpgsqlConnectionStringBuilder(primary).Database!);
        await using var server = await KaminoTestServer.StartOnAsync(new KaminoDatabase(primary), "--" + ReadYourWrites.Setting, ownConnection);
        await server.AddUserAsync(Writer, Role.Director, "acme");
        using var client = await server.BearerClientAsync(Writer);
        await cluster.CaughtUpAsync(own);
        var whileUp = await TotalAsync(client);

        await own.DisposeAsync();
        var whileDown = await TotalAsync(client);
        using var health = await client.GetAsync("api/workspaces/acme/health");
        using var weights = await client.PutAsJsonAsync("api/workspaces/acme/settings/key-accounts/health-weights", new { freshness = 40, satisfaction = 20, revenue = 30, tasks = 10 });
        var stored = await ReplicatedPostgres.ScalarAsync<int>(primary, "SELECT health_weight_freshness FROM workspace WHERE slug = 'acme'");
        var afterWrite = await TotalAsync(client);

        Assert.Equal(1000.00m, whileUp);
        Assert.Equal(1000.00m, whileDown);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, weights.StatusCode);
        Assert.Equal(40, stored);
        Assert.Equal(1000.00m, afterWrite);
    }

    [Fact]
    public async Task Serve_ReadDbWithSqlite_IsRefusedAndCreatesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), "kamino-read-db-" + Guid.NewGuid().ToString("N") + ".db");

        var (exit, _, error) = await CliRunner.RunAsync("serve", "--db", file, "--read-db", standby);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("needs PostgreSQL", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    private static HttpClient WithToken(HttpClient client, HttpClient from)
    {
        client.DefaultRequestHeaders.Authorization = from.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static async Task<decimal> TotalAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Pareto);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("totalRevenue").GetDecimal();
    }

    /// <summary>The digits of the dashboard's total revenue (whatever the culture's separators).</summary>
    private static string TotalRevenue(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"total-revenue\"[^>]*>(?<text>[^<]*)<");
        Assert.True(match.Success, "no total revenue on the dashboard");
        return string.Concat(WebUtility.HtmlDecode(match.Groups["text"].Value).Where(char.IsAsciiDigit));
    }
}
