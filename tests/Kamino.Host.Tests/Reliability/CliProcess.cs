using System.Diagnostics;
using System.Text;

namespace Kamino.Host.Tests.Reliability;

/// <summary>What a finished <c>kamino</c> process left: exit code and both streams.</summary>
public sealed record CliProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// The real CLI (the build output of src/Kamino.Host, <c>kamino.dll</c>, of the tests' configuration) as a
/// separate process, the way a user runs <c>kamino import</c> next to a running <c>kamino serve</c>.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private CliProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    public static CliProcess Start(params string[] args)
    {
        // tests/Kamino.Host.Tests/bin/<Configuration>/net10.0/ → src/Kamino.Host/bin/<Configuration>/net10.0/kamino.dll
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(Support.RepoPaths.Root, "src", "Kamino.Host", "bin", tfm.Parent!.Name, tfm.Name, "kamino.dll");
        Assert.True(File.Exists(dll), $"the CLI is expected at {dll}: build the solution first");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("KAMINO_DB");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var run = new CliProcess(new Process { StartInfo = start });
        run.process.OutputDataReceived += (_, e) => Append(run.stdout, e.Data);
        run.process.ErrorDataReceived += (_, e) => Append(run.stderr, e.Data);
        run.process.Start();
        run.process.StandardInput.Close();
        run.process.BeginOutputReadLine();
        run.process.BeginErrorReadLine();
        return run;
    }

    public async Task<CliProcessRun> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kamino did not end within {timeout}");
        }

        process.WaitForExit(); // drains the redirected streams
        lock (stdout)
        {
            lock (stderr)
            {
                return new CliProcessRun(process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is not null)
        {
            lock (sb)
            {
                sb.Append(line).Append('\n');
            }
        }
    }
}
