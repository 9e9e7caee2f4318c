using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Kamino.Testing;

namespace Kamino.Bench;

/// <summary>
/// Times the Release <c>kamino</c> executable against each engine's own tools on the same generated CSV:
/// <c>kamino import</c> vs sqlite3 <c>.import</c> / psql <c>\copy</c> into a plain table, and
/// <c>kamino accounts pareto --all</c> vs a GROUP BY computing the same per-customer sums. Every result is
/// checked against the generator's ground truth, so a fast wrong answer does not count.
/// </summary>
internal static class Compare
{
    private const string Workspace = "bench";

    private sealed record Row(string Step, string Engine, string Tool, List<Measurement> Runs)
    {
        public double Median => Runs.Select(r => r.Seconds).Order().ElementAt(Runs.Count / 2);

        public double Best => Runs.Min(r => r.Seconds);

        public double CpuMedian => Runs.Select(r => r.CpuSeconds).Order().ElementAt(Runs.Count / 2);

        public long PeakRssKb => Runs.Max(r => r.PeakRssKb);
    }

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var root = BenchOptions.RepoRoot();
        await o.EnsureCsvAsync();
        var truth = JsonDocument.Parse(await File.ReadAllTextAsync(o.SummaryPath)).RootElement;
        var kamino = await PublishKaminoAsync(root, o.Work);
        var csv = o.CsvPath;
        var rows = new List<Row>();
        var failures = new List<string>();
        Row Add(string step, string engine, string tool)
        {
            var row = new Row(step, engine, tool, []);
            rows.Add(row);
            return row;
        }

        var kImport = Add("import", "SQLite", "kamino import");
        var sImport = Add("import", "SQLite", "sqlite3 .import (plain table)");
        var kPareto = Add("pareto --all", "SQLite", "kamino accounts pareto");
        var sPareto = Add("pareto --all", "SQLite", "sqlite3 GROUP BY");
        for (var run = 1; run <= o.Runs; run++)
        {
            Console.WriteLine($"SQLite run {run}/{o.Runs}");
            var kdb = Path.Combine(o.Work, "kamino.db");
            var rdb = Path.Combine(o.Work, "reference.db");
            DeleteSqlite(kdb);
            DeleteSqlite(rdb);
            await MustAsync(kamino, ["migrate", "--db", kdb]);
            var importOut = Path.Combine(o.Work, "kamino-import.json");
            kImport.Runs.Add(await Measured.RunAsync(kamino, ["import", "--db", kdb, "--workspace", Workspace, "--format", "json", csv], importOut));
            CheckImport(importOut, o.Lines, "SQLite", failures);

            sImport.Runs.Add(await Measured.RunAsync("sqlite3", [rdb, ".mode csv", $".import {csv} t"]));

            var paretoOut = Path.Combine(o.Work, "kamino-pareto-sqlite.json");
            kPareto.Runs.Add(await Measured.RunAsync(kamino, ["accounts", "pareto", "--all", "--format", "json", "--db", kdb, "--workspace", Workspace], paretoOut));
            CheckPareto(paretoOut, truth, "SQLite", failures);

            var groupOut = Path.Combine(o.Work, "reference-sqlite.csv");
            sPareto.Runs.Add(await Measured.RunAsync("sqlite3", [rdb, ".mode csv",
                "SELECT customer_id, SUM(CAST(ROUND(line_total * 100) AS INTEGER)) AS cents FROM t GROUP BY customer_id ORDER BY cents DESC, customer_id;"], groupOut));
            CheckGroupBy(groupOut, truth, "SQLite", failures);
        }

