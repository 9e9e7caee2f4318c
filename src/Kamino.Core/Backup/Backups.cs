using System.Globalization;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Backup;

/// <summary>A backup taken and recorded: the check of the copy and its <see cref="BackupRun"/> row.</summary>
public sealed record BackupOutcome(string File, CopyCheck Check, BackupRun Run)
{
    public bool Ok => Check.Ok;
}

/// <summary>
/// Takes backups of either engine and records each in <c>backup_run</c> (<see cref="BackupRun"/>), so that every node
/// and the Director's status see the last one; the daily backup keeps the last N copies of its folder.
/// </summary>
public static class Backups
{
    public const string Daily = "daily";
    public const string CommandLine = "cli";
    public const string Api = "api";

    /// <summary>The job name of the daily backup in the job ledger (one node per day).</summary>
    public const string Job = "backup";

    /// <summary>The file-name prefix of the daily backup's copies; only such files are pruned.</summary>
    public const string DailyPrefix = "kamino-";

    /// <summary>Copies <paramref name="database"/> to <paramref name="file"/>, checks the copy, and records the run.</summary>
    public static async Task<BackupOutcome> TakeAsync(KaminoDatabase database, string file, string trigger, string node, TimeProvider clock, CancellationToken ct = default)
    {
        var started = clock.GetUtcNow();
        file = Path.GetFullPath(file);
        CopyCheck check;
        try
        {
            if (Path.GetDirectoryName(file) is { } folder && !Directory.Exists(folder))
            {
                // The copies hold every workspace's records: a folder Kamino makes is its owner's only.
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            // A database a later Kamino migrated is still copied: its own version counts as known here.
            var current = await SchemaVersions.CurrentAsync(database, ct);
            IReadOnlyList<string> known = SchemaVersions.Known(database);
            if (current is not null && !known.Contains(current, StringComparer.Ordinal))
            {
                known = [.. known, current];
            }
            check = database.Provider switch
            {
                DatabaseProvider.Sqlite => database.SqlitePath is { } path && string.Equals(Path.GetFullPath(path), file, StringComparison.Ordinal)
                    ? CopyCheck.Refused("the copy would overwrite the database itself")
                    : await SqliteCopies.BackupAsync(database.SqlitePath!, file, known, ct),
                DatabaseProvider.Postgres => await PostgresCopies.BackupAsync(database, file, known, ct),
            };
            if (check.Ok && check.SchemaVersion != current)
            {
                check = check with { Problem = "the database was migrated while the copy was taken; take it again" };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            check = CopyCheck.Refused(e.Message);
        }

        var run = new BackupRun
        {
            Trigger = trigger,
            Node = node,
            File = Path.GetFileName(file),
            StartedMs = started.ToUnixTimeMilliseconds(),
            FinishedMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Succeeded = check.Ok,
            Bytes = check.Ok && File.Exists(file) ? new FileInfo(file).Length : 0,
            Rows = check.Rows,
            SchemaVersion = check.SchemaVersion,
            Result = Cut(check.Ok ? $"verified: {check.Tables.Count} tables, {check.Rows} rows, schema {check.SchemaVersion}" : "failed: " + check.Problem, 1000),
        };
        try
        {
            await using var db = database.CreateDbContext();
            db.BackupRuns.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // The copy stands on its own; only the Director's status misses it (a write lock held past the busy timeout).
            run.Result = Cut(run.Result + $" (not recorded: {e.GetBaseException().Message})", 1000);
        }

        return new BackupOutcome(file, check, run);
    }

    /// <summary>The daily backup: a copy named by its time in <paramref name="folder"/>, then the oldest daily copies beyond <paramref name="keep"/> deleted (only after a good copy).</summary>
    public static async Task<BackupOutcome> TakeDailyAsync(KaminoDatabase database, string folder, int keep, string node, TimeProvider clock, CancellationToken ct = default)
    {
        var extension = database.Provider == DatabaseProvider.Sqlite ? ".db" : ".dump";
        var name = DailyPrefix + clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + extension;
        var outcome = await TakeAsync(database, Path.Combine(folder, name), Daily, node, clock, ct);
        if (outcome.Ok)
        {
            foreach (var old in DailyCopies(folder, extension).Skip(Math.Max(1, keep)))
            {
                File.Delete(old);
            }
        }

        return outcome;
    }

    /// <summary>The daily backup's copies in <paramref name="folder"/>, newest first.</summary>
    public static IReadOnlyList<string> DailyCopies(string folder, string extension) => Directory.Exists(folder)
        ? [.. Directory.GetFiles(folder, DailyPrefix + "*" + extension).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)).OrderDescending(StringComparer.Ordinal)]
        : [];

    /// <summary>The last backup recorded, and the last one that succeeded (the same when the last did).</summary>
    public static async Task<(BackupRun? Last, BackupRun? LastGood)> LastAsync(KaminoDb db, CancellationToken ct = default)
    {
        var last = await db.BackupRuns.AsNoTracking().OrderByDescending(r => r.FinishedMs).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var good = last is { Succeeded: true }
            ? last
            : await db.BackupRuns.AsNoTracking().Where(r => r.Succeeded).OrderByDescending(r => r.FinishedMs).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return (last, good);
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
