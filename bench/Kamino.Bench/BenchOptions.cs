using System.Diagnostics;
using System.Globalization;

namespace Kamino.Bench;

/// <summary>Command-line options shared by the benchmark modes, and the input file they need.</summary>
internal sealed record BenchOptions(int Lines, int Customers, int Seed, int Runs, string Work, bool Postgres)
{
    /// <param name="defaultLines">Lines when <c>--lines</c> is not given (each mode has its own size).</param>
    public static BenchOptions Parse(string[] args, int defaultLines = 1_000_000)
    {
        var o = new BenchOptions(defaultLines, 50_000, 42, 3, Path.Combine(Path.GetTempPath(), "kamino-bench"), true);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--lines" => o with { Lines = Int() },
                "--customers" => o with { Customers = Int() },
                "--seed" => o with { Seed = Int() },
                "--runs" => o with { Runs = Int() },
                "--work" => o with { Work = Path.GetFullPath(Next()) },
                "--no-postgres" => o with { Postgres = false },
                "--seconds" => o with { Seconds = Int() },
                "--clients" => o with { Clients = Next().Split(',').Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        Directory.CreateDirectory(o.Work);
        return o;
    }

    /// <summary>The repository root: the folder holding Kamino.slnx, above the current folder or the binary.</summary>
    public static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Kamino.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Kamino.slnx not found above the current folder: run from the repository.");
    }

    /// <summary>Seconds of load per target and client count in the load modes (each mode has its default).</summary>
    public int? Seconds { get; init; }

    /// <summary>Numbers of concurrent clients the load modes measure, one after the other.</summary>
    public IReadOnlyList<int> Clients { get; init; } = [1, 16];

    public string CsvPath => Path.Combine(Work, string.Create(CultureInfo.InvariantCulture, $"sales-{Lines}-{Customers}-{Seed}.csv"));

    public string SummaryPath => Path.ChangeExtension(CsvPath, ".summary.json");

    /// <summary>The command that generates the input, as run (paths relative to the repository root).</summary>
    public string GenerateCommand => string.Create(CultureInfo.InvariantCulture,
        $"python3 ../shared/bench/gen-sales.py --lines {Lines} --customers {Customers} --seed {Seed} --out {CsvPath} --summary {SummaryPath}");

    /// <summary>Generates the CSV with the shared generator unless a complete one is already there.</summary>
    public async Task EnsureCsvAsync()
    {
        if (File.Exists(CsvPath) && File.Exists(SummaryPath))
        {
            Console.WriteLine($"input: {CsvPath} (already generated)");
            return;
        }

        Console.WriteLine($"input: {GenerateCommand}");
        var partial = CsvPath + ".partial";
        var start = new ProcessStartInfo("python3") { WorkingDirectory = RepoRoot() };
        foreach (var a in new[]
                 {
                     "../shared/bench/gen-sales.py", "--lines", Lines.ToString(CultureInfo.InvariantCulture), "--customers", Customers.ToString(CultureInfo.InvariantCulture),
                     "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--out", partial, "--summary", SummaryPath,
                 })
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"gen-sales.py exited with {p.ExitCode}");
        }

        File.Move(partial, CsvPath, overwrite: true);
    }
}
