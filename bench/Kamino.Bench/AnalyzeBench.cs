using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kamino.Bench;

/// <summary>
/// <c>kamino analyze FILE --all</c> (the Pareto straight from the CSV, nothing stored) against DuckDB querying the
/// same CSV with <c>read_csv</c> and a GROUP BY per customer (npm <c>@duckdb/node-api</c>, installed into the
/// work folder on first use; bench/analyze/duckdb-groupby.mjs). Runs alternate between the two in one process
/// so both see the same machine; both answers are checked against the generator's summary.
/// </summary>
internal static class AnalyzeBench
{
    /// <summary>The DuckDB client the reference runs on; bump deliberately.</summary>
    public const string DuckDbPackage = "@duckdb/node-api@1.5.6-r.1";

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var root = BenchOptions.RepoRoot();
        await o.EnsureCsvAsync();
        var truth = JsonDocument.Parse(await File.ReadAllTextAsync(o.SummaryPath)).RootElement;
        var work = Path.Combine(o.Work, "analyze");
        Directory.CreateDirectory(work);
        var kamino = await Compare.PublishKaminoAsync(root, work);
        var duck = await InstallDuckDbAsync(root, work);

        var kaminoRuns = new List<Measurement>();
        var kaminoFullRuns = new List<Measurement>();
        var duckRuns = new List<Measurement>();
        var failures = new List<string>();
        for (var run = 1; run <= o.Runs; run++)
        {
            Console.WriteLine($"analyze run {run}/{o.Runs}");
            // Like the DuckDB script, which ranks every customer and prints only the count and the total: the
            // figures over all customers with the first 10 listed. Then the whole report, all customers listed.
            var kaminoOut = Path.Combine(work, "kamino-analyze.json");
            kaminoRuns.Add(await Measured.RunAsync(kamino, ["analyze", o.CsvPath, "--all", "--top", "10", "--format", "json"], kaminoOut));
            CheckKamino(kaminoOut, truth, failures);
            var kaminoFullOut = Path.Combine(work, "kamino-analyze-full.json");
            kaminoFullRuns.Add(await Measured.RunAsync(kamino, ["analyze", o.CsvPath, "--all", "--format", "json"], kaminoFullOut));
            CheckKamino(kaminoFullOut, truth, failures);
            var duckOut = Path.Combine(work, "duckdb.csv");
            duckRuns.Add(await Measured.RunAsync("node", [duck, o.CsvPath], duckOut, Path.GetDirectoryName(duck)));
            CheckDuckDb(duckOut, truth, failures);
        }

        var report = Report(o, kaminoRuns, kaminoFullRuns, duckRuns, await VersionAsync(Path.GetDirectoryName(duck)!));
        Console.WriteLine();
        Console.WriteLine(report);
        var reportPath = Path.Combine(work, "results.md");
        await File.WriteAllTextAsync(reportPath, report);
        Console.WriteLine($"written to {reportPath}");
        foreach (var f in failures.Distinct())
        {
            Console.Error.WriteLine("CHECK FAILED: " + f);
        }

