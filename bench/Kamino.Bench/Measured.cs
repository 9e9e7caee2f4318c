using System.Diagnostics;
using System.Globalization;

namespace Kamino.Bench;

/// <summary>
/// Wall time and peak resident memory of one run of an external program; <paramref name="CpuSeconds"/> is user + system
/// time from <c>/usr/bin/time</c> (0 without it), steadier than wall time on a loaded machine.
/// </summary>
internal sealed record Measurement(double Seconds, long PeakRssKb, int ExitCode, double CpuSeconds = 0);

/// <summary>
/// Runs a program and measures it: wall time with a stopwatch around the process, peak RSS from
/// <c>/usr/bin/time -v</c> when present, else by sampling VmHWM in /proc while it runs.
/// </summary>
internal static class Measured
{
    private const string GnuTime = "/usr/bin/time";

    public static async Task<Measurement> RunAsync(string program, IEnumerable<string> arguments, string? stdoutFile = null, string? workingDirectory = null)
    {
        var useTime = File.Exists(GnuTime);
        var timeFile = Path.GetTempFileName();
        var start = new ProcessStartInfo(useTime ? GnuTime : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        if (useTime)
        {
            foreach (var a in new[] { "-v", "-o", timeFile, program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["LC_ALL"] = "C";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Stream sink = stdoutFile is null ? Stream.Null : File.Create(stdoutFile);
        var copy = process.StandardOutput.BaseStream.CopyToAsync(sink);
        var errors = process.StandardError.ReadToEndAsync();
        long sampled = 0;
        if (!useTime)
        {
            while (!process.HasExited)
            {
                sampled = Math.Max(sampled, ReadVmHwm(process.Id));
                await Task.Delay(20);
            }
        }

        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        await copy;
        await sink.DisposeAsync();
        var stderr = await errors;
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stderr}");
        }

        var timeLines = useTime ? await File.ReadAllLinesAsync(timeFile) : [];
        var rss = useTime ? ParseMaxRss(timeLines) : sampled;
        var cpu = ParseSeconds(timeLines, "User time (seconds):") + ParseSeconds(timeLines, "System time (seconds):");
        File.Delete(timeFile);
        return new Measurement(seconds, rss, process.ExitCode, cpu);
    }

    private static double ParseSeconds(string[] lines, string label)
    {
        var line = lines.FirstOrDefault(l => l.Trim().StartsWith(label, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Trim()[label.Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static long ParseMaxRss(string[] lines)
    {
        const string Label = "Maximum resident set size (kbytes):";
        var line = lines.FirstOrDefault(l => l.Trim().StartsWith(Label, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Trim()[Label.Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static long ReadVmHwm(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
