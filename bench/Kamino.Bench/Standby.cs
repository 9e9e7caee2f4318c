using System.Diagnostics;
using System.Globalization;
using Kamino.Testing;
using Npgsql;

namespace Kamino.Bench;

/// <summary>
/// A streaming standby of a <see cref="PostgresCluster"/>: <c>pg_basebackup -R -X stream</c> into a temporary folder,
/// started as a hot standby on a free loopback port (run as the postgres account when this process is root, as the
/// primary is). The primary's default <c>pg_hba.conf</c> (initdb, trust) already admits replication from 127.0.0.1.
/// </summary>
internal sealed class Standby : IAsyncDisposable
{
    private readonly string bin;
    private readonly string root;
    private readonly bool asPostgres;

    private Standby(string bin, string root, bool asPostgres, int port)
    {
        this.bin = bin;
        this.root = root;
        this.asPostgres = asPostgres;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(root, "data");

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}");

    public static async Task<Standby> StartAsync(PostgresCluster primary)
    {
        var asPostgres = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("kamino-standby-").FullName;
        if (asPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], false);
        }

        var port = NginxProxy.FreeLoopbackPort();
        var standby = new Standby(primary.BinDirectory, root, asPostgres, port);
        await RunAsync(Path.Combine(primary.BinDirectory, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-D", standby.Data, "-R", "-X", "stream", "-c", "fast"], asPostgres);
        // max_connections must be at least the primary's (400) for a hot standby to start.
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=400 -c hot_standby=on");
        await RunAsync(Path.Combine(primary.BinDirectory, "pg_ctl"),
            ["start", "-D", standby.Data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "120", "-o", options], asPostgres);
        return standby;
    }

    /// <summary>Waits until the standby has replayed everything the primary had written when asked; returns how long that took.</summary>
    public async Task<TimeSpan> CatchUpAsync(PostgresCluster primary, string database)
    {
        var watch = Stopwatch.StartNew();
        await using var onPrimary = new NpgsqlConnection(primary.ConnectionString(database));
        await onPrimary.OpenAsync();
        await using var lsn = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", onPrimary);
        var target = (string)(await lsn.ExecuteScalarAsync())!;
        await using var onStandby = new NpgsqlConnection(ConnectionString(database));
        await onStandby.OpenAsync();
        await using var replayed = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= @target::pg_lsn", onStandby);
        replayed.Parameters.AddWithValue("target", target);
        while (!(bool)(await replayed.ExecuteScalarAsync())!)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"the standby did not replay up to {target} within 5 minutes");
            }

            await Task.Delay(50);
        }

        return watch.Elapsed;
    }

    /// <summary>One number asked of both servers (the standby must give the primary's).</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", Data, "-m", "immediate", "-w"], asPostgres);
        }
        catch (InvalidOperationException)
        {
            // Not running: only the folder is left.
        }

        Directory.Delete(root, recursive: true);
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(), // readable by the postgres account
        };
        foreach (var a in asPostgres ? ["-u", "postgres", "--", program, .. arguments] : arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {p.ExitCode}: {await output}{await errors}");
        }
    }
}
