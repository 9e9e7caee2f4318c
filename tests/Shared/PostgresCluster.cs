using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Kamino.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster owned by the test run: initdb into a temporary folder, a server on a free
/// loopback port with its socket in that folder, trust authentication, and removal when the process exits.
/// Nothing on the machine is used or changed besides that folder. When the PostgreSQL server binaries are
/// missing, starting fails with a message saying so: PostgreSQL tests must fail, never skip silently.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string FolderPrefix = "kamino-pg-";

    private static readonly Lazy<Task<PostgresCluster>> SharedCluster = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string root;
    private readonly bool runAsPostgres;
    private int databases;
    private int stopped;

    private PostgresCluster(string binDirectory, string root, bool runAsPostgres, int port)
    {
        BinDirectory = binDirectory;
        this.root = root;
        this.runAsPostgres = runAsPostgres;
        Port = port;
    }

    /// <summary>One cluster for the whole test process, started on first use and stopped at process exit.</summary>
    public static Task<PostgresCluster> Shared => SharedCluster.Value;

    /// <summary>TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Folder of the <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c> used.</summary>
    public string BinDirectory { get; }

    private string DataDirectory => Path.Combine(root, "data");

    private string SocketDirectory => Path.Combine(root, "socket");

    private string LogFile => Path.Combine(root, "server.log");

    /// <summary>Connection string of the <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>Creates a new cluster in a new temporary folder. The caller stops it (<see cref="DisposeAsync"/>).</summary>
    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBinDirectory();
        RemoveAbandonedClusters(bin);
        var runAsPostgres = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        var root = await NewFolderAsync(runAsPostgres);
        try
        {
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", Path.Combine(root, "data"), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
                root, runAsPostgres);
            return await StartOnFreePortAsync(bin, root, runAsPostgres);
        }
        catch
        {
            TryDeleteFolder(root);
            throw;
        }
    }

    /// <summary>
    /// A hot standby of this cluster, streaming its WAL: <c>pg_basebackup -R -X stream</c> into a new temporary folder
    /// (initdb's pg_hba already lets 127.0.0.1 replicate with trust), started on its own free port with its own socket
    /// folder. Read-only; <c>pg_wal_replay_pause()</c> on it holds its view still. The caller stops it
    /// (<see cref="DisposeAsync"/>), which leaves this cluster running.
    /// </summary>
    public async Task<PostgresCluster> StartStandbyAsync()
    {
        var root = await NewFolderAsync(runAsPostgres);
        try
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_basebackup"),
                ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-D", Path.Combine(root, "data"),
                    "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"],
                root, runAsPostgres);
            return await StartOnFreePortAsync(BinDirectory, root, runAsPostgres);
        }
        catch
        {
            TryDeleteFolder(root);
            throw;
        }
    }

    /// <summary>A new temporary folder for a cluster, with its socket folder, owned by postgres when run as root.</summary>
    private static async Task<string> NewFolderAsync(bool runAsPostgres)
    {
        var root = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(root, "socket"));
        if (runAsPostgres)
        {
            // initdb and the server refuse to run as root: the cluster belongs to the postgres account.
            await RunAsync("chown", ["-R", "postgres:postgres", root], root, asPostgres: false);
        }

        return root;
    }

    /// <summary>Starts the server of the data folder in <paramref name="root"/> on a free port.</summary>
    private static async Task<PostgresCluster> StartOnFreePortAsync(string bin, string root, bool runAsPostgres)
    {
        // A free port can be taken by someone else between the probe and the start: try a few.
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var cluster = new PostgresCluster(bin, root, runAsPostgres, NginxProxy.FreeLoopbackPort());
            try
            {
                await cluster.StartServerAsync();
                return cluster;
            }
            catch (InvalidOperationException e)
            {
                last = e;
            }
        }

        throw new InvalidOperationException("PostgreSQL test cluster did not start after 5 attempts.", last);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    /// <param name="name">Lower-case letters, digits and underscores; a unique name when null.</param>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}");
        if (name.Length is 0 or > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Database name '{name}' must be 1-63 lower-case letters, digits or underscores.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}");

    /// <summary>Stops the server at once (nothing in it is worth a clean shutdown) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], root, runAsPostgres);
        }
        catch (InvalidOperationException)
        {
            // Already stopped: deleting the folder is all that is left.
        }

        TryDeleteFolder(root);
    }

    private static async Task<PostgresCluster> StartSharedAsync()
    {
        var cluster = await StartAsync();
        cluster.WatchOwner();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }

    /// <summary>
    /// The test host is often killed right after the last test (VSTest does not wait for exit handlers), so a
    /// detached shell waits for this process to end, then stops the server (SIGQUIT: immediate shutdown) and
    /// deletes the folder. It is started in its own session so that killing the test host's tree spares it.
    /// </summary>
    private void WatchOwner()
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 0.5; done
            pid=$(head -n 1 "$2/data/postmaster.pid")
            if [ -n "$pid" ] && kill -QUIT "$pid"; then
                i=0
                while kill -0 "$pid" && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
            fi
            rm -rf "$2"
            """;
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-f", "/bin/sh", "-c", Script, "kamino-pg-watch", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), root })
        {
            start.ArgumentList.Add(a);
        }

        using var watcher = Process.Start(start);
        watcher?.WaitForExit();
    }

    private async Task StartServerAsync()
    {
        // fsync, full-page writes and synchronous commit are off: a crash can only lose a cluster that the
        // run throws away anyway, and tests stay fast on slow disks. Durability is not what these tests check.
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {SocketDirectory} -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=400");
        try
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options], root, runAsPostgres);
        }
        catch (InvalidOperationException e)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no server log)";
            throw new InvalidOperationException($"{e.Message}\nServer log:\n{log}", e);
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var pgCtl = Path.Combine(dir, "pg_ctl");
            if (File.Exists(pgCtl) && File.Exists(Path.Combine(dir, "initdb")))
            {
                // Debian links the tools into PATH; pg_ctl looks for postgres next to its real location.
                var real = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl;
                candidates.Add(Path.GetDirectoryName(real)!);
            }
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        foreach (var dir in candidates)
        {
            if (new[] { "initdb", "pg_ctl", "postgres" }.All(tool => File.Exists(Path.Combine(dir, tool))))
            {
                return dir;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH nor in /usr/lib/postgresql/*/bin. " +
            "The PostgreSQL tests need them: on Debian run 'apt-get install -y postgresql' (test.sh does this when run as root).");
    }

    /// <summary>
    /// Stops and deletes clusters left by test processes that died before their exit handler ran
    /// (a killed test host), so they do not pile up on a developer's machine.
    /// </summary>
    private static void RemoveAbandonedClusters(string bin)
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                var ownerFile = Path.Combine(dir, "owner.pid");
                if (!File.Exists(ownerFile)
                    || !int.TryParse(File.ReadAllText(ownerFile), NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                    || Directory.Exists($"/proc/{owner}"))
                {
                    continue;
                }

                var asPostgres = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
                if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
                {
                    RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", Path.Combine(dir, "data"), "-m", "immediate", "-w"], dir, asPostgres)
                        .GetAwaiter().GetResult();
                }

                TryDeleteFolder(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Someone else's folder or already gone: leave it.
            }
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : program,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // Messages are parsed by nobody, but English ones are easier to search for when a start fails.
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Describe(program, arguments)} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{Describe(program, arguments)} exited with {process.ExitCode}")
                .Append(asPostgres ? " (run as user postgres)" : "")
                .Append(":\n").Append(await output).Append(await error);
            throw new InvalidOperationException(text.ToString());
        }

        await Task.WhenAll(output, error);
    }

    private static string Describe(string program, IReadOnlyList<string> arguments) => $"'{program} {string.Join(' ', arguments)}'";

    private static void TryDeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary folder is harmless; the next run removes abandoned ones.
        }
    }
}
