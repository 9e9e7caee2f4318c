using System.Globalization;
using System.Text;
using MiniExcelLibs;
using nietras.SeparatedValues;

namespace Kamino.Bench;

/// <summary>
/// The two size targets of issue 4 item 7, each next to a reference: peak memory of <c>kamino import</c> on a
/// 10M-line CSV (streaming: nothing may be held per line) against sqlite3 <c>.import</c> of the same file, and a
/// 100k-row .xlsx import against the same rows as CSV.
/// </summary>
internal static class LargeFiles
{
    private const string Workspace = "bench";

    public static async Task<int> MemoryAsync(BenchOptions o)
    {
        await o.EnsureCsvAsync();
        var kamino = await Compare.PublishKaminoAsync(BenchOptions.RepoRoot(), o.Work);
        var failures = new List<string>();
        var kdb = Path.Combine(o.Work, "memory-kamino.db");
        var rdb = Path.Combine(o.Work, "memory-reference.db");
        Compare.DeleteSqlite(kdb);
        Compare.DeleteSqlite(rdb);
        await Compare.MustAsync(kamino, ["migrate", "--db", kdb]);
        var output = Path.Combine(o.Work, "memory-import.json");
        Console.WriteLine($"kamino import --db {kdb} --workspace {Workspace} --format json {o.CsvPath}");
        var k = await Measured.RunAsync(kamino, ["import", "--db", kdb, "--workspace", Workspace, "--format", "json", o.CsvPath], output);
        Compare.CheckImport(output, o.Lines, "SQLite", failures);
        Compare.DeleteSqlite(kdb);
        Console.WriteLine($"sqlite3 {rdb} .mode csv \".import {o.CsvPath} t\"");
        var r = await Measured.RunAsync("sqlite3", [rdb, ".mode csv", $".import {o.CsvPath} t"]);
        Compare.DeleteSqlite(rdb);

        var report = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine(inv, $"Input: {o.GenerateCommand} ({new FileInfo(o.CsvPath).Length / 1_000_000.0:0} MB)");
        report.AppendLine();
        report.AppendLine("| tool | seconds | CPU seconds | rows/s | peak RSS (MB) |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        report.AppendLine(inv, $"| kamino import (SQLite) | {k.Seconds:0.0} | {k.CpuSeconds:0.0} | {o.Lines / k.Seconds:N0} | {k.PeakRssKb / 1024.0:0} |");
        report.AppendLine(inv, $"| sqlite3 .import (plain table) | {r.Seconds:0.0} | {r.CpuSeconds:0.0} | {o.Lines / r.Seconds:N0} | {r.PeakRssKb / 1024.0:0} |");
        return Finish(report.ToString(), Path.Combine(o.Work, "memory.md"), failures, k.ExitCode == 0 && r.ExitCode == 0);
    }

    public static async Task<int> XlsxAsync(BenchOptions o)
    {
        await o.EnsureCsvAsync();
        var kamino = await Compare.PublishKaminoAsync(BenchOptions.RepoRoot(), o.Work);
        var xlsx = Path.ChangeExtension(o.CsvPath, ".xlsx");
        if (!File.Exists(xlsx))
        {
            Console.WriteLine($"writing {xlsx} from {o.CsvPath} (MiniExcel)");
            await using var stream = File.Create(xlsx + ".partial");
            await stream.SaveAsAsync(Rows(o.CsvPath), sheetName: "Sales");
            await stream.DisposeAsync();
            File.Move(xlsx + ".partial", xlsx, overwrite: true);
        }

        var failures = new List<string>();
        var results = new List<(string Tool, Measurement M)>();
        foreach (var (tool, file) in new[] { ("kamino import .xlsx", xlsx), ("kamino import .csv (same rows)", o.CsvPath) })
        {
            var db = Path.Combine(o.Work, "xlsx-kamino.db");
            Compare.DeleteSqlite(db);
            await Compare.MustAsync(kamino, ["migrate", "--db", db]);
            var output = Path.Combine(o.Work, "xlsx-import.json");
            Console.WriteLine($"kamino import --db {db} --workspace {Workspace} --format json {file}");
            var m = await Measured.RunAsync(kamino, ["import", "--db", db, "--workspace", Workspace, "--format", "json", file], output);
            Compare.CheckImport(output, o.Lines, tool, failures);
            results.Add((tool, m));
            Compare.DeleteSqlite(db);
        }

        var report = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine(inv, $"Input: {o.GenerateCommand}, written as {Path.GetFileName(xlsx)} ({new FileInfo(xlsx).Length / 1_000_000.0:0.0} MB) by MiniExcel");
        report.AppendLine();
        report.AppendLine("| tool | seconds | CPU seconds | rows/s | peak RSS (MB) |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (tool, m) in results)
        {
            report.AppendLine(inv, $"| {tool} | {m.Seconds:0.00} | {m.CpuSeconds:0.00} | {o.Lines / m.Seconds:N0} | {m.PeakRssKb / 1024.0:0} |");
        }

        return Finish(report.ToString(), Path.Combine(o.Work, "xlsx.md"), failures, results.All(r => r.M.ExitCode == 0));
    }

    /// <summary>The generator's CSV as typed sheet rows: a date cell, number cells, text.</summary>
    private static IEnumerable<Dictionary<string, object?>> Rows(string csv)
    {
        using var reader = Sep.Reader().FromFile(csv);
        var inv = CultureInfo.InvariantCulture;
        foreach (var row in reader)
        {
            yield return new Dictionary<string, object?>
            {
                ["invoice_number"] = row["invoice_number"].ToString(),
                ["invoice_date"] = DateTime.ParseExact(row["invoice_date"].Span, "yyyy-MM-dd", inv),
                ["customer_id"] = row["customer_id"].ToString(),
                ["customer_name"] = row["customer_name"].ToString(),
                ["product_sku"] = row["product_sku"].ToString(),
                ["quantity"] = decimal.Parse(row["quantity"].Span, inv),
                ["unit_price"] = decimal.Parse(row["unit_price"].Span, inv),
                ["discount_pct"] = decimal.Parse(row["discount_pct"].Span, inv),
                ["line_total"] = decimal.Parse(row["line_total"].Span, inv),
                ["currency"] = row["currency"].ToString(),
            };
        }
    }

    private static int Finish(string report, string path, List<string> failures, bool exitedCleanly)
    {
        Console.WriteLine();
        Console.WriteLine(report);
        File.WriteAllText(path, report);
        Console.WriteLine($"written to {path}");
        foreach (var f in failures)
        {
            Console.Error.WriteLine("CHECK FAILED: " + f);
        }

        return failures.Count == 0 && exitedCleanly ? 0 : 1;
    }
}