        return failures.Count == 0 && kaminoRuns.Concat(kaminoFullRuns).Concat(duckRuns).All(m => m.ExitCode == 0) ? 0 : 1;
    }

    /// <summary>Installs the DuckDB client into <c>work/duckdb</c> (not the repository) and copies the query script beside it.</summary>
    private static async Task<string> InstallDuckDbAsync(string root, string work)
    {
        var folder = Path.Combine(work, "duckdb");
        Directory.CreateDirectory(folder);
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api")))
        {
            Console.WriteLine($"installing: npm install --prefix {folder} {DuckDbPackage}");
            await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), "{ \"private\": true }\n");
            await Compare.MustAsync("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund", DuckDbPackage]);
        }

        var script = Path.Combine(folder, "duckdb-groupby.mjs");
        File.Copy(Path.Combine(root, "bench", "analyze", "duckdb-groupby.mjs"), script, overwrite: true);
        return script;
    }

    private static async Task<string> VersionAsync(string folder)
    {
        var package = Path.Combine(folder, "node_modules", "@duckdb", "node-api", "package.json");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(package));
        return doc.RootElement.GetProperty("version").GetString() ?? "?";
    }

    private static void CheckKamino(string file, JsonElement truth, List<string> failures)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var r = doc.RootElement;
        var abc = truth.GetProperty("abc");
        var classes = r.GetProperty("classes");
        if (r.GetProperty("totalRevenue").GetDecimal() != decimal.Parse(truth.GetProperty("total_revenue").GetString()!, CultureInfo.InvariantCulture)
            || r.GetProperty("customerCount").GetInt32() != truth.GetProperty("customers_active").GetInt32()
            || r.GetProperty("paretoCount").GetInt32() != truth.GetProperty("pareto_customers").GetInt32()
            || classes.GetProperty("b").GetInt32() != abc.GetProperty("B").GetInt32())
        {
            failures.Add($"kamino analyze differs from the generator's summary (total {r.GetProperty("totalRevenue")}, customers {r.GetProperty("customerCount")}, pareto {r.GetProperty("paretoCount")})");
        }
    }

    private static void CheckDuckDb(string file, JsonElement truth, List<string> failures)
    {
        var parts = File.ReadAllText(file).Trim().Split(',');
        var expectedCents = decimal.Parse(truth.GetProperty("total_revenue").GetString()!, CultureInfo.InvariantCulture) * 100m;
        if (parts.Length != 2 || int.Parse(parts[0], CultureInfo.InvariantCulture) != truth.GetProperty("customers_active").GetInt32()
            || decimal.Parse(parts[1], CultureInfo.InvariantCulture) != expectedCents)
        {
            failures.Add($"DuckDB GROUP BY gives '{string.Join(',', parts)}'");
        }
    }

    private static string Report(BenchOptions o, List<Measurement> kamino, List<Measurement> kaminoFull, List<Measurement> duck, string duckVersion)
    {
        var inv = CultureInfo.InvariantCulture;
        static double Median(List<Measurement> runs) => runs.Select(r => r.Seconds).Order().ElementAt(runs.Count / 2);
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Input: {o.GenerateCommand} ({new FileInfo(o.CsvPath).Length / 1_000_000.0:0.0} MB); {Environment.ProcessorCount} logical CPUs; .NET {Environment.Version}; DuckDB node-api {duckVersion}");
        sb.AppendLine(inv, $"Runs: {o.Runs}, alternating; seconds are the median (best in brackets); peak RSS is the process's maximum over the runs.");
        sb.AppendLine();
        sb.AppendLine("| tool | seconds | rows/s | peak RSS (MB) | kamino / DuckDB |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        sb.AppendLine(inv, $"| DuckDB read_csv + GROUP BY (node) | {Median(duck):0.00} ({duck.Min(r => r.Seconds):0.00}) | {o.Lines / Median(duck):N0} | {duck.Max(r => r.PeakRssKb) / 1024.0:0} | |");
        sb.AppendLine(inv, $"| kamino analyze --all --top 10 | {Median(kamino):0.00} ({kamino.Min(r => r.Seconds):0.00}) | {o.Lines / Median(kamino):N0} | {kamino.Max(r => r.PeakRssKb) / 1024.0:0} | {Median(kamino) / Median(duck):0.00}× |");
        sb.AppendLine(inv, $"| kamino analyze --all (every customer listed, {new FileInfo(Path.Combine(o.Work, "analyze", "kamino-analyze-full.json")).Length / 1_000_000.0:0.0} MB of JSON) | {Median(kaminoFull):0.00} ({kaminoFull.Min(r => r.Seconds):0.00}) | {o.Lines / Median(kaminoFull):N0} | {kaminoFull.Max(r => r.PeakRssKb) / 1024.0:0} | {Median(kaminoFull) / Median(duck):0.00}× |");
        return sb.ToString();
    }
}
