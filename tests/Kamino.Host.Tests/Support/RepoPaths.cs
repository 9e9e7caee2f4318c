namespace Kamino.Host.Tests.Support;

/// <summary>Paths in the repository, found by walking up from the test binaries to <c>Kamino.slnx</c>.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>TestResults/artifacts</c> at the repository root, created on demand.</summary>
    public static string Artifacts
    {
        get
        {
            var path = Path.Combine(Root, "TestResults", "artifacts");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kamino.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kamino.slnx not found above " + AppContext.BaseDirectory);
    }
}