        string? postgresVersion = null;
        if (o.Postgres)
        {
            var kImportPg = Add("import", "PostgreSQL", "kamino import");
            var pImport = Add("import", "PostgreSQL", "psql \\copy (plain table)");
            var kParetoPg = Add("pareto --all", "PostgreSQL", "kamino accounts pareto");
            var pPareto = Add("pareto --all", "PostgreSQL", "psql GROUP BY");
            await using var cluster = await PostgresCluster.StartAsync();
            postgresVersion = await OutputAsync(Path.Combine(cluster.BinDirectory, "postgres"), ["--version"]);
            for (var run = 1; run <= o.Runs; run++)
            {
                Console.WriteLine($"PostgreSQL run {run}/{o.Runs}");
                var kdb = await cluster.CreateDatabaseAsync(string.Create(CultureInfo.InvariantCulture, $"kamino_{run}"));
                var rdb = await cluster.CreateDatabaseAsync(string.Create(CultureInfo.InvariantCulture, $"reference_{run}"));
                var rconn = Libpq(cluster, string.Create(CultureInfo.InvariantCulture, $"reference_{run}"));
                await MustAsync(kamino, ["migrate", "--db", kdb]);
                var importOut = Path.Combine(o.Work, "kamino-import-pg.json");
                kImportPg.Runs.Add(await Measured.RunAsync(kamino, ["import", "--db", kdb, "--workspace", Workspace, "--format", "json", csv], importOut));
                CheckImport(importOut, o.Lines, "PostgreSQL", failures);

                await MustAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", rconn, "-c",
                    "CREATE TABLE t (invoice_number text, invoice_date date, customer_id text, customer_name text, product_sku text, quantity numeric, unit_price numeric, discount_pct numeric, line_total numeric, currency text)"]);
                pImport.Runs.Add(await Measured.RunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", rconn, "-c", $"\\copy t FROM '{csv}' WITH (FORMAT csv, HEADER true)"]));

                var paretoOut = Path.Combine(o.Work, "kamino-pareto-pg.json");
                kParetoPg.Runs.Add(await Measured.RunAsync(kamino, ["accounts", "pareto", "--all", "--format", "json", "--db", kdb, "--workspace", Workspace], paretoOut));
                CheckPareto(paretoOut, truth, "PostgreSQL", failures);

                var groupOut = Path.Combine(o.Work, "reference-pg.csv");
                pPareto.Runs.Add(await Measured.RunAsync("psql", ["-X", "-q", "-A", "-t", "-F", ",", "-d", rconn, "-c",
                    "SELECT customer_id, SUM(ROUND(line_total * 100)::bigint) AS cents FROM t GROUP BY customer_id ORDER BY cents DESC, customer_id"], groupOut));
                CheckGroupBy(groupOut, truth, "PostgreSQL", failures);
                _ = rdb;
            }
        }

        var report = await ReportAsync(o, rows, postgresVersion);
        Console.WriteLine();
        Console.WriteLine(report);
        var reportPath = Path.Combine(o.Work, "results.md");
        await File.WriteAllTextAsync(reportPath, report);
        Console.WriteLine($"written to {reportPath}");
        foreach (var f in failures.Distinct())
        {
            Console.Error.WriteLine("CHECK FAILED: " + f);
        }

        return failures.Count == 0 && rows.All(r => r.Runs.All(m => m.ExitCode == 0)) ? 0 : 1;
    }

    /// <summary>Publishes kamino as it is deployed: Release, ReadyToRun for this machine's runtime (docs/development.md).</summary>
    public static async Task<string> PublishKaminoAsync(string root, string work)
    {
        var output = Path.Combine(work, "kamino");
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        Console.WriteLine($"building: dotnet publish src/Kamino.Host/Kamino.Host.csproj -c Release -r {rid} --self-contained false -p:PublishReadyToRun=true -o {output}");
        await MustAsync("dotnet", ["publish", Path.Combine(root, "src", "Kamino.Host", "Kamino.Host.csproj"), "-c", "Release", "-r", rid, "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "--nologo", "-v", "q"]);
        return Path.Combine(output, "kamino");
    }

    public static void DeleteSqlite(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    private static string Libpq(PostgresCluster cluster, string database) =>
        string.Create(CultureInfo.InvariantCulture, $"host=127.0.0.1 port={cluster.Port} user=postgres dbname={database}");

    public static void CheckImport(string file, int lines, string engine, List<string> failures)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var result = doc.RootElement[0];
        if (!result.GetProperty("imported").GetBoolean() || result.GetProperty("linesAdded").GetInt32() != lines)
        {
            failures.Add($"{engine}: kamino import did not add {lines} lines: {result}");
        }
    }

    private static void CheckPareto(string file, JsonElement truth, string engine, List<string> failures)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var r = doc.RootElement;
        var expectedTotal = decimal.Parse(truth.GetProperty("total_revenue").GetString()!, CultureInfo.InvariantCulture);
        if (r.GetProperty("totalRevenue").GetDecimal() != expectedTotal
            || r.GetProperty("customerCount").GetInt32() != truth.GetProperty("customers_active").GetInt32()
            || r.GetProperty("paretoCount").GetInt32() != truth.GetProperty("pareto_customers").GetInt32())
        {
            failures.Add($"{engine}: kamino pareto differs from the generator's summary (total {r.GetProperty("totalRevenue")}, customers {r.GetProperty("customerCount")}, pareto {r.GetProperty("paretoCount")})");
        }
    }

    private static void CheckGroupBy(string file, JsonElement truth, string engine, List<string> failures)
    {
        var sums = File.ReadLines(file).Where(l => l.Length > 0).Select(l => long.Parse(l[(l.LastIndexOf(',') + 1)..], CultureInfo.InvariantCulture)).ToList();
        var expectedCents = decimal.Parse(truth.GetProperty("total_revenue").GetString()!, CultureInfo.InvariantCulture) * 100m;
        if (sums.Count != truth.GetProperty("customers_active").GetInt32() || sums.Sum() != expectedCents)
        {
            failures.Add($"{engine}: reference GROUP BY gives {sums.Count} customers and {sums.Sum()} cents");
        }
    }

    public static async Task MustAsync(string program, string[] arguments)
    {
        var m = await Measured.RunAsync(program, arguments);
        if (m.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed");
        }
    }

    private static async Task<string> OutputAsync(string program, string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start)!;
            var text = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            return text.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "(not found)";
        }
    }

    private static async Task<string> ReportAsync(BenchOptions o, List<Row> rows, string? postgresVersion)
    {
        var inv = CultureInfo.InvariantCulture;
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : "0";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : RuntimeInformation.OSDescription;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Machine: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} logical CPUs, {long.Parse(memKb, inv) / 1024 / 1024} GiB RAM, {os}, kernel {(File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription)}");
        sb.AppendLine(inv, $"Software: .NET {Environment.Version}, {await OutputAsync("sqlite3", ["--version"])} (sqlite3 CLI), {postgresVersion ?? "PostgreSQL not run"}");
        sb.AppendLine(inv, $"Input: {o.GenerateCommand} ({new FileInfo(o.CsvPath).Length / 1_000_000.0:0.0} MB)");
        sb.AppendLine(inv, $"Runs: {o.Runs} per step; seconds are the median (best in brackets); peak RSS is the client process's maximum over the runs.");
        sb.AppendLine();
        sb.AppendLine("| step | engine | tool | seconds | CPU seconds | rows/s | peak RSS (MB) | kamino / reference | CPU ratio |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.Runs.Count == 0)
            {
                continue;
            }

            // Rows come in pairs: kamino first, then the engine's own tool for the same step.
            var ratio = i % 2 == 1 ? (rows[i - 1].Median / r.Median).ToString("0.0", inv) + "×" : "";
            // CPU time of the client only: for PostgreSQL the server's work is not in it.
            var cpuRatio = i % 2 == 1 && r.CpuMedian > 0 ? (rows[i - 1].CpuMedian / r.CpuMedian).ToString("0.0", inv) + "×" : "";
            sb.AppendLine(inv, $"| {r.Step} | {r.Engine} | {r.Tool} | {r.Median:0.00} ({r.Best:0.00}) | {r.CpuMedian:0.00} | {o.Lines / r.Median:N0} | {r.PeakRssKb / 1024.0:0} | {ratio} | {cpuRatio} |");
        }

        return sb.ToString();
    }
}
