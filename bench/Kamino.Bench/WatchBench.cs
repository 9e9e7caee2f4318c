using System.Globalization;
using System.Text;
using Kamino.Testing;

namespace Kamino.Bench;

/// <summary>
/// "Fast enough to open every morning" (issue 13 item 4): the account page, the alerts page and the health and alerts
/// API of a <see cref="ServedWorkspace"/> (1M lines and 300 key accounts by default) under hey, with 1 and 16 clients
/// (20 s each by default, after 5 warm-up requests), next to the sign-in page of the same server as the reference
/// (the cost of a request that reads nothing).
/// </summary>
internal static class WatchBench
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        await o.EnsureCsvAsync();
        var kamino = await Compare.PublishKaminoAsync(BenchOptions.RepoRoot(), o.Work);
        var results = new List<LoadResult>();
        var kdb = Path.Combine(o.Work, "watch.db");
        Compare.DeleteSqlite(kdb);
        results.AddRange(await EngineAsync(kamino, kdb, "SQLite", o));
        if (o.Postgres)
        {
            await using var cluster = await PostgresCluster.StartAsync();
            results.AddRange(await EngineAsync(kamino, await cluster.CreateDatabaseAsync("kamino_watch"), "PostgreSQL", o));
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Keeping watch (issue 13): {o.Lines:N0} lines, {o.Customers:N0} customers, {ServedWorkspace.KeyAccounts} key accounts, {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.Append(LoadRun.Table(results, "reference p95"));
        Console.WriteLine();
        Console.WriteLine(sb);
        var path = Path.Combine(o.Work, "watch-results.md");
        await File.WriteAllTextAsync(path, sb.ToString());
        Console.WriteLine($"written to {path}");
        return results.All(r => r.Errors == 0) ? 0 : 1;
    }

    private static async Task<List<LoadResult>> EngineAsync(string kamino, string db, string engine, BenchOptions o)
    {
        await using var served = await ServedWorkspace.StartAsync(kamino, db, engine, o);
        const string ws = ServedWorkspace.Workspace;
        var key = Uri.EscapeDataString(served.TopKey);
        LoadTarget[] targets =
        [
            new("sign-in page (reference)", "account/login", Page: true),
            new("account page", $"w/{ws}/accounts/{key}", Page: true),
            new("alerts page", $"w/{ws}/alerts", Page: true),
            new("GET …/customers/{c}/health", $"api/workspaces/{ws}/customers/{key}/health?today={served.Today}", Page: false),
            new("GET …/health (300 accounts)", $"api/workspaces/{ws}/health?today={served.Today}", Page: false),
            new("GET …/alerts?scope=workspace", $"api/workspaces/{ws}/alerts?scope=workspace&today={served.Today}", Page: false),
        ];
        return await LoadRun.RunAsync(served, engine, targets, o, o.Seconds ?? 20);
    }
}
