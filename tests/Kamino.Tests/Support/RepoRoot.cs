namespace Kamino.Tests.Support;

/// <summary>The repository's root folder: the nearest folder above the test binaries holding Kamino.slnx.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Kamino.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Kamino.slnx above {AppContext.BaseDirectory}.");
    });

    public static string Path => Root.Value;
}
