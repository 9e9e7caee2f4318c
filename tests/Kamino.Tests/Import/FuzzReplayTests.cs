using Kamino.Fuzz;

namespace Kamino.Tests.Import;

/// <summary>
/// Replays every committed fuzz input (fuzz/corpus/&lt;format&gt;/* seeds and fuzz/crashes/&lt;format&gt;/* minimized
/// findings) through the harness's entry point on every test run (SECURITY.md §4, "replay, don't fuzz"): each
/// ends in rows or import problems — never another exception — within a time and an allocation bound.
/// A new finding is covered by dropping its file into fuzz/crashes/&lt;format&gt;/.
/// </summary>
public sealed class FuzzReplayTests : IDisposable
{
    /// <summary>Per input; the seeds are a few kB, so this leaves room for a slow shared CI machine, not for a hang.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>What reading one small input may allocate; a blow-up (a buffer sized from the input's claims) goes far past it.</summary>
    private const long AllocationCap = 64L * 1024 * 1024;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "corpus", "crashes" })
        {
            var root = Path.Combine(RepoPaths.Root, "fuzz", kind);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(Path.Combine(RepoPaths.Root, "fuzz"), file).Replace('\\', '/');
                var format = relative.Split('/')[1];
                if (FuzzTarget.Formats.Contains(format) && !Path.GetFileName(file).StartsWith('.'))
                {
                    data.Add(format, relative);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_EveryFormatHasSeeds()
    {
        var seeded = FuzzTarget.Formats.Where(f => Directory.Exists(Path.Combine(RepoPaths.Root, "fuzz", "corpus", f))
            && Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "fuzz", "corpus", f)).Any());

        Assert.Equal(FuzzTarget.Formats, seeded);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Replay_CommittedInput_RowsOrImportProblemsOnly(string format, string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "fuzz", relativePath));
        // The readers are JIT-compiled on their first input: that once is not timed.
        FuzzRunner.Once(format, bytes, Path.Combine(folder.Path, "warm." + format), TimeSpan.FromMinutes(1));

        var run = FuzzRunner.Once(format, bytes, Path.Combine(folder.Path, "input." + format), Timeout);

        Assert.True(run.AllocatedBytes < AllocationCap, $"{relativePath} allocated {run.AllocatedBytes:N0} bytes (cap {AllocationCap:N0})");
    }
}
