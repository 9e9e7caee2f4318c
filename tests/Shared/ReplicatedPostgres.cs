using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Xunit;

namespace Kamino.Testing;

/// <summary>
/// A PostgreSQL primary of its own (not <see cref="PostgresCluster.Shared"/>, whose many test databases a base backup
/// would copy) and a hot standby streaming from it (<see cref="PostgresCluster.StartStandbyAsync"/>), for the tests of
/// the read replica. Replay can be paused and resumed; tests of one class run one at a time, and each resumes what it
/// paused.
/// </summary>
public sealed class ReplicatedPostgres : IAsyncLifetime
{
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(60);

    public PostgresCluster Primary { get; private set; } = null!;

    public PostgresCluster Standby { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Primary = await PostgresCluster.StartAsync();
        Standby = await Primary.StartStandbyAsync();
    }

    public async Task DisposeAsync()
    {
        if (Standby is not null)
        {
            await Standby.DisposeAsync();
        }

        if (Primary is not null)
        {
            await Primary.DisposeAsync();
        }
    }

    /// <summary>A new empty database on the primary, once the standby has it too: its connection strings on both.</summary>
    public async Task<(string Primary, string Standby)> CreateDatabaseAsync()
    {
        var primary = await Primary.CreateDatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(primary).Database!;
        await CaughtUpAsync(Standby);
        return (primary, Standby.ConnectionString(name));
    }

    /// <summary>Waits until <paramref name="standby"/> has replayed everything the primary has written so far.</summary>
    public async Task CaughtUpAsync(PostgresCluster standby)
    {
        var target = await ScalarAsync<NpgsqlLogSequenceNumber>(Primary.AdminConnectionString, "SELECT pg_current_wal_insert_lsn()");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await ScalarAsync<NpgsqlLogSequenceNumber>(standby.AdminConnectionString, "SELECT pg_last_wal_replay_lsn()") < target)
        {
            if (waited.Elapsed > ReplayTimeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"the standby did not replay up to {target} within {ReplayTimeout}"));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops the standby's replay (its view holds still while the primary goes on); waits until it has stopped.</summary>
    public async Task PauseReplayAsync()
    {
        await ScalarAsync<object>(Standby.AdminConnectionString, "SELECT pg_wal_replay_pause()");
        while (await ScalarAsync<string>(Standby.AdminConnectionString, "SELECT pg_get_wal_replay_pause_state()") != "paused")
        {
            await Task.Delay(10);
        }
    }

    /// <summary>Lets the standby replay again and waits until it has caught up.</summary>
    public async Task ResumeReplayAsync()
    {
        await ScalarAsync<object>(Standby.AdminConnectionString, "SELECT pg_wal_replay_resume()");
        await CaughtUpAsync(Standby);
    }

    /// <summary>The first column of the first row of <paramref name="sql"/> on <paramref name="connectionString"/>.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
