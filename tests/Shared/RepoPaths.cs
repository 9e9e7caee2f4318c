namespace Kamino.Testing;

/// <summary>Paths in the repository, found by walking up from the test binaries to <c>Kamino.slnx</c>.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>shared</c> folder beside the repository (the sales generator, the e-invoice samples).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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

        throw new DirectoryNotFoundException("Kamino.slnx not found above " + AppContext.BaseDirectory);
    }
}
