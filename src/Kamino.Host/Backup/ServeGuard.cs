using Kamino.Backup;
using Kamino.Data;
using Kamino.Host.Cli;

namespace Kamino.Host.Backup;

/// <summary><c>kamino serve</c> holds the SQLite database's <see cref="ServeLock"/> while it runs, so that a restore refuses to replace it.</summary>
public static class ServeGuard
{
    /// <summary>The shared lock (null on PostgreSQL, whose restore counts the server's sessions instead); refused while a restore runs.</summary>
    public static IDisposable? Hold(KaminoDatabase database)
    {
        if (database.SqlitePath is not { } path || database.ReadOnly)
        {
            return null;
        }

        if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return ServeLock.TryShared(path)
            ?? throw new CliRefusalException($"error: a restore is replacing {path} (it holds {ServeLock.PathOf(path)}); start again when it ends", ExitCodes.Failure);
    }
}
