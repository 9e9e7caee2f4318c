using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Kamino.Tests.Reliability;

/// <summary>What one kill left: when it came, whether the import was still running, and the outcome.</summary>
public sealed record KillPoint(int Seed, TimeSpan Delay, double Fraction, bool Interrupted, bool Committed, long WalBytes);

/// <summary>
/// kill -9 the CLI during an import at seeded delays spread over the import's measured duration, then check
/// that the database holds the state before the import or after a complete one, and that a re-run completes.
/// </summary>
public static class KillSeries
{
    /// <param name="freshDatabase">A new database holding the baseline import; returns its <c>--db</c> value.</param>
    /// <param name="check">Engine checks after each kill (SQLite: integrity_check); returns the -wal size or 0.</param>
    public static async Task<IReadOnlyList<KillPoint>> RunAsync(
        Func<string, Task<string>> freshDatabase,
        Func<string, Task<long>> check,
        string file,
        int lines,
        IReadOnlyList<double> fractions,
        ITestOutputHelper output)
    {
        // Calibration: the baseline state, a complete import's state and how long the import takes.
        var calibration = await freshDatabase("calibration");
        var before = await ImportState.ReadAsync(calibration);
        var watch = Stopwatch.StartNew();
        await ReliabilityFiles.ImportAsync(calibration, file);
        var duration = watch.Elapsed;
        var after = await ImportState.ReadAsync(calibration);
        Assert.Equal(before.SaleLines + lines, after.SaleLines);
        Assert.Equal(before.Imports + 1, after.Imports);
        Assert.Equal(before.LinesAddedInImportRows + lines, after.LinesAddedInImportRows);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complete import of {lines:N0} lines (process start to exit): {duration.TotalSeconds:F2} s"));

        var points = new List<KillPoint>();
        for (var seed = 1; seed <= fractions.Count; seed++)
        {
            var fraction = fractions[seed - 1];
            var delay = duration * fraction;
            var db = await freshDatabase("seed" + seed.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(before, await ImportState.ReadAsync(db));

            bool interrupted;
            using (var import = KaminoProcess.Start("import", file, "--db", db, "--workspace", "w", "--format", "json"))
            {
                await Task.Delay(delay);
                interrupted = await import.KillAsync();
            }

            var wal = await check(db);
            var state = await ImportState.ReadAsync(db);
            var committed = state == after;
            Assert.True(state == before || committed,
                $"seed {seed}, kill at {delay.TotalMilliseconds:F0} ms: partial import {state}; before {before}, after {after}");
            var point = new KillPoint(seed, delay, fraction, interrupted, committed, wal);
            points.Add(point);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed,2}: kill at {delay.TotalMilliseconds,5:F0} ms ({fraction,4:P0}), {(interrupted ? "running" : "already exited")}, -wal {wal / 1024.0 / 1024.0,5:F1} MiB → {(committed ? "committed" : "rolled back")}"));

            // The same import again completes and leaves exactly one copy of the file.
            await ReliabilityFiles.ImportAsync(db, file);
            var rerun = await ImportState.ReadAsync(db);
            Assert.Equal(after.SaleLines, rerun.SaleLines);
            Assert.Equal(after.NetCents, rerun.NetCents);
            Assert.Equal(after.Customers, rerun.Customers);
            Assert.Equal(after.LinesAddedInImportRows, rerun.LinesAddedInImportRows);
            await check(db);
        }

        // The series must have interrupted running imports and seen both outcomes, or it proved nothing.
        Assert.Contains(points, p => p.Interrupted && !p.Committed);
        return points;
    }

    /// <summary><paramref name="count"/> seeded fractions of the duration, one per stratum of [from, to).</summary>
    public static IReadOnlyList<double> Spread(int count, double from, double to, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => from + ((to - from) * (i + random.NextDouble()) / count))];
    }
}
