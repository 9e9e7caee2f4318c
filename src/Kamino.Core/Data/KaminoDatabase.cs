using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using NpgsqlTypes;

namespace Kamino.Data;

/// <summary>Which engine a <c>--db</c> value points at.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where Kamino's data lives, parsed from <c>--db</c> / <c>KAMINO_DB</c>: a file path means SQLite, a
/// connection string with <c>Host=</c> means PostgreSQL; neither means a SQLite file in the user's data folder.
/// Creates contexts and applies migrations. Register one per process.
/// </summary>
public sealed class KaminoDatabase
{
    private readonly DbContextOptions<SqliteKaminoDb>? sqliteOptions;
    private readonly DbContextOptions<PostgresKaminoDb>? postgresOptions;
    private readonly string? sqlitePath;

    /// <param name="readOnly">
    /// Open a SQLite file read-only (a file the user may read but not write): no pragma that writes, no migration.
    /// Ignored on PostgreSQL, whose permissions are the server's.
    /// </param>
    /// <param name="readTarget">
    /// A PostgreSQL streaming standby of <paramref name="target"/> for the analysis reads (<see cref="Replica"/>);
    /// refused (<see cref="InvalidOperationException"/>) unless both are PostgreSQL.
    /// </param>
    public KaminoDatabase(string? target, ILoggerFactory? loggerFactory = null, bool readOnly = false, string? readTarget = null)
    {
        Target = string.IsNullOrWhiteSpace(target) ? DefaultSqlitePath : target.Trim();
        if (LooksLikePostgres(Target))
        {
            Provider = DatabaseProvider.Postgres;
            ConnectionString = Target;
            var builder = new DbContextOptionsBuilder<PostgresKaminoDb>()
                .UseNpgsql(ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));
            if (loggerFactory is not null)
            {
                builder.UseLoggerFactory(loggerFactory);
            }

            postgresOptions = builder.Options;
        }
        else
        {
            Provider = DatabaseProvider.Sqlite;
            var path = Target.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
                ? new SqliteConnectionStringBuilder(Target).DataSource
                : Path.GetFullPath(Target);
            ReadOnly = readOnly;
            sqlitePath = path;
            ConnectionString = new SqliteConnectionStringBuilder
            {
                // Read-only: immutable, since a WAL database needs its -shm file written even to be read, which a
                // folder the user may not write forbids (the file is then assumed not to change while it is read).
                DataSource = readOnly ? new Uri(path).AbsoluteUri + "?immutable=1" : path,
                Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            var builder = new DbContextOptionsBuilder<SqliteKaminoDb>()
                .UseSqlite(ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"))
                .AddInterceptors(readOnly ? SqlitePragmas.ReadOnly : SqlitePragmas.Instance);
            if (loggerFactory is not null)
            {
                builder.UseLoggerFactory(loggerFactory);
            }

            sqliteOptions = builder.Options;
        }

        if (!string.IsNullOrWhiteSpace(readTarget))
        {
            if (Provider != DatabaseProvider.Postgres || !LooksLikePostgres(readTarget))
            {
                throw new InvalidOperationException(Provider == DatabaseProvider.Postgres
                    ? "the read database must be a PostgreSQL connection string (Host=…), a streaming standby of the database"
                    : "a read database (--read-db, KAMINO_READ_DB, Kamino:ReadDb) needs PostgreSQL: the database is a SQLite file, which has no standby");
            }

            Replica = new ReadReplica(readTarget.Trim(), loggerFactory);
        }
    }

    /// <summary>The streaming standby that takes analysis reads, or null (every read on the primary).</summary>
    public ReadReplica? Replica { get; }

    /// <summary>The SQLite file used when neither <c>--db</c> nor <c>KAMINO_DB</c> is given.</summary>
    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "kamino", "kamino.db");

