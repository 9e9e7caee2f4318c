using System.Diagnostics;
using System.Text;
namespace Kamino.Testing;

/// <summary>What a finished <c>kamino</c> process left: exit code and both streams.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// The real CLI (the build output of src/Kamino.Host, <c>kamino.dll</c>) run as a separate process, so that it
/// can be killed with SIGKILL like a crash or an impatient user would.
/// </summary>
public sealed class KaminoProcess : IDisposable
{
    private static readonly Lazy<string> Dll = new(FindDll);

    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private KaminoProcess(Process process)
    {
        this.process = process;
    }

    public bool HasExited => process.HasExited;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Started);

    private long Started { get; init; }

    /// <summary>kamino.dll of the same configuration as the tests (Debug or Release).</summary>
    public static string DllPath => Dll.Value;

    public static KaminoProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string[])"/>, with these environment variables set (settings such as <c>Kamino__NodeName</c>).</summary>
    public static KaminoProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("KAMINO_DB");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        // English whatever the machine's locale, unless the test gives a language (KAMINO_LANGUAGE, LANG…).
        foreach (var name in (string[])["KAMINO_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"])
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var run = new KaminoProcess(process) { Started = Stopwatch.GetTimestamp() };
        process.OutputDataReceived += (_, e) => Append(run.stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(run.stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>, default 60 s).</summary>
    public static async Task<CliRun> RunAsync(TimeSpan? timeout, params string[] args)
    {
        using var p = Start(args);
        return await p.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    public async Task<CliRun> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kamino {string.Join(' ', process.StartInfo.ArgumentList.Skip(1))} did not end within {timeout}:\n{Output()}");
        }

        process.WaitForExit(); // drains the redirected streams
        return Output();
    }

    /// <summary>SIGKILL to the CLI (and anything it started); true when it was still running.</summary>
    public async Task<bool> KillAsync()
    {
        var wasRunning = !process.HasExited;
        if (wasRunning)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                wasRunning = false; // exited between the check and the kill
            }
        }

        await process.WaitForExitAsync();
        process.WaitForExit();
        return wasRunning;
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

    /// <summary>What the process wrote to standard output so far, line by line.</summary>
    public string StandardOutputSoFar
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    /// <summary>What the process wrote to standard error so far, line by line (serve's start-up lines).</summary>
    public string StandardErrorSoFar
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    private CliRun Output()
    {
        lock (stdout)
        {
            lock (stderr)
            {
                return new CliRun(process.HasExited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString());
            }
        }
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.Append(line).Append('\n');
        }
    }

    private static string FindDll()
    {
        // tests/<project>/bin/<Configuration>/net10.0/ → src/Kamino.Host/bin/<Configuration>/net10.0/kamino.dll
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDir.Parent?.Name ?? "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", "Kamino.Host", "bin", configuration, tfmDir.Name, "kamino.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException(
                $"The CLI is expected at {dll}: build src/Kamino.Host in {configuration} first (the test projects reference it, so `dotnet build Kamino.slnx` does).",
                dll);
    }
}
