using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kamino.Activities;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Bench;

/// <summary>
/// "Fast enough to open every morning" (issue 13 item 4): a workspace with the generated sales (1M lines by default)
/// and 300 key accounts with owners and check-ins, served by a published <c>kamino serve</c>; the account page, the
/// alerts page and the health and alerts API measured with hey, 20 s with one client and 20 s with 16 at once (after 5 warm-up requests), next to the
/// sign-in page of the same server as the reference (the cost of a request that reads nothing).
/// </summary>
internal static partial class WatchBench
{
    private const string Workspace = "bench";
    private const int KeyAccounts = 300;
    private const string Password = "Bench-watch-2026!";

    private sealed record Target(string Name, string Path, bool Page);

    private sealed record Result(string Engine, string Target, int Clients, double P50Ms, double P95Ms, double RequestsPerSecond, int Errors);

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var root = BenchOptions.RepoRoot();
        await o.EnsureCsvAsync();
        var kamino = await Compare.PublishKaminoAsync(root, o.Work);
        var results = new List<Result>();
        var kdb = Path.Combine(o.Work, "watch.db");
        Compare.DeleteSqlite(kdb);
        results.AddRange(await EngineAsync(kamino, kdb, "SQLite", o));
        if (o.Postgres)
        {
            await using var cluster = await PostgresCluster.StartAsync();
            results.AddRange(await EngineAsync(kamino, await cluster.CreateDatabaseAsync("kamino_watch"), "PostgreSQL", o));
        }

