using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Kamino.Testing;

/// <summary>A malformed row the generator inserted, as it reports it on stderr.</summary>
public sealed record BadRow(int Line, string Kind, string Detail);

/// <summary>The generator's ground truth for the valid rows of a file (<c>--summary</c>).</summary>
public sealed record SalesSummary(
    int Lines,
    int CustomersActive,
    decimal TotalRevenue,
    int ParetoCustomers,
    int A,
    int B,
    int C,
    decimal HhiPoints,
    string? Top1Customer,
    decimal Top1Share,
    int CustomersNonPositiveRevenue);

/// <summary>A CSV written by shared/bench/gen-sales.py with the rows it made malformed and its summary.</summary>
public sealed record GeneratedSales(string Path, IReadOnlyList<BadRow> BadRows, SalesSummary Summary);

/// <summary>
/// Runs the project's sales generator (shared/bench/gen-sales.py beside the repository) once per distinct
/// argument list in this test process. Its output is the ground truth the import and analysis are held to.
/// </summary>
public static class SalesGenerator
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<GeneratedSales>>> Files = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Folder = new(() =>
    {
        // The test host may be killed before exit handlers finish: a later run removes what dead runs left.
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "kamino-sales-*"))
        {
            var owner = Path.GetFileName(old).Split('-')[2];
            if (!Directory.Exists("/proc/" + owner))
            {
                try
                {
                    Directory.Delete(old, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        var dir = Directory.CreateTempSubdirectory(string.Create(CultureInfo.InvariantCulture, $"kamino-sales-{Environment.ProcessId}-")).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return dir;
    });

    /// <summary>The generator script; fails clearly when the shared folder is not beside the repository.</summary>
    public static string ScriptPath
    {
        get
        {
            var script = Path.Combine(RepoPaths.Shared, "bench", "gen-sales.py");
            return File.Exists(script)
                ? script
                : throw new FileNotFoundException($"The sales generator is expected at {script} (shared/ beside the repository).", script);
        }
    }

    /// <summary>Generates (once) a file for arguments such as <c>--lines 3000 --customers 60 --seed 3 --bad 8</c>.</summary>
    public static Task<GeneratedSales> GetAsync(string arguments) =>
        Files.GetOrAdd(arguments, a => new Lazy<Task<GeneratedSales>>(() => GenerateAsync(a))).Value;

    /// <summary>
    /// Writes <paramref name="csv"/> with arguments such as <c>--lines 2000 --seed 3 --bad 8</c> (every call runs the
    /// generator) and returns the rows it made malformed.
    /// </summary>
    public static IReadOnlyList<BadRow> Write(string csv, params string[] arguments) => Run([.. arguments, "--out", csv]);

    /// <summary>Reads the file the generator's <c>--summary PATH</c> wrote.</summary>
    public static SalesSummary ReadSummary(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var r = json.RootElement;
        var abc = r.GetProperty("abc");
        return new SalesSummary(
            r.GetProperty("lines").GetInt32(),
            r.GetProperty("customers_active").GetInt32(),
            decimal.Parse(r.GetProperty("total_revenue").GetString()!, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
            r.GetProperty("pareto_customers").GetInt32(),
            abc.GetProperty("A").GetInt32(),
            abc.GetProperty("B").GetInt32(),
            abc.GetProperty("C").GetInt32(),
            r.GetProperty("hhi_points").GetDecimal(),
            r.GetProperty("top1_customer").GetString(),
            r.GetProperty("top1_share").GetDecimal(),
            r.GetProperty("customers_nonpositive_revenue").GetInt32());
    }

    private static Task<GeneratedSales> GenerateAsync(string arguments) => Task.Run(() =>
    {
        var name = "sales-" + Files.Count.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var csv = Path.Combine(Folder.Value, name + ".csv");
        var summary = Path.Combine(Folder.Value, name + ".json");
        var bad = Run([.. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--out", csv, "--summary", summary]);
        return new GeneratedSales(csv, bad, ReadSummary(summary));
    });

    private static List<BadRow> Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gen-sales.py {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors}");
        }

        var bad = new List<BadRow>();
        foreach (var line in errors.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts is ["BAD", var number, var kind, var detail])
            {
                bad.Add(new BadRow(int.Parse(number, CultureInfo.InvariantCulture), kind, detail));
            }
        }

        return bad;
    }
}
