using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>
/// Makes a migration interrupted by kill -9 harmless on SQLite. EF Core's <c>Migrate</c> takes its own lock there by
/// inserting a row into <c>__EFMigrationsLock</c> and deleting it at the end; a process killed in between leaves the
/// row, and every later <c>Migrate</c> waits for it forever. (Each migration runs in its own transaction, so the schema
/// itself is left at the last whole migration; on PostgreSQL EF's lock is a table lock of the session, which the
/// server drops with the connection.)
/// <para>
/// The rule: every Kamino process migrates a SQLite file only while it holds the exclusive operating-system lock on
/// <c>DB-migrate.lock</c> (<c>flock</c>, released by the kernel when the process dies). Holding it, no other Kamino
/// process is migrating that file, so a row in <c>__EFMigrationsLock</c> can only be a dead process's: it is deleted.
/// </para>
/// </summary>
public static class MigrationLock
{
    /// <summary>How long a start waits for another process's migration before giving up.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    public static string PathOf(string databasePath) => databasePath + "-migrate.lock";

    /// <summary>Waits for and takes the exclusive migration lock of the SQLite file.</summary>
    public static async Task<IDisposable> HoldAsync(string databasePath, CancellationToken ct)
    {
        var path = PathOf(databasePath);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, Kamino.Backup.ServeLock.OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path) && waited.Elapsed < Wait)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    /// <summary>Deletes EF's lock row left by a killed process; call only while holding <see cref="HoldAsync"/>.</summary>
    public static async Task<int> ClearLeftOverAsync(KaminoDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var exists = db.Database.GetDbConnection().CreateCommand();
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return 0;
            }

            return await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
