using System.Diagnostics;

namespace Kamino.Host.Tests.Scale;

/// <summary>
/// Issue 16 item 6, proved by running it: two <c>kamino serve</c> processes on a PostgreSQL primary, reading analyses
/// from its streaming standby, behind nginx configured as docs/scaling.md says. Analyses through nginx are read from the
/// standby on both nodes, and a user who writes sees the write on the next request whichever node it reaches (the fence
/// cookie). Signed in through nginx, a thousand requests reach both nodes and all succeed;
/// the same cookie and token work on each node; when one node is killed (SIGKILL) under load, nginx sends the rest to
/// the other, only requests in flight at the kill may fail, and every write that was acknowledged is in the database.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NginxTwoNodesTests(NginxTwoNodes cluster) : IClassFixture<NginxTwoNodes>
{
    private const int Clients = 16;

    [Fact]
    public async Task SignedInThroughNginx_1000RequestsReachBothNodes_AllSucceed_AndTheSessionWorksOnEachNode()
    {
        // Not signed in: sent to the sign-in page at the address the browser used (nginx passes the Host header on).
        using (var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = cluster.Nginx.Address })
        using (var redirect = await anonymous.GetAsync($"w/{NginxTwoNodes.Slug}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            var location = new Uri(cluster.Nginx.Address, redirect.Headers.Location!);
            Assert.Equal((cluster.Nginx.Address.Authority, "/account/login"), (location.Authority, location.AbsolutePath));
        }

        // Sign in through nginx: the form and its antiforgery token, then the post (round-robin: maybe two nodes).
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler, disposeHandler: false) { BaseAddress = cluster.Nginx.Address };
        var fields = Forms.HiddenFields(await browser.GetStringAsync("account/login"), "login");
        fields["Input.Email"] = NginxTwoNodes.Director;
        fields["Input.Password"] = KaminoTestServer.Password;
        using (var signIn = await browser.PostAsync("account/login", new FormUrlEncodedContent(fields)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using var api = await NginxTwoNodes.BearerClientAsync(cluster.Nginx.Address);
        var run = Guid.NewGuid().ToString("N")[..8];

        // 1,000 requests, 16 at a time: pages with the cookie, reads and writes with the token.
        var answers = await Concurrently(1000, async i =>
        {
            using var response = (i % 4) switch
            {
                0 => await browser.GetAsync($"w/{NginxTwoNodes.Slug}"),
                1 => await api.GetAsync("api/me/workspaces"),
                2 => await api.GetAsync($"api/workspaces/{NginxTwoNodes.Slug}/tasks/mine"),
                _ => await api.PostAsJsonAsync($"api/workspaces/{NginxTwoNodes.Slug}/tasks", NewTask(run, i)),
            };
            return (Status: response.StatusCode, Node: NginxTwoNodes.NodeOf(response), Kind: i % 4);
        });

        var failed = answers.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.Created)).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} requests failed: {string.Join(", ", failed.Take(10))}");
        var byNode = answers.GroupBy(a => a.Node).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(NginxTwoNodes.Names, byNode.Keys.Order());
        // Round-robin: each node answers about half; at least a quarter each.
        Assert.All(byNode.Values, count => Assert.True(count >= 250, string.Join(", ", byNode)));
        // Each node served pages with the cookie and API calls with the token issued through nginx.
        foreach (var node in NginxTwoNodes.Names)
        {
            Assert.Contains(answers, a => a.Node == node && a.Kind == 0);
            Assert.Contains(answers, a => a.Node == node && a.Kind == 3);
        }

        await using (var db = cluster.Database.CreateDbContext())
        {
            Assert.Equal(250, await db.Tasks.CountAsync(t => t.Title.StartsWith("Load " + run)));
        }

        // The same session, asked of each node directly: cookie (one jar; cookies ignore ports) and token.
        foreach (var node in cluster.Nodes)
        {
            using var sameBrowser = new HttpClient(handler, disposeHandler: false) { BaseAddress = node };
            using var page = await sameBrowser.GetAsync($"w/{NginxTwoNodes.Slug}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var direct = new HttpClient { BaseAddress = node };
            direct.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
            using var mine = await direct.GetAsync("api/me/workspaces");
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        }
    }

    [Fact]
    public async Task Analyses_ThroughNginx_AreReadFromTheStandbyOnBothNodes_AndTheWriterSeesOwnImportOnEitherNode()
    {
        var standby = cluster.Postgres;
        using var writer = await NginxTwoNodes.BearerClientAsync(cluster.Nginx.Address);
        using var reader = await NginxTwoNodes.BearerClientAsync(cluster.Nginx.Address, NginxTwoNodes.Viewer);
        await standby.CaughtUpAsync(standby.Standby);
        var before = await ParetoAsync(reader, 6);

        // The standby holds still while the primary goes on: a read from it would miss what is written now.
        await standby.PauseReplayAsync();
        List<(decimal Total, string Node)> writerAfterImport, readerWhilePaused;
        string importedBy;
        try
        {
            using (var form = new MultipartFormDataContent { { new StringContent("invoice,date,customer_id,customer_name,net_amount\nE-1,2024-05-05,C5,Epsilon,500.00\n"), "files", "more.csv" } })
            using (var posted = await writer.PostAsync($"api/workspaces/{NginxTwoNodes.Slug}/imports", form))
            {
                Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
                importedBy = NginxTwoNodes.NodeOf(posted);
            }

            // Round-robin: the writer's next requests land on the node that took the import and on the other one.
            writerAfterImport = await ParetoAsync(writer, 6);
            readerWhilePaused = await ParetoAsync(reader, 6);
        }
        finally
        {
            await standby.ResumeReplayAsync();
        }

        var readerAfterReplay = await ParetoAsync(reader, 4);
        var metrics = new List<string>();
        foreach (var node in cluster.Nodes)
        {
            using var direct = new HttpClient { BaseAddress = node };
            metrics.Add(await direct.GetStringAsync("metrics"));
        }

        Assert.All(before, a => Assert.Equal(1000.00m, a.Total));
        Assert.Contains(importedBy, NginxTwoNodes.Names);
        // The writer sees the import at once on both nodes (the fence cookie on the other), though the standby has not got it.
        Assert.All(writerAfterImport, a => Assert.Equal(1500.00m, a.Total));
        Assert.Equal(NginxTwoNodes.Names, writerAfterImport.Select(a => a.Node).Distinct().Order());
        // Someone else still reads the paused standby on both nodes: the analyses come from it, not from the primary.
        Assert.All(readerWhilePaused, a => Assert.Equal(1000.00m, a.Total));
        Assert.Equal(NginxTwoNodes.Names, readerWhilePaused.Select(a => a.Node).Distinct().Order());
        Assert.All(readerAfterReplay, a => Assert.Equal(1500.00m, a.Total));
        Assert.All(metrics, m => Assert.Matches(@"kamino_db_reads_total\{[^}]*route=""standby""[^}]*\} [1-9]", m));
    }

    [Fact]
    public async Task BlazorCircuits_GoToOneNodePerBrowser_WhilePagesGoRoundRobin()
    {
        using var client = new HttpClient { BaseAddress = cluster.Nginx.Address };
        var circuits = new List<string>();
        var probes = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            using var negotiate = await client.PostAsync("_blazor/negotiate?negotiateVersion=1", null);
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
            circuits.Add(NginxTwoNodes.NodeOf(negotiate));
            using var probe = await client.GetAsync("healthz");
            probes.Add(NginxTwoNodes.NodeOf(probe));
        }

        // The negotiation and the WebSocket that follows must meet the same circuit: one node for this address.
        Assert.Single(circuits.Distinct());
        Assert.Equal(NginxTwoNodes.Names, probes.Distinct().Order());
    }

    [Fact]
    public async Task OneNodeKilledUnderLoad_NginxFailsOver_OnlyRequestsInFlightFail_AndNoAcknowledgedWriteIsLost()
    {
        using var api = await NginxTwoNodes.BearerClientAsync(cluster.Nginx.Address);
        var run = Guid.NewGuid().ToString("N")[..8];
        const int Requests = 800;
        var completed = 0;
        long killStarted = 0, killEnded = 0;

        var killer = Task.Run(async () =>
        {
            while (Volatile.Read(ref completed) < 200)
            {
                await Task.Delay(5);
            }

            killStarted = Stopwatch.GetTimestamp();
            Assert.True(await cluster.KillAsync(1), "node-b was not running");
            killEnded = Stopwatch.GetTimestamp();
        });

        var answers = await Concurrently(Requests, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            var write = i % 2 == 0;
            try
            {
                using var response = write
                    ? await api.PostAsJsonAsync($"api/workspaces/{NginxTwoNodes.Slug}/tasks", NewTask(run, i))
                    : await api.GetAsync($"api/workspaces/{NginxTwoNodes.Slug}/tasks/mine");
                return new Answer(i, write, started, Stopwatch.GetTimestamp(), (int)response.StatusCode, NginxTwoNodes.NodeOf(response));
            }
            catch (HttpRequestException)
            {
                // The answer's headers had left the node, its body was cut by the kill: status 0.
                return new Answer(i, write, started, Stopwatch.GetTimestamp(), 0, "?");
            }
            finally
            {
                Interlocked.Increment(ref completed);
            }
        });
        await killer;

        try
        {
            // Failures: only 5xx (nginx's 502 for a request the dead node had taken) or an answer cut short (0), only
            // for requests in flight at the kill (started before it ended, answered after it began): one per client at most.
            var failed = answers.Where(a => a.Status is not (200 or 201)).ToList();
            Assert.All(failed, a => Assert.True(a.Status is 0 or >= 500 && a.Started < killEnded && a.Ended > killStarted, $"{a} (kill between {killStarted} and {killEnded})"));
            Assert.True(failed.Count <= Clients, $"{failed.Count} failed");
            Console.WriteLine($"kill -9 of node-b under load: {failed.Count} of {answers.Count} requests failed ({string.Join(", ", failed.GroupBy(a => (a.Status, a.Write)).Select(g => $"{g.Count()} × {g.Key.Status} {(g.Key.Write ? "POST" : "GET")}"))}), {answers.Count(a => a.Started > killEnded)} answered after it");
            // After the kill every request is answered by the node left, and before it both nodes served.
            Assert.All(answers.Where(a => a.Started > killEnded), a => Assert.Equal((a.Write ? 201 : 200, "node-a"), (a.Status, a.Node)));
            Assert.Contains(answers, a => a.Ended < killStarted && a.Node == "node-b");
            Assert.Contains(answers, a => a.Started < killStarted && a.Ended > killStarted); // killed under load
            Assert.True(answers.Count(a => a.Started > killEnded) >= 100, "too few requests after the kill to show the failover");

            // Nothing lost: every acknowledged write is stored; the only writes in doubt are the failed ones.
            await using var db = cluster.Database.CreateDbContext();
            var stored = (await db.Tasks.Where(t => t.Title.StartsWith("Load " + run + " ")).Select(t => t.Title).ToListAsync()).ToHashSet();
            var acknowledged = answers.Where(a => a.Write && a.Status == 201).Select(a => Title(run, a.Index)).ToList();
            Assert.All(acknowledged, t => Assert.Contains(t, stored));
            Assert.True(stored.Count <= acknowledged.Count + failed.Count(a => a.Write), $"{stored.Count} stored, {acknowledged.Count} acknowledged");
        }
        finally
        {
            await cluster.StartNodeAsync(1);
        }

        // Back: once its fail_timeout is over, nginx gives the restarted node its share again.
        var seen = new HashSet<string>();
        for (var i = 0; i < 300 && seen.Count < 2; i++)
        {
            using var response = await api.GetAsync("api/me/workspaces");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.Add(NginxTwoNodes.NodeOf(response));
            await Task.Delay(50);
        }

        Assert.Equal(NginxTwoNodes.Names, seen.Order());
    }

    /// <summary><paramref name="count"/> Pareto analyses one after another through nginx: the total revenue and the node that answered each.</summary>
    private static async Task<List<(decimal Total, string Node)>> ParetoAsync(HttpClient client, int count)
    {
        var answers = new List<(decimal, string)>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync($"api/workspaces/{NginxTwoNodes.Slug}/analysis/pareto");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
            using var json = JsonDocument.Parse(body);
            answers.Add((json.RootElement.GetProperty("totalRevenue").GetDecimal(), NginxTwoNodes.NodeOf(response)));
        }

        return answers;
    }

    private sealed record Answer(int Index, bool Write, long Started, long Ended, int Status, string Node);

    private object NewTask(string run, int i) => new { title = Title(run, i), assigneeUserId = cluster.DirectorId, dueDate = "2031-02-03" };

    private static string Title(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"Load {run} {i}");

    /// <summary>Runs <paramref name="count"/> requests, <see cref="Clients"/> at a time, in order of their index.</summary>
    private static async Task<List<T>> Concurrently<T>(int count, Func<int, Task<T>> request)
    {
        var next = -1;
        var results = new T[count];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                results[i] = await request(i);
            }
        })));
        return [.. results];
    }
}
