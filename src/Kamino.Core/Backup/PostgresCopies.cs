using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kamino.Data;
using Npgsql;

namespace Kamino.Backup;

/// <summary>
/// Copies of a PostgreSQL database through PostgreSQL's own tools: <c>pg_dump</c> (custom format, no owner, no
/// privileges, from a snapshot this process exported after counting the rows in it) and <c>pg_restore</c>. The copy is
/// checked by reading every data block back (<c>pg_restore --data-only -f -</c>) and counting its rows. A restore goes
/// into a new database that is migrated and counted before two renames put it in place; the replaced database stays
/// as <c>NAME_before_restore_TIME</c>.
/// </summary>
public static class PostgresCopies
{
    /// <summary>The folder holding <c>pg_dump</c> and <c>pg_restore</c>, or null when they are not installed.</summary>
    public static string? ToolsFolder()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        return path.Concat(debian).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_dump")) && File.Exists(Path.Combine(d, "pg_restore")));
    }

    public const string NoTools = "pg_dump and pg_restore are not installed (Debian: apt-get install postgresql-client). Without them, back up with " +
        "the server's own means: pg_dump --format=custom --no-owner --no-privileges, or a base backup with WAL archiving (pg_basebackup).";

    public static async Task<CopyCheck> BackupAsync(KaminoDatabase database, string file, IReadOnlyList<string> knownMigrations, CancellationToken ct = default)
    {
        var tools = ToolsFolder() ?? throw new InvalidOperationException(NoTools);
        var partial = file + ".partial";
        File.Delete(partial);
        IReadOnlyList<TableCount> expected;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot);
            var id = (string)(await export.ExecuteScalarAsync(ct))!;
            expected = await CountAsync(connection, snapshot, ct);
            // pg_dump reads the exported snapshot: the rows counted above are the rows it writes.
            await RunAsync(tools, "pg_dump", database, ["--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + id, "--file=" + partial], null, ct);
            await snapshot.CommitAsync(ct);
        }

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

        SqliteCopies.Flush(partial);
        File.Move(partial, file, overwrite: true);
        return check;
    }

    /// <summary>Reads every data block of a <c>pg_dump</c> custom-format archive and counts its rows; takes the schema version from the migrations history block.</summary>
    public static async Task<CopyCheck> CheckAsync(string file, IReadOnlyList<string> knownMigrations, CancellationToken ct = default)
    {
        if (!File.Exists(file))
        {
            return CopyCheck.Refused($"{file} does not exist");
        }

        var tools = ToolsFolder() ?? throw new InvalidOperationException(NoTools);
        var counts = new List<TableCount>();
        string? version = null;
        string? table = null;
        long rows = 0;
        try
        {
            await RunAsync(tools, "pg_restore", null, ["--data-only", "--file=-", file], line =>
            {
                if (table is null)
                {
                    if (line.StartsWith("COPY ", StringComparison.Ordinal) && line.EndsWith("FROM stdin;", StringComparison.Ordinal))
                    {
                        var name = line[5..line.IndexOf(' ', 5)];
                        table = name.StartsWith("public.", StringComparison.Ordinal) ? name[7..] : name;
                        table = table.Trim('"');
                        rows = 0;
                    }
                }
                else if (line == "\\.")
                {
                    counts.Add(new TableCount(table, rows));
                    table = null;
                }
                else
                {
                    rows++;
                    if (table == "__ef_migrations_history")
                    {
                        var id = line.Split('\t')[0];
                        version = version is null || string.CompareOrdinal(id, version) > 0 ? id : version;
                    }
                }
            }, ct);
        }
        catch (InvalidOperationException e)
        {
            return CopyCheck.Refused("it is not a readable pg_dump archive: " + e.Message);
        }

        counts.RemoveAll(t => t.Table == "__EFMigrationsLock");
        return new CopyCheck(CopyCheck.SchemaProblem(version, knownMigrations), version, [.. counts.OrderBy(t => t.Table, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Restores <paramref name="copy"/> over <paramref name="target"/>: refused while any other session is connected to
    /// it (a serve); restored into a new database, migrated and counted; then renamed into place, the replaced one kept
    /// as <c>NAME_before_restore_TIME</c>. Needs a role that may create databases.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(string copy, KaminoDatabase target, TimeProvider clock, CancellationToken ct = default)
    {
        var tools = ToolsFolder() ?? throw new InvalidOperationException(NoTools);
        var check = await CheckAsync(copy, SchemaVersions.Known(target), ct);
        if (!check.Ok)
        {
            return new RestoreResult($"the copy was refused, nothing replaced: {check.Problem}", check, null, []);
        }

        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        var name = builder.Database ?? throw new InvalidOperationException("the connection string names no Database");
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var incoming = $"{name}_restoring_{stamp}";
        var aside = $"{name}_before_restore_{stamp}";
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false }.ToString();
        await using var admin = new NpgsqlConnection(maintenance);
        await admin.OpenAsync(ct);
        if (await OthersConnectedAsync(admin, name, ct) is > 0 and var others)
        {
            return new RestoreResult($"{others} other session(s) are connected to {name} (a kamino serve?): stop them first; nothing replaced", check, null, []);
        }

        await ExecuteAsync(admin, $"CREATE DATABASE {Quote(incoming)}", ct);
        var restored = new KaminoDatabase(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = incoming, Pooling = false }.ToString());
        try
        {
            await RunAsync(tools, "pg_restore", restored, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname=" + incoming, copy], null, ct);
            var migrated = await restored.MigrateAsync(ct);
            NpgsqlConnection.ClearAllPools();
            if (await OthersConnectedAsync(admin, name, ct) is > 0 and var late)
            {
                throw new InvalidOperationException($"{late} session(s) connected to {name} meanwhile");
            }

            await ExecuteAsync(admin, $"ALTER DATABASE {Quote(name)} RENAME TO {Quote(aside)}", ct);
            await ExecuteAsync(admin, $"ALTER DATABASE {Quote(incoming)} RENAME TO {Quote(name)}", ct);
            return new RestoreResult(null, check, aside, migrated);
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Quote(incoming)} WITH (FORCE)", CancellationToken.None);
            return new RestoreResult($"the restore failed ({e.Message}); {name} was not replaced", check, null, []);
        }
    }

    private static async Task<long> OthersConnectedAsync(NpgsqlConnection admin, string database, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = @d AND pid <> pg_backend_pid()", admin);
        command.Parameters.AddWithValue("d", database);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<IReadOnlyList<TableCount>> CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
            }
        }

        var counts = new List<TableCount>();
        foreach (var name in names.Where(n => n != "__EFMigrationsLock").Order(StringComparer.Ordinal))
        {
            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM public.{Quote(name)}", connection, transaction);
            counts.Add(new TableCount(name, (long)(await count.ExecuteScalarAsync(ct))!));
        }

        return counts;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a PostgreSQL tool with the connection in PG* variables (the password never on the command line).</summary>
    private static async Task RunAsync(string folder, string tool, KaminoDatabase? database, IReadOnlyList<string> args, Action<string>? onLine, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Path.Combine(folder, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (database is not null)
        {
            var b = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            info.Environment["PGHOST"] = b.Host;
            info.Environment["PGPORT"] = b.Port.ToString(CultureInfo.InvariantCulture);
            info.Environment["PGDATABASE"] = b.Database;
            info.Environment["PGUSER"] = b.Username;
            if (!string.IsNullOrEmpty(b.Password))
            {
                info.Environment["PGPASSWORD"] = b.Password;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var errors = process.StandardError.ReadToEndAsync(ct);
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync(ct)) is not null)
        {
            onLine?.Invoke(line);
        }

        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            var text = (await errors).Trim();
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {(text.Length > 500 ? text[..500] : text)}");
        }
    }
}
