using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kamino.Data;

/// <summary>Where one read was sent, and why.</summary>
public enum ReadRoute
{
    /// <summary>No standby is configured: the primary.</summary>
    Primary,

    /// <summary>The standby, which had replayed the WAL up to the reader's fence.</summary>
    Standby,

    /// <summary>The primary: the standby had not replayed the reader's own last write (after a short wait).</summary>
    StandbyBehind,

    /// <summary>The primary: the standby could not be reached, or is not a standby; this read found it so.</summary>
    StandbyFailed,

    /// <summary>The primary: the standby failed a moment ago and is left alone for a few seconds.</summary>
    StandbyResting,
}

/// <summary>A context for reads and where it points. The caller disposes <see cref="Db"/>.</summary>
public readonly record struct ReadContext(KaminoDb Db, ReadRoute Route);

/// <summary>
/// A PostgreSQL streaming standby (<c>kamino serve --read-db</c>) that may take the analysis reads. A read goes to it
/// only when it has replayed the primary's WAL at least up to the reader's <em>fence</em>: the primary's WAL insert
/// position taken after the reader's last write (<see cref="KaminoDatabase.WritePositionAsync"/>), so a user always
/// sees their own writes; a reader without a fence takes the standby as it is. A standby that is behind the fence
/// gets <see cref="CatchUpWait"/> to catch up, then the primary answers. A standby that cannot be reached (or is not in
/// recovery: a promoted or mistaken server) makes the read go to the primary, and is not tried again for
/// <see cref="RestAfterFailure"/>. Writes never come here: the host gives them the primary's context.
/// </summary>
public sealed class ReadReplica
{
    /// <summary>How long a read waits for a standby behind its fence before it goes to the primary.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a connection to the standby may take before the read goes to the primary.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long a standby that failed is left alone (reads go to the primary without trying it).</summary>
    public static readonly TimeSpan RestAfterFailure = TimeSpan.FromSeconds(5);

    private readonly DbContextOptions<PostgresKaminoDb> options;
    private long restUntil;

    internal ReadReplica(string connectionString, ILoggerFactory? loggerFactory)
    {
        ConnectionString = connectionString;
        var builder = new DbContextOptionsBuilder<PostgresKaminoDb>().UseNpgsql(connectionString);
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        options = builder.Options;
    }

    public string ConnectionString { get; }

    /// <summary>The standby's host, port and database, without password.</summary>
    public string Describe()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL standby {b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>A context on the standby, not yet opened (no fence, no fallback: for tests and tools).</summary>
    internal KaminoDb CreateDbContext() => new PostgresKaminoDb(options);

    /// <summary>
    /// A context on the standby, its connection open, when the standby is reachable and has replayed up to
    /// <paramref name="fence"/> (null: any position); otherwise null and why.
    /// </summary>
    internal async Task<(KaminoDb? Db, ReadRoute Route)> TryOpenAsync(NpgsqlLogSequenceNumber? fence, CancellationToken ct)
    {
        if (Environment.TickCount64 < Interlocked.Read(ref restUntil))
        {
            return (null, ReadRoute.StandbyResting);
        }

        var db = CreateDbContext();
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connect.CancelAfter(ConnectTimeout);
                await db.Database.OpenConnectionAsync(connect.Token);
            }

            var waitUntil = Environment.TickCount64 + (long)CatchUpWait.TotalMilliseconds;
            while (true)
            {
                var replayed = await ReplayedAsync(db, ct);
                if (replayed is null)
                {
                    // Not in recovery: whatever this server is, it is not a standby of the primary.
                    throw new InvalidOperationException("the read database is not a standby (pg_last_wal_replay_lsn() is null)");
                }

                if (fence is not { } f || replayed.Value >= f)
                {
                    return (db, ReadRoute.Standby);
                }

                if (Environment.TickCount64 >= waitUntil)
                {
                    await db.DisposeAsync();
                    return (null, ReadRoute.StandbyBehind);
                }

                await Task.Delay(5, ct);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is NpgsqlException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            await db.DisposeAsync();
            Interlocked.Exchange(ref restUntil, Environment.TickCount64 + (long)RestAfterFailure.TotalMilliseconds);
            return (null, ReadRoute.StandbyFailed);
        }
    }

    private static async Task<NpgsqlLogSequenceNumber?> ReplayedAsync(KaminoDb db, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT pg_last_wal_replay_lsn()";
        var value = await command.ExecuteScalarAsync(ct);
        return value is NpgsqlLogSequenceNumber lsn ? lsn : null;
    }
}