        var report = Report(o, results);
        Console.WriteLine();
        Console.WriteLine(report);
        var path = Path.Combine(o.Work, "watch-results.md");
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine($"written to {path}");
        return results.All(r => r.Errors == 0) ? 0 : 1;
    }

    private static async Task<List<Result>> EngineAsync(string kamino, string db, string engine, BenchOptions o)
    {
        Console.WriteLine($"{engine}: import and set-up");
        await Compare.MustAsync(kamino, ["migrate", "--db", db]);
        await Compare.MustAsync(kamino, ["workspace", "create", Workspace, "--name", "Bench", "--db", db]);
        await Compare.MustAsync(kamino, ["import", "--db", db, "--workspace", Workspace, "--format", "json", o.CsvPath]);
        await WithStdinAsync(kamino, ["users", "add", "--email", "director@bench.test", "--workspace", Workspace, "--role", "Director", "--db", db], Password);
        await WithStdinAsync(kamino, ["users", "add", "--email", "kam@bench.test", "--workspace", Workspace, "--role", "Kam", "--db", db], Password);
        var (topKey, latest) = await KeyAccountsAsync(db);
        var today = latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var port = FreePort();
        var start = new ProcessStartInfo(kamino) { RedirectStandardOutput = true, RedirectStandardError = true };
        // One user makes every request here: the per-user fairness limits (docs/security.md) are switched off, or the
        // benchmark would measure 429s.
        foreach (var setting in new[] { "ConcurrentRequests", "RequestsPerMinute", "ExpensiveConcurrentRequests" })
        {
            start.Environment["Kamino__ApiLimits__" + setting] = "0";
        }

        foreach (var a in new[] { "serve", "--db", db, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }

        using var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        _ = server.StandardError.ReadToEndAsync();
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{port}/");
            await WaitForAsync(baseUri);
            var cookie = await CookieAsync(baseUri);
            var bearer = await BearerAsync(baseUri);
            Target[] targets =
            [
                new("sign-in page (reference)", "account/login", Page: true),
                new("account page", $"w/{Workspace}/accounts/{Uri.EscapeDataString(topKey)}", Page: true),
                new("alerts page", $"w/{Workspace}/alerts", Page: true),
                new("GET …/customers/{c}/health", $"api/workspaces/{Workspace}/customers/{Uri.EscapeDataString(topKey)}/health?today={today}", Page: false),
                new("GET …/health (300 accounts)", $"api/workspaces/{Workspace}/health?today={today}", Page: false),
                new("GET …/alerts?scope=workspace", $"api/workspaces/{Workspace}/alerts?scope=workspace&today={today}", Page: false),
            ];
            var results = new List<Result>();
            foreach (var t in targets)
            {
                var header = t.Page ? $"Cookie: {cookie}" : $"Authorization: Bearer {bearer}";
                var url = new Uri(baseUri, t.Path).ToString();
                await WarmUpAsync(url, header);
                results.Add(await HeyAsync(engine, t.Name, url, header, ["-z", "20s", "-c", "1"], 1));
                results.Add(await HeyAsync(engine, t.Name, url, header, ["-z", "20s", "-c", "16"], 16));
            }

            return results;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Designates the 300 customers with the most revenue, gives them owners, check-ins and CSATs; returns the top key and the latest sale day.</summary>
    private static async Task<(string TopKey, DateOnly Latest)> KeyAccountsAsync(string target)
    {
        var database = new KaminoDatabase(target);
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == Workspace).Select(w => w.Id).SingleAsync();
        var latest = await db.SaleLines.Where(s => s.WorkspaceId == ws).MaxAsync(s => s.Date);
        var top = await db.SaleLines.Where(s => s.WorkspaceId == ws).GroupBy(s => s.CustomerId)
            .Select(g => new { Id = g.Key, Cents = g.Sum(s => s.NetCents) })
            .OrderByDescending(g => g.Cents).ThenBy(g => g.Id).Take(KeyAccounts).Select(g => g.Id).ToListAsync();
        var users = await db.Users.Where(u => u.Email == "director@bench.test" || u.Email == "kam@bench.test").ToDictionaryAsync(u => u.Email!, u => u.Id);
        var clock = TimeProvider.System;
        var random = new Random(13);
        for (var i = 0; i < top.Count; i++)
        {
            var id = top[i];
            Must(await Designations.DesignateAsync(db, ws, id, null, "bench", null, clock));
            Must(await Accounts.AccountTeams.SetOwnerAsync(db, ws, id, i % 2 == 0 ? users["kam@bench.test"] : users["director@bench.test"], null, clock));
            for (var k = 0; k < 6; k++)
            {
                var day = latest.AddDays(-15 - 30 * k - random.Next(10));
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                var checkin = new NewActivity(ActivityType.Call, "Monthly call", at, IsCheckin: true, Csat: random.Next(1, 6));
                var logged = await ActivityLog.LogAsync(db, ws, id, checkin, null, clock);
                if (!logged.Succeeded)
                {
                    throw new InvalidOperationException("check-in refused: " + string.Join("; ", logged.Problems.Select(x => x.Message)));
                }
            }
        }

        var topKey = await db.Customers.Where(c => c.WorkspaceId == ws && c.Id == top[0]).Select(c => c.Key).SingleAsync();
        Console.WriteLine($"{top.Count} key accounts with 6 check-ins each; latest sale {latest:yyyy-MM-dd} (the API is asked with today= that day)");
        return (topKey, latest);

        static void Must(ChangeResult r)
        {
            if (!r.Succeeded)
            {
                throw new InvalidOperationException(r.Problem);
            }
        }
    }

    private static async Task<Result> HeyAsync(string engine, string name, string url, string header, string[] load, int clients)
    {
        var start = new ProcessStartInfo("hey") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in load.Concat(["-H", header, url]))
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start) ?? throw new InvalidOperationException("hey not found: apt-get install -y hey");
        var text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        double Seconds(string pattern) => Match(text, pattern) is { } v ? v * 1000 : double.NaN;
        var ok = Regex.Matches(text, @"\[200\]\s+(\d+) responses").Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var all = Regex.Matches(text, @"\[\d{3}\]\s+(\d+) responses").Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        // Requests still in flight when -z ends are cancelled by hey, not failed by the server: those are not errors.
        var errorLines = text.Contains("Error distribution:", StringComparison.Ordinal) ? text[text.IndexOf("Error distribution:", StringComparison.Ordinal)..] : "";
        var failed = Regex.Matches(errorLines, @"\[(\d+)\]\s+(.*)").Where(m => !m.Groups[2].Value.Contains("canceled", StringComparison.Ordinal))
            .Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var errors = all - ok + failed;
        var r = new Result(engine, name, clients, Seconds(@"50%+ in ([\d.]+) secs"), Seconds(@"95%+ in ([\d.]+) secs"), Match(text, @"Requests/sec:\s+([\d.]+)") ?? double.NaN, errors);
        Console.WriteLine($"  {engine,-10} {name,-32} c={clients,-2} p50 {r.P50Ms,7:0.0} ms  p95 {r.P95Ms,7:0.0} ms  {r.RequestsPerSecond,7:0.0} req/s  errors {r.Errors}");
        return r;
    }

    private static double? Match(string text, string pattern) =>
        Regex.Match(text, pattern) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static async Task WarmUpAsync(string url, string header)
    {
        using var client = new HttpClient();
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        client.DefaultRequestHeaders.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Console.WriteLine($"  warning: {url} answered {(int)response.StatusCode}");
                return;
            }
        }
    }

    private static async Task<string> CookieAsync(Uri baseUri)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri };
        var html = await client.GetStringAsync("account/login");
        var form = FormRegex().Matches(html).Select(m => m.Value).Single(f => f.Contains("name=\"_handler\" value=\"login\"", StringComparison.Ordinal));
        var fields = HiddenRegex().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = "director@bench.test";
        fields["Input.Password"] = Password;
        using var response = await client.PostAsync("account/login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
        }

        return cookies.GetCookieHeader(baseUri);
    }

    private static async Task<string> BearerAsync(Uri baseUri)
    {
        using var client = new HttpClient { BaseAddress = baseUri };
        using var response = await client.PostAsJsonAsync("api/auth/login", new { email = "director@bench.test", password = Password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task WaitForAsync(Uri baseUri)
    {
        using var client = new HttpClient { BaseAddress = baseUri };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var response = await client.GetAsync("account/login");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("kamino serve did not answer within 60 s");
    }

    private static async Task WithStdinAsync(string program, string[] arguments, string input)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        await p.StandardInput.WriteLineAsync(input);
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Report(BenchOptions o, List<Result> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Keeping watch (issue 13): {o.Lines:N0} lines, {o.Customers:N0} customers, {KeyAccounts} key accounts, {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine("| engine | request | clients | p50 ms | p95 ms | req/s | errors | p95 / reference p95 |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var reference = results.First(x => x.Engine == r.Engine && x.Clients == r.Clients);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Engine} | {r.Target} | {r.Clients} | {r.P50Ms:0.0} | {r.P95Ms:0.0} | {r.RequestsPerSecond:0.0} | {r.Errors} | {r.P95Ms / reference.P95Ms:0.0}× |");
        }

        return sb.ToString();
    }

    [GeneratedRegex("<form[^>]*method=\"post\".*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenRegex();
}
