using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kamino.Testing;

namespace Kamino.Bench;

/// <summary>
/// "Instant at a million lines" (issue 15 item 3): the dashboard, the first customers page (web and API), an account
/// page, the Pareto API and the what-if API of a <see cref="ServedWorkspace"/> under hey, alone and with 16 clients
/// (30 s each by default, after 5 warm-up requests). Next to them, the same run's raw <c>GROUP BY</c> of the sale
/// lines per customer in sqlite3 / psql on the same database (the median of 5 runs, the tool's own timer): what an
/// analysis costs without any aggregate. The Pareto answer is checked against the generator's summary first.
/// </summary>
internal static partial class InstantBench
{
    private const string GroupBy = "SELECT customer_id, SUM(net_cents) FROM sale_line GROUP BY customer_id";

    public static async Task<int> RunAsync(BenchOptions o)
    {
        await o.EnsureCsvAsync();
        var kamino = await Compare.PublishKaminoAsync(BenchOptions.RepoRoot(), o.Work);
        var results = new List<LoadResult>();
        var references = new List<string>();
        var failures = new List<string>();
        var kdb = Path.Combine(o.Work, "instant.db");
        Compare.DeleteSqlite(kdb);
        await EngineAsync(kamino, kdb, "SQLite", o, results, failures);
        references.Add($"SQLite: sqlite3 `{GroupBy}` median {await SqliteGroupByAsync(kdb):0.0} ms");
        if (o.Postgres)
        {
            await using var cluster = await PostgresCluster.StartAsync();
            var pdb = await cluster.CreateDatabaseAsync("kamino_instant");
            await EngineAsync(kamino, pdb, "PostgreSQL", o, results, failures);
            var libpq = string.Create(CultureInfo.InvariantCulture, $"host=127.0.0.1 port={cluster.Port} user=postgres dbname=kamino_instant");
            references.Add($"PostgreSQL: psql `{GroupBy}` median {await PsqlGroupByAsync(libpq):0.0} ms");
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Instant at a million lines (issue 15): {o.Lines:N0} lines, {o.Customers:N0} customers, {ServedWorkspace.KeyAccounts} key accounts, {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC, hey {o.Seconds ?? 30} s per row");
        sb.AppendLine();
        sb.Append(LoadRun.Table(results, "sign-in p95"));
        sb.AppendLine();
        sb.AppendLine("Reference, the raw sum per customer with no aggregate, on the same database after the run:");
        sb.AppendLine();
        foreach (var r in references)
        {
            sb.AppendLine("- " + r);
        }

        Console.WriteLine();
        Console.WriteLine(sb);
        var path = Path.Combine(o.Work, "instant-results.md");
        await File.WriteAllTextAsync(path, sb.ToString());
        Console.WriteLine($"written to {path}");
        foreach (var f in failures)
        {
            Console.Error.WriteLine("CHECK FAILED: " + f);
        }

        return failures.Count == 0 && results.All(r => r.Errors == 0) ? 0 : 1;
    }

    private static async Task EngineAsync(string kamino, string db, string engine, BenchOptions o, List<LoadResult> results, List<string> failures)
    {
        await using var served = await ServedWorkspace.StartAsync(kamino, db, engine, o);
        await CheckParetoAsync(served, o, engine, failures);
        const string ws = ServedWorkspace.Workspace;
        var key = Uri.EscapeDataString(served.TopKey);
        LoadTarget[] targets =
        [
            new("sign-in page (reference)", "account/login", Page: true),
            new("dashboard page", $"w/{ws}", Page: true),
            new("customers page (first page)", $"w/{ws}/customers", Page: true),
            new("account page", $"w/{ws}/accounts/{key}", Page: true),
            new("GET …/customers (first page)", $"api/workspaces/{ws}/customers?limit=50", Page: false),
            new("GET …/analysis/pareto", $"api/workspaces/{ws}/analysis/pareto", Page: false),
            new("GET …/analysis/whatif", $"api/workspaces/{ws}/analysis/whatif?without={key}", Page: false),
        ];
        results.AddRange(await LoadRun.RunAsync(served, engine, targets, o, o.Seconds ?? 30));
    }

    /// <summary>The Pareto API over all sales must give the generator's total, customers and Pareto set to the cent.</summary>
    private static async Task CheckParetoAsync(ServedWorkspace served, BenchOptions o, string engine, List<string> failures)
    {
        using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(o.SummaryPath));
        using var client = new HttpClient { BaseAddress = served.BaseUri };
        client.DefaultRequestHeaders.Authorization = new("Bearer", served.Bearer);
        var watch = Stopwatch.StartNew();
        using var answer = JsonDocument.Parse(await client.GetStringAsync($"api/workspaces/{ServedWorkspace.Workspace}/analysis/pareto?all=true&customers=1"));
        Console.WriteLine($"  {engine}: first Pareto request over all sales answered in {watch.Elapsed.TotalMilliseconds:0} ms");
        var r = answer.RootElement;
        var t = truth.RootElement;
        if (r.GetProperty("totalRevenue").GetDecimal() != decimal.Parse(t.GetProperty("total_revenue").GetString()!, CultureInfo.InvariantCulture)
            || r.GetProperty("customerCount").GetInt32() != t.GetProperty("customers_active").GetInt32()
            || r.GetProperty("paretoCount").GetInt32() != t.GetProperty("pareto_customers").GetInt32())
        {
            failures.Add($"{engine}: the Pareto API differs from the generator's summary (total {r.GetProperty("totalRevenue")}, customers {r.GetProperty("customerCount")}, pareto {r.GetProperty("paretoCount")})");
        }
    }

    private static async Task<double> SqliteGroupByAsync(string file)
    {
        var script = ".timer on\n" + string.Concat(Enumerable.Repeat(GroupBy + ";\n", 5));
        var text = await ToolAsync("sqlite3", [file], script);
        return Median(SqliteTimeRegex().Matches(text).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000));
    }

    private static async Task<double> PsqlGroupByAsync(string libpq)
    {
        var script = "\\timing on\n" + string.Concat(Enumerable.Repeat(GroupBy + ";\n", 5));
        var text = await ToolAsync("psql", ["-X", "-q", "-A", "-t", "-d", libpq], script);
        return Median(PsqlTimeRegex().Matches(text).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    private static async Task<string> ToolAsync(string program, string[] arguments, string stdin)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await errors}");
        }

        // The timings are on the last lines of output; the sums themselves are dropped.
        return await output;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    [GeneratedRegex(@"Run Time: real ([\d.]+)")]
    private static partial Regex SqliteTimeRegex();

    [GeneratedRegex(@"Time: ([\d.]+) ms")]
    private static partial Regex PsqlTimeRegex();
}
