namespace Kamino.Backup;

/// <summary>
/// Tells a restore that a <c>kamino serve</c> uses a SQLite database: every serve holds a shared lock on the file
/// <c>DB-serve.lock</c> next to it for as long as it runs, and a restore takes the exclusive lock before it replaces
/// anything. The locks are the operating system's (<c>flock</c>, which .NET takes for <see cref="FileShare"/>): they
/// go with the process, so a serve killed with kill -9 leaves nothing that blocks a later restore, and any number of
/// serves can share the file. While a restore holds the exclusive lock, a serve that starts is refused.
/// </summary>
public sealed class ServeLock : IDisposable
{
    private readonly FileStream stream;

    private ServeLock(FileStream stream) => this.stream = stream;

    /// <summary>The lock file of the SQLite database <paramref name="databasePath"/>.</summary>
    public static string PathOf(string databasePath) => databasePath + "-serve.lock";

    /// <summary>Held by <c>serve</c>; null when a restore holds the database.</summary>
    public static ServeLock? TryShared(string databasePath) => TryOpen(databasePath, FileAccess.Read, FileShare.ReadWrite);

    /// <summary>Held by a restore; null when a serve (or another restore) holds the database.</summary>
    public static ServeLock? TryExclusive(string databasePath) => TryOpen(databasePath, FileAccess.ReadWrite, FileShare.None);

    private static ServeLock? TryOpen(string databasePath, FileAccess access, FileShare share)
    {
        var path = PathOf(databasePath);
        if (!File.Exists(path))
        {
            try
            {
                // Made with 0600: the lock says nothing, but the folder is the owner's.
                using var created = new FileStream(path, OwnerOnly(FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first.
            }
        }

        try
        {
            return new ServeLock(new FileStream(path, FileMode.Open, access, share));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();

    /// <summary>Options of a lock file created readable and writable by its owner only (0600).</summary>
    internal static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
