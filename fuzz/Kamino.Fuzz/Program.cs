using Kamino.Fuzz;
using SharpFuzz;

// The AFL++ harness (fuzz/run.sh): one target per run, chosen by the argument. Without afl-fuzz around it,
// SharpFuzz runs the input on standard input once, so `dotnet Kamino.Fuzz.dll csv < crash` replays a finding.
if (args.Length != 1 || !FuzzTarget.Formats.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Kamino.Fuzz {string.Join('|', FuzzTarget.Formats)}  (input on standard input, or run under afl-fuzz)");
    return 2;
}

var format = args[0];
var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
var scratch = Path.Combine(folder, $"kamino-fuzz-{Environment.ProcessId}.{format}");
try
{
    Fuzzer.OutOfProcess.Run(stream => FuzzTarget.Run(format, stream, scratch));
}
finally
{
    File.Delete(scratch);
}

return 0;
