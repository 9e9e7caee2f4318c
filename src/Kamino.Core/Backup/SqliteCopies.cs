using Microsoft.Data.Sqlite;

namespace Kamino.Backup;

/// <summary>
/// Copies and checks of a SQLite database. A copy is taken with SQLite's online backup API from one read transaction
/// (a snapshot in WAL mode: writers go on, an import that has not committed is not in it, one that has is whole),
/// never by copying the file, whose committed pages may still sit in the <c>-wal</c> file.
/// </summary>
public static class SqliteCopies
{
    /// <summary>
    /// Writes a copy of <paramref name="sourcePath"/> to <paramref name="file"/> (through <c>FILE.partial</c>, renamed when
    /// verified) and checks it: integrity, the rows of every table equal to the source's in the same snapshot, the schema
    /// version. A copy that fails its check is deleted and the problem returned.
    /// </summary>
    public static async Task<CopyCheck> BackupAsync(string sourcePath, string file, IReadOnlyList<string> knownMigrations, CancellationToken ct = default)
    {
        var partial = file + ".partial";
        File.Delete(partial);
        IReadOnlyList<TableCount> expected;
        await using (var source = Open(sourcePath, SqliteOpenMode.ReadWrite))
        {
            await source.OpenAsync(ct);
            // A deferred transaction starts reading at the first SELECT; the backup runs inside the same read
            // transaction (SQLite's backup uses the source connection's open one), so the counts are the copy's.
            await using var snapshot = source.BeginTransaction(deferred: true);
            expected = await CountAsync(source, snapshot, ct);
            await using (var destination = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                await destination.OpenAsync(ct);
                source.BackupDatabase(destination);
                // The copy is one self-contained file: no -wal beside it.
                await ExecuteAsync(destination, "PRAGMA journal_mode=DELETE", ct);
            }

            await snapshot.RollbackAsync(ct);
        }

        SqliteConnection.ClearAllPools();
        var check = await CheckAsync(partial, knownMigrations, ct);
        if (check.Ok && CopyCheck.Differences(expected, check.Tables) is { Count: > 0 } differ)
        {
            check = check with { Problem = "the copy's rows differ from the database's: " + string.Join(", ", differ) };
        }

        if (!check.Ok)
        {
            File.Delete(partial);
            return check;
        }

        Flush(partial);
        File.Move(partial, file, overwrite: true);
        return check;
    }

    /// <summary>
    /// Checks a SQLite copy without changing it: that it opens, <c>PRAGMA integrity_check</c> says ok, its schema version
    /// is one this build knows (<see cref="CopyCheck.SchemaProblem"/>), and its rows per table.
    /// </summary>
    public static async Task<CopyCheck> CheckAsync(string file, IReadOnlyList<string> knownMigrations, CancellationToken ct = default)
    {
        if (!File.Exists(file))
        {
            return CopyCheck.Refused($"{file} does not exist");
        }

        try
        {
            await using var connection = Open(file, SqliteOpenMode.ReadOnly);
            await connection.OpenAsync(ct);
            var integrity = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA integrity_check(20)";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    integrity.Add(reader.GetString(0));
                }
            }

            if (integrity is not ["ok"])
            {
                return CopyCheck.Refused("it is damaged: " + string.Join("; ", integrity.Take(5)));
            }

            var tables = await CountAsync(connection, null, ct);
            var version = tables.Any(t => t.Table == "__ef_migrations_history")
                ? await ScalarAsync(connection, "SELECT MAX(\"MigrationId\") FROM __ef_migrations_history", ct) as string
                : null;
            return new CopyCheck(CopyCheck.SchemaProblem(version, knownMigrations), version, tables);
        }
        catch (SqliteException e)
        {
            return CopyCheck.Refused($"it is not a readable SQLite database ({e.Message})");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Rows of every table (SQLite's own and EF's lock table left out), by name.</summary>
    internal static async Task<IReadOnlyList<TableCount>> CountAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
    {
        var names = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
            }
        }

        var counts = new List<TableCount>(names.Count);
        foreach (var name in names)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COUNT(*) FROM \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            counts.Add(new TableCount(name, Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return counts;
    }

    internal static SqliteConnection Open(string path, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString());

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    /// <summary>Writes the file's bytes to the disk before it is renamed into place.</summary>
    internal static void Flush(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            // A copy holds every workspace's records: readable by its owner only, whatever the umask.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }
}
