using System.Globalization;
using Kamino.Data;
using Microsoft.Data.Sqlite;

namespace Kamino.Backup;

/// <summary>What a restore did: refused (nothing replaced) or restored, with where the replaced database was put.</summary>
/// <param name="Problem">Why nothing was replaced, or null.</param>
/// <param name="Copy">The check of the copy, before anything was replaced.</param>
/// <param name="KeptAside">The replaced database's new name (null when there was none, or nothing was replaced).</param>
/// <param name="Migrated">Migrations applied to the restored database (an older copy).</param>
public sealed record RestoreResult(string? Problem, CopyCheck Copy, string? KeptAside, IReadOnlyList<string> Migrated)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Replaces a SQLite database with a copy, in this order, so that a failure at any step leaves a database that opens:
/// the copy is checked before anything is touched (<see cref="SqliteCopies.CheckAsync"/>); the restore takes the
/// exclusive <see cref="ServeLock"/> (refused while a serve runs) and SQLite's write lock (refused while an import or
/// another writer is in a transaction); the copy is written next to the target and flushed; the target and its
/// <c>-wal</c>/<c>-shm</c> are renamed aside to <c>TARGET.before-restore-TIME</c>; the copy is renamed into place (one
/// atomic rename); the restored database is opened, migrated and counted. If that last step fails, the restored file
/// is removed and the replaced one renamed back.
/// </summary>
public static class SqliteRestore
{
    public static async Task<RestoreResult> RestoreAsync(string copy, KaminoDatabase target, TimeProvider clock, CancellationToken ct = default)
    {
        var path = target.SqlitePath ?? throw new InvalidOperationException("not a SQLite target");
        var known = SchemaVersions.Known(target);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var incoming = Path.Combine(folder, $"{Path.GetFileName(path)}.restoring-{stamp}");
        try
        {
            // The bytes checked are the bytes put in place: copy first, check the copy of the copy.
            if (!File.Exists(copy))
            {
                return new RestoreResult($"{copy} does not exist", CopyCheck.Refused("missing"), null, []);
            }

            File.Copy(copy, incoming, overwrite: true);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                // A copy taken by hand with its WAL beside it: the committed pages in it belong to the copy.
                if (File.Exists(copy + suffix))
                {
                    File.Copy(copy + suffix, incoming + suffix, overwrite: true);
                }
            }

            var check = await SelfContainedAsync(incoming, ct) is { } unreadable
                ? CopyCheck.Refused(unreadable)
                : await SqliteCopies.CheckAsync(incoming, known, ct);
            if (!check.Ok)
            {
                return new RestoreResult($"the copy was refused, nothing replaced: {check.Problem}", check, null, []);
            }

            using var serveLock = ServeLock.TryExclusive(path);
            if (serveLock is null)
            {
                return new RestoreResult($"a kamino serve is using {path} (it holds {ServeLock.PathOf(path)}): stop it first; nothing replaced", check, null, []);
            }

            if (File.Exists(path) && await WriterProblemAsync(path, ct) is { } busy)
            {
                return new RestoreResult(busy, check, null, []);
            }

            SqliteCopies.Flush(incoming);
            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                // The restored database keeps the permissions of the one it replaces.
                File.SetUnixFileMode(incoming, File.GetUnixFileMode(path));
            }
            SqliteConnection.ClearAllPools();
            string? aside = null;
            if (File.Exists(path))
            {
                aside = $"{path}.before-restore-{stamp}";
                foreach (var suffix in new[] { "-wal", "-shm" })
                {
                    if (File.Exists(path + suffix))
                    {
                        File.Move(path + suffix, aside + suffix);
                    }
                }

                File.Move(path, aside);
            }

            File.Move(incoming, path);
            try
            {
                var migrated = await target.MigrateAsync(ct);
                await using var connection = SqliteCopies.Open(path, SqliteOpenMode.ReadWrite);
                await connection.OpenAsync(ct);
                var after = await SqliteCopies.CountAsync(connection, null, ct);
                var lost = after.Where(t => check.Tables.FirstOrDefault(c => c.Table == t.Table) is { } before && before.Rows > t.Rows).ToList();
                if (lost.Count > 0)
                {
                    throw new InvalidOperationException("rows were lost opening the restored database: " + string.Join(", ", lost.Select(t => t.Table)));
                }

                return new RestoreResult(null, check, aside, migrated);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }

                if (aside is not null)
                {
                    foreach (var suffix in new[] { "-wal", "-shm", "" })
                    {
                        if (File.Exists(aside + suffix))
                        {
                            File.Move(aside + suffix, path + suffix);
                        }
                    }
                }

                return new RestoreResult($"the restored database did not open ({e.Message}); the previous one is back in place", check, null, []);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
            {
                File.Delete(incoming + suffix);
            }
        }
    }

    /// <summary>Folds a WAL beside the incoming copy into it (rollback-journal mode, one file); the reason when SQLite cannot open it.</summary>
    private static async Task<string?> SelfContainedAsync(string incoming, CancellationToken ct)
    {
        try
        {
            await using var connection = SqliteCopies.Open(incoming, SqliteOpenMode.ReadWrite);
            await connection.OpenAsync(ct);
            await SqliteCopies.ExecuteAsync(connection, "PRAGMA journal_mode=DELETE", ct);
            return null;
        }
        catch (SqliteException e)
        {
            return $"it is not a readable SQLite database ({e.Message})";
        }
    }

    /// <summary>Refuses while another process writes the database (an import in its transaction): SQLite's write lock, not waited for.</summary>
    private static async Task<string?> WriterProblemAsync(string path, CancellationToken ct)
    {
        await using var connection = SqliteCopies.Open(path, SqliteOpenMode.ReadWrite);
        try
        {
            await connection.OpenAsync(ct);
            await SqliteCopies.ExecuteAsync(connection, "PRAGMA busy_timeout=2000; BEGIN IMMEDIATE; ROLLBACK;", ct);
            // Everything committed goes into the file, so that the file renamed aside is whole by itself too.
            await SqliteCopies.ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", ct);
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            return $"another process is writing {path} (an import?): try again when it ends; nothing replaced";
        }
        catch (SqliteException)
        {
            // A damaged database being replaced is what a restore is for.
            return null;
        }
    }
}
