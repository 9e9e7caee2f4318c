using System.Globalization;
using System.Text;
using Kamino.Testing;

namespace Kamino.Bench;

/// <summary>
/// Several nodes behind nginx (issue 16 item 6): a PostgreSQL primary and a streaming standby (<see cref="Standby"/>),
/// the generated sales imported on the primary, two <c>kamino serve</c> nodes and nginx in front configured as
/// docs/scaling.md says (<see cref="NginxProxy"/>). The dashboard, an account page, the customers API and the Pareto API
/// under hey with each number of clients (16 and 64 by default), against one node directly (the reference) and
/// through nginx to both; then a kill -9 of one node while hey runs through nginx, with the errors it saw.
/// The nodes write to the primary and read analyses from the standby (<c>KAMINO_READ_DB</c>, the <c>--read-db</c>
/// setting); the standby is checked to hold the same sale lines before the load starts.
/// </summary>
internal static class ScaleBench
{
    private const string Direct = "one node, direct";
    private const string Proxied = "two nodes, nginx";

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var loadBefore = LoadAverage();
        var seconds = o.Seconds ?? 20;
        IReadOnlyList<int> clients = o.Clients.SequenceEqual([1, 16]) ? [16, 64] : o.Clients; // the shared default is for one node
        o = o with { Clients = clients };
        await o.EnsureCsvAsync();
        var kamino = await Compare.PublishKaminoAsync(BenchOptions.RepoRoot(), o.Work);
        await using var primary = await PostgresCluster.StartAsync();
        const string Database = "kamino_scale";
        var db = await primary.CreateDatabaseAsync(Database);
        await using var standby = await Standby.StartAsync(primary);
        var (topKey, latest) = await ServedWorkspace.SetUpAsync(kamino, db, "PostgreSQL primary", o);
        var caughtUp = await standby.CatchUpAsync(primary, Database);
        const string Lines = "SELECT count(*) FROM sale_line";
        var (onPrimary, onStandby) = (await Standby.CountAsync(db, Lines), await Standby.CountAsync(standby.ConnectionString(Database), Lines));
        var replica = $"standby (pg_basebackup -R -X stream) replayed the set-up {caughtUp.TotalSeconds:0.0} s after it ended; sale lines: primary {onPrimary:N0}, standby {onStandby:N0}";
        Console.WriteLine(replica);

        var readDb = standby.ConnectionString(Database);
        await using var nodeA = await ServedWorkspace.ServeAsync(kamino, db, topKey, latest, Node("node-a", readDb));
        await using var nodeB = await ServedWorkspace.ServeAsync(kamino, db, topKey, latest, Node("node-b", readDb));
        await using var nginx = await NginxProxy.StartAsync([Upstream(nodeA), Upstream(nodeB)]);

        const string ws = ServedWorkspace.Workspace;
        LoadTarget[] targets =
        [
            new("dashboard page", $"w/{ws}", Page: true),
            new("account page", $"w/{ws}/accounts/{Uri.EscapeDataString(topKey)}", Page: true),
            new("GET …/customers (first page)", $"api/workspaces/{ws}/customers?limit=50", Page: false),
            new("GET …/analysis/pareto", $"api/workspaces/{ws}/analysis/pareto", Page: false),
        ];
        var results = new List<LoadResult>();
        results.AddRange(await LoadRun.RunAsync(nodeA, nodeA.BaseUri, Direct, targets, o, seconds));
        results.AddRange(await LoadRun.RunAsync(nodeA, nginx.Address, Proxied, targets, o, seconds));
        var shares = Shares(nginx.AccessLog, nodeA, nodeB);
        var standbyReads = $"node-a {await StandbyReadsAsync(nodeA):N0}, node-b {await StandbyReadsAsync(nodeB):N0}";

        // kill -9 of node-b a third of the way into a run through nginx, with the most clients.
        var killed = targets[2];
        var killSeconds = Math.Max(seconds, 10);
        var hey = LoadRun.HeyAsync(Proxied + ", node-b killed", killed.Name, new Uri(nginx.Address, killed.Path).ToString(), LoadRun.Header(nodeA, killed), killSeconds, clients.Max(), 0);
        await Task.Delay(TimeSpan.FromSeconds(killSeconds / 3.0));
        nodeB.Kill();
        var kill = await hey;

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Several nodes behind nginx (issue 16): {o.Lines:N0} lines, {o.Customers:N0} customers, {ServedWorkspace.KeyAccounts} key accounts, {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC, hey {seconds} s per row, load average before the run {loadBefore}");
        sb.AppendLine();
        sb.AppendLine("| setup | request | clients | p50 ms | p95 ms | req/s | errors | req/s / one node direct | p95 / one node direct |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results.Append(kill))
        {
            var reference = results.First(x => x.Engine == Direct && x.Target == r.Target && x.Clients == r.Clients);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Engine} | {r.Target} | {r.Clients} | {r.P50Ms:0.0} | {r.P95Ms:0.0} | {r.RequestsPerSecond:0.0} | {r.Errors} | {r.RequestsPerSecond / reference.RequestsPerSecond:0.00}× | {r.P95Ms / reference.P95Ms:0.00}× |");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- requests through nginx per node (access log, before the kill): {shares}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- reads the standby served (`kamino_db_reads_total{{route=\"standby\"}}` on /metrics, before the kill): {standbyReads}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- kill -9 of node-b {killSeconds / 3.0:0.0} s into the last row's {killSeconds} s: {kill.Errors} errors (failed or non-200 answers)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- {replica}; both nodes (and the direct rows' node-a) write to the primary and read analyses from the standby (`KAMINO_READ_DB`, as `--read-db`)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- load average after the run {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine(sb);
        var path = Path.Combine(o.Work, "scale-results.md");
        await File.WriteAllTextAsync(path, sb.ToString());
        Console.WriteLine($"written to {path}");
        return results.All(r => r.Errors == 0) && onPrimary == onStandby ? 0 : 1;
    }

    private static Dictionary<string, string> Node(string name, string readDb) =>
        new() { ["Kamino__NodeName"] = name, ["Kamino__TrustedProxies"] = "127.0.0.1", ["KAMINO_READ_DB"] = readDb };

    private static string Upstream(ServedWorkspace node) => $"127.0.0.1:{node.BaseUri.Port}";

    /// <summary>How many logged requests each node answered (the last upstream of a line: the one that answered).</summary>
    private static string Shares(string accessLog, ServedWorkspace a, ServedWorkspace b)
    {
        var counts = accessLog.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|')[1].Split(',')[^1].Trim())
            .GroupBy(u => u == Upstream(a) ? "node-a" : u == Upstream(b) ? "node-b" : u)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count():N0}");
        return string.Join(", ", counts);
    }

    /// <summary>The node's count of reads the standby answered, from its <c>/metrics</c> (loopback may read them).</summary>
    private static async Task<double> StandbyReadsAsync(ServedWorkspace node)
    {
        using var client = new HttpClient { BaseAddress = node.BaseUri };
        var metrics = await client.GetStringAsync("metrics");
        return metrics.Split('\n')
            .Where(l => l.StartsWith("kamino_db_reads_total{", StringComparison.Ordinal) && l.Contains("route=\"standby\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
