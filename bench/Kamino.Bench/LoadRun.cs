using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Kamino.Bench;

/// <summary>One request the load benchmarks measure: a page (asked with the cookie) or an API call (bearer token).</summary>
internal sealed record LoadTarget(string Name, string Path, bool Page);

/// <summary>What hey measured for one target and one number of concurrent clients.</summary>
internal sealed record LoadResult(string Engine, string Target, int Clients, double P50Ms, double P95Ms, double RequestsPerSecond, int Errors, long Bytes);

/// <summary>
/// Runs hey on each target of a served workspace: warm-up requests, then <see cref="BenchOptions.Seconds"/> of load with each
/// number of clients of <see cref="BenchOptions.Clients"/>; writes the results as a Markdown table.
/// </summary>
internal static partial class LoadRun
{
    public static Task<List<LoadResult>> RunAsync(ServedWorkspace served, string engine, IEnumerable<LoadTarget> targets, BenchOptions o, int seconds) =>
        RunAsync(served, served.BaseUri, engine, targets, o, seconds);

    /// <summary>As above, with the cookie and token of <paramref name="served"/> sent to <paramref name="baseUri"/> (a proxy in front of it).</summary>
    public static async Task<List<LoadResult>> RunAsync(ServedWorkspace served, Uri baseUri, string engine, IEnumerable<LoadTarget> targets, BenchOptions o, int seconds)
    {
        var results = new List<LoadResult>();
        foreach (var t in targets)
        {
            var header = Header(served, t);
            var url = new Uri(baseUri, t.Path).ToString();
            var bytes = await WarmUpAsync(url, header);
            foreach (var clients in o.Clients)
            {
                results.Add(await HeyAsync(engine, t.Name, url, header, seconds, clients, bytes));
            }
        }

        return results;
    }

    /// <summary>The request header that signs <paramref name="t"/> in: the cookie for a page, the bearer token for the API.</summary>
    public static string Header(ServedWorkspace served, LoadTarget t) => t.Page ? $"Cookie: {served.Cookie}" : $"Authorization: Bearer {served.Bearer}";

    /// <summary>A Markdown table of <paramref name="results"/>; each p95 next to the first target's (the reference) with as many clients.</summary>
    public static string Table(List<LoadResult> results, string referenceName)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| engine | request | clients | p50 ms | p95 ms | req/s | errors | bytes | p95 / " + referenceName + " |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var reference = results.First(x => x.Engine == r.Engine && x.Clients == r.Clients);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Engine} | {r.Target} | {r.Clients} | {r.P50Ms:0.0} | {r.P95Ms:0.0} | {r.RequestsPerSecond:0.0} | {r.Errors} | {r.Bytes:N0} | {r.P95Ms / reference.P95Ms:0.0}× |");
        }

        return sb.ToString();
    }

    public static async Task<LoadResult> HeyAsync(string engine, string name, string url, string header, int seconds, int clients, long bytes)
    {
        var start = new ProcessStartInfo("hey") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-z", $"{seconds}s", "-c", clients.ToString(CultureInfo.InvariantCulture), "-H", header, url })
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start) ?? throw new InvalidOperationException("hey not found: apt-get install -y hey");
        var text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        double Milliseconds(string pattern) => Match(text, pattern) is { } v ? v * 1000 : double.NaN;
        var ok = StatusRegex().Matches(text).Where(m => m.Groups[1].Value == "200").Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var all = StatusRegex().Matches(text).Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        // Requests still in flight when -z ends are cancelled by hey, not failed by the server: those are not errors.
        var errorLines = text.Contains("Error distribution:", StringComparison.Ordinal) ? text[text.IndexOf("Error distribution:", StringComparison.Ordinal)..] : "";
        var failed = ErrorRegex().Matches(errorLines).Where(m => !m.Groups[2].Value.Contains("canceled", StringComparison.Ordinal))
            .Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var r = new LoadResult(engine, name, clients, Milliseconds(@"50%+ in ([\d.]+) secs"), Milliseconds(@"95%+ in ([\d.]+) secs"),
            Match(text, @"Requests/sec:\s+([\d.]+)") ?? double.NaN, all - ok + failed, bytes);
        Console.WriteLine($"  {engine,-10} {name,-34} c={clients,-2} p50 {r.P50Ms,7:0.0} ms  p95 {r.P95Ms,7:0.0} ms  {r.RequestsPerSecond,7:0.0} req/s  errors {r.Errors}  {bytes:N0} B");
        return r;
    }

    private static double? Match(string text, string pattern) =>
        Regex.Match(text, pattern) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Five requests before measuring; returns the size of the last answer's body.</summary>
    private static async Task<long> WarmUpAsync(string url, string header)
    {
        using var client = new HttpClient();
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        client.DefaultRequestHeaders.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
        long bytes = 0;
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(url);
            bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Console.WriteLine($"  warning: {url} answered {(int)response.StatusCode}");
                break;
            }
        }

        return bytes;
    }

    [GeneratedRegex(@"\[(\d{3})\]\s+(\d+) responses")]
    private static partial Regex StatusRegex();

    [GeneratedRegex(@"\[(\d+)\]\s+(.*)")]
    private static partial Regex ErrorRegex();
}