    /// <summary>The value as given (or the default path).</summary>
    public string Target { get; }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A description safe to print: the SQLite path, or the PostgreSQL host and database without password.</summary>
    public string Describe()
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                return "SQLite " + sqlitePath;
            case DatabaseProvider.Postgres:
                var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
            default:
                throw new InvalidOperationException();
        }
    }

    public static bool LooksLikePostgres(string target) =>
        target.Contains("Host=", StringComparison.OrdinalIgnoreCase) || target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    public KaminoDb CreateDbContext() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteKaminoDb(sqliteOptions!),
        DatabaseProvider.Postgres => new PostgresKaminoDb(postgresOptions!),
    };

    /// <summary>A context for reads that may be a moment old: the standby's when one is set, else the primary's.</summary>
    public KaminoDb CreateReadDbContext() => Replica?.CreateDbContext() ?? CreateDbContext();

    /// <summary>
    /// A context for a read that must see every write up to <paramref name="fence"/> (the reader's last
    /// <see cref="WritePositionAsync"/>; null: none): the standby's, its connection open, when it has replayed that far;
    /// else the primary's (no standby, behind, unreachable). See <see cref="ReadReplica"/>.
    /// </summary>
    public async Task<ReadContext> OpenReadDbContextAsync(NpgsqlLogSequenceNumber? fence, CancellationToken ct = default)
    {
        if (Replica is null)
        {
            return new ReadContext(CreateDbContext(), ReadRoute.Primary);
        }

        var (standby, route) = await Replica.TryOpenAsync(fence, ct);
        return new ReadContext(standby ?? CreateDbContext(), route);
    }

    /// <summary>
    /// The primary's WAL insert position now (PostgreSQL only, else null): taken after a write, every later read fenced
    /// with it sees that write. The insert position, not the write position: with <c>synchronous_commit=off</c> a
    /// committed transaction's record may not be written yet.
    /// </summary>
    public async Task<NpgsqlLogSequenceNumber?> WritePositionAsync(CancellationToken ct = default)
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return null;
        }

        await using var db = CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT pg_current_wal_insert_lsn()";
        return await command.ExecuteScalarAsync(ct) is NpgsqlLogSequenceNumber lsn ? lsn : null;
    }

    /// <summary>A SQLite file opened read-only.</summary>
    public bool ReadOnly { get; }

    /// <summary>
    /// False when the SQLite file exists but this process may not write it (permissions, read-only mount); true
    /// otherwise, and always on PostgreSQL.
    /// </summary>
    public bool Writable()
    {
        if (SqlitePath is not { } file || !File.Exists(file))
        {
            return true;
        }

        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqlitePath => sqlitePath;

    /// <summary>
    /// False when the SQLite file does not exist yet (nothing is created by asking); always true on PostgreSQL, whose
    /// database is made by its administrator. Read commands refuse a missing file rather than create an empty one.
    /// </summary>
    public bool Exists => SqlitePath is not { } file || File.Exists(file);

    /// <summary>Applies pending migrations, creating the SQLite file and its folder if needed; safe to call on every start.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        if (!ReadOnly && Path.GetDirectoryName(SqlitePath) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        await using var db = CreateDbContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0 && ReadOnly)
        {
            throw new InvalidOperationException($"the database {SqlitePath} is read-only and needs {pending.Count} migration(s): run kamino migrate with write access");
        }

        if (pending.Count == 0)
        {
            // EF's Migrate takes a migrations lock (a row in __EFMigrationsLock on SQLite) even when there is
            // nothing to do; a process killed while holding it would leave every later start waiting for it.
            return pending;
        }

        if (SqlitePath is { } file)
        {
            using var held = await MigrationLock.HoldAsync(file, ct);
            await MigrationLock.ClearLeftOverAsync(db, ct);
            pending = [.. await db.Database.GetPendingMigrationsAsync(ct)];
            await db.Database.MigrateAsync(ct);
            return pending;
        }

        await db.Database.MigrateAsync(ct);
        return pending;
    }

    /// <summary>Applies the SQLite pragmas Kamino relies on to every opened connection.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");

        // Setting the journal mode writes the file's header: a read-only connection keeps the mode it finds.
        public static readonly SqlitePragmas ReadOnly = new("PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");

        private readonly string pragmas;

        private SqlitePragmas(string pragmas) => this.pragmas = pragmas;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            using var cmd = connection.CreateCommand();
            // EF opens its own read-only connection to ask whether the file exists: setting WAL there fails with
            // "attempt to write a readonly database" on a file in rollback-journal mode (a backup copy, an old file).
            cmd.CommandText = this != ReadOnly && new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly
                ? ReadOnly.pragmas
                : pragmas;
            cmd.ExecuteNonQuery();
        }
    }
}
