using Kamino.Fuzz;

namespace Kamino.Tests.Import;

/// <summary>
/// Runs the fuzz harness's entry point (<see cref="FuzzTarget.Run"/>) on one input the way the tests need it:
/// on its own thread, so that a hang fails the test after a timeout instead of blocking the run,
/// and measuring what that thread allocated. An exception escaping the reader fails the test with its stack trace.
/// </summary>
internal static class FuzzRunner
{
    public sealed record Run(FuzzOutcome Outcome, long AllocatedBytes);

    public static Run Once(string format, byte[] input, string scratchPath, TimeSpan timeout)
    {
        Run? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var outcome = FuzzTarget.Run(format, new MemoryStream(input, writable: false), scratchPath);
                result = new Run(outcome, GC.GetAllocatedBytesForCurrentThread() - before);
            }
#pragma warning disable CA1031 // Any exception is the finding: it is rethrown on the test's thread with its stack.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
            Name = "fuzz-replay",
        };
        thread.Start();
        if (!thread.Join(timeout))
        {
            Assert.Fail($"the {format} reader did not finish within {timeout.TotalSeconds:0.#} s");
        }

        if (failure is not null)
        {
            Assert.Fail($"the {format} reader threw instead of reporting an import problem: {failure}");
        }

        return result!;
    }
}
