using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Kamino.Import;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;

namespace Kamino.Tests.Reliability;

/// <summary>What a clean import of the fault file does: read calls on its input, progress reports, lines and customers added.</summary>
public sealed record FaultCalibration(int ReadCalls, int Reports, int LinesAdded, int CustomersAdded);

/// <summary>
/// Fault-injection runs of the real importer (R4): a template database holding a baseline import, a fresh copy
/// of it per fault, and the checks every fault must pass.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    private const string Workspace = "w";

    private readonly Engine engine;
    private readonly ITestOutputHelper output;
    private readonly TempFolder folder = new();
    private readonly string prefix = "r4_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> databases = [];
    private PostgresCluster? cluster;
    private string template = "";
    private string input = "";
    private string before = "";
    private string after = "";

    private FaultRig(Engine engine, ITestOutputHelper output)
    {
        this.engine = engine;
        this.output = output;
    }

    public FaultCalibration Calibration { get; private set; } = null!;

    public static async Task<FaultRig> CreateAsync(Engine engine, ITestOutputHelper output)
    {
        var rig = new FaultRig(engine, output);
        await rig.InitializeAsync();
        return rig;
    }

    /// <summary>
    /// Runs one faulty import on a fresh copy of the baseline and checks: it failed with the fault
    /// (<paramref name="assertError"/>), no file under the test's folder is open in this process and no
    /// server session is left once the connection pool is cleared, the database is exactly as before, and a
    /// clean import of the same file then stores it whole.
    /// </summary>
    public async Task FaultAsync(
        string label,
        Func<string, Task> arrange,
        Func<ImportRequest, ImportRequest> configure,
        Action<int>? progress,
        Action<Exception> assertError,
        Func<string, Task>? cleanup = null,
        CancellationToken ct = default)
    {
        var db = await CopyAsync();
        await arrange(db);
        var database = new KaminoDatabase(db);
        var filesBefore = OpenFiles();
        Assert.Empty(filesBefore);

        var request = configure(new ImportRequest(Workspace, input));
        var error = await Record.ExceptionAsync(() =>
            new SalesImporter(database, TimeProvider.System).ImportAsync(request, progress is null ? null : new Callback(progress), ct));
        Assert.True(error is not null, $"{label}: the import did not fail");
        output.WriteLine($"{engine} {label}: {error.GetType().Name}: {error.Message.Split('\n')[0]}");
        assertError(error);

        ClearPool(database);
        Assert.True(OpenFiles().Count == 0, $"{label}: files still open after the fault: {string.Join(", ", OpenFiles())}");
        if (engine == Engine.Postgres)
        {
            Assert.True(await WaitForNoSessionsAsync(db), $"{label}: a server session of the import is still open");
        }

        if (cleanup is not null)
        {
            await cleanup(db);
        }

        Assert.Equal(before, await SnapshotAsync(database));
        if (engine == Engine.Sqlite)
        {
            Assert.Equal("ok", await ImportState.SqliteIntegrityAsync(db));
        }

        var clean = await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, input), ct: CancellationToken.None);
        Assert.True(clean.Imported, $"{label}: the clean import after the fault failed: {string.Join('\n', clean.Problems)}");
        Assert.Equal(Calibration.LinesAdded, clean.LinesAdded);
        Assert.Equal(after, await SnapshotAsync(database));
        await DropAsync(db, database);
    }

    /// <summary>Terminates every server session on <paramref name="db"/> and waits until they are gone; returns how many there were.</summary>
    public int TerminateBackends(string db)
    {
        var name = new NpgsqlConnectionStringBuilder(db).Database!;
        using var connection = new NpgsqlConnection(Unpooled(cluster!.AdminConnectionString));
        connection.Open();
        using var terminate = new NpgsqlCommand("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1) t", connection);
        terminate.Parameters.AddWithValue(name);
        var terminated = (int)(long)terminate.ExecuteScalar()!;
        using var left = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", connection);
        left.Parameters.AddWithValue(name);
        var watch = Stopwatch.StartNew();
        while ((long)left.ExecuteScalar()! > 0 && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
        }

        return terminated;
    }

    /// <summary>Runs SQL outside any pool (no connection of the test stays open).</summary>
    public static async Task ExecuteAsync(Engine engine, string db, string sql)
    {
        await using DbConnection connection = engine == Engine.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString())
            : new NpgsqlConnection(Unpooled(db));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in databases.ToList())
        {
            await DropAsync(db, new KaminoDatabase(db));
        }

        if (engine == Engine.Postgres && template.Length > 0)
        {
            await AdminAsync($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(template).Database}\" WITH (FORCE)");
        }

        folder.Dispose();
    }

    private async Task InitializeAsync()
    {
        var sales = await SalesGenerator.GetAsync("--lines 25000 --customers 400 --seed 41 --start-date 2029-01-01 --days 365");
        var baseline = await ReliabilityFiles.Baseline;

        // A copy only this test opens, so that every open handle on it in this process is the importer's.
        input = Path.Combine(folder.Path, "sales.csv");
        File.Copy(sales.Path, input);

        if (engine == Engine.Postgres)
        {
            cluster = await PostgresCluster.Shared;
            template = await cluster.CreateDatabaseAsync(prefix + "_template");
        }
        else
        {
            template = Path.Combine(folder.Path, "template.db");
        }

        var templateDb = new KaminoDatabase(template);
        await templateDb.MigrateAsync();
        var first = await new SalesImporter(templateDb, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, baseline.Path));
        Assert.True(first.Imported, string.Join('\n', first.Problems));
        ClearPool(templateDb);
        databases.Remove(template);

        var db = await CopyAsync();
        var database = new KaminoDatabase(db);
        before = await SnapshotAsync(database);
        FaultyStream? counter = null;
        var reports = 0;
        var result = await new SalesImporter(database, TimeProvider.System).ImportAsync(
            new ImportRequest(Workspace, input, Csv: new CsvReadOptions(WrapInput: s => counter = new FaultyStream(s))),
            new Callback(n => reports = n));
        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(sales.Summary.Lines, result.LinesAdded);
        after = await SnapshotAsync(database);
        Assert.NotEqual(before, after);
        Calibration = new FaultCalibration(counter!.ReadCalls, reports, result.LinesAdded, result.CustomersAdded);
        output.WriteLine($"{engine} calibration: {Calibration}");
        await DropAsync(db, database);
    }

    private async Task<string> CopyAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{databases.Count + 1}");
        string db;
        if (engine == Engine.Sqlite)
        {
            db = ImportState.CopySqlite(template, Path.Combine(folder.Path, name + ".db"));
        }
        else
        {
            await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{new NpgsqlConnectionStringBuilder(template).Database}\"");
            db = cluster!.ConnectionString(name);
        }

        databases.Add(db);
        return db;
    }

    private async Task DropAsync(string db, KaminoDatabase database)
    {
        ClearPool(database);
        databases.Remove(db);
        if (engine == Engine.Sqlite)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(db + suffix);
            }
        }
        else
        {
            await AdminAsync($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(db).Database}\" WITH (FORCE)");
        }
    }

    /// <summary>Every row an import writes or reads back, as text: equal texts mean equal data.</summary>
    private static async Task<string> SnapshotAsync(KaminoDatabase database)
    {
        try
        {
            await using var db = database.CreateDbContext();
            var workspaces = await db.Workspaces.OrderBy(w => w.Id).Select(w => new { w.Id, w.Slug, w.Currency }).ToListAsync();
            var imports = await db.Imports.OrderBy(i => i.WorkspaceId).ThenBy(i => i.Id)
                .Select(i => new { i.WorkspaceId, i.Id, i.FileName, i.Sha256, i.Format, i.LinesAdded, i.LinesSkipped, i.CustomersAdded, i.UndoneAt }).ToListAsync();
            var customers = await db.Customers.OrderBy(c => c.WorkspaceId).ThenBy(c => c.Id)
                .Select(c => new { c.WorkspaceId, c.Id, c.Key, c.Name, c.TaxId, c.IsKeyAccount, c.CreatedByImportId }).ToListAsync();
            var lines = await db.SaleLines.GroupBy(s => new { s.WorkspaceId, s.ImportId, s.CustomerId })
                .Select(g => new { g.Key.WorkspaceId, g.Key.ImportId, g.Key.CustomerId, Count = g.Count(), Cents = g.Sum(s => s.NetCents) }).ToListAsync();
            return string.Join('\n', [
                .. workspaces.Select(w => w.ToString()),
                .. imports.Select(i => i.ToString()),
                .. customers.Select(c => c.ToString()),
                .. lines.Select(l => l.ToString()).Order(StringComparer.Ordinal),
            ]);
        }
        finally
        {
            ClearPool(database);
        }
    }

    private static void ClearPool(KaminoDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            using var connection = new SqliteConnection(database.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new NpgsqlConnection(database.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>Files under the test's folder (databases, -wal, -shm, the input) this process holds open.</summary>
    private List<string> OpenFiles()
    {
        var open = new List<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(folder.Path + "/", StringComparison.Ordinal))
                {
                    open.Add(target);
                }
            }
            catch (IOException)
            {
                // closed while listing
            }
        }

        return open;
    }

    private async Task<bool> WaitForNoSessionsAsync(string db)
    {
        await using var connection = new NpgsqlConnection(Unpooled(cluster!.AdminConnectionString));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", connection);
        count.Parameters.AddWithValue(new NpgsqlConnectionStringBuilder(db).Database!);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((long)(await count.ExecuteScalarAsync())! == 0)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled(cluster!.AdminConnectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    /// <summary>Synchronous progress: the importer's N-th report runs the action with N, on the importer's thread.</summary>
    private sealed class Callback(Action<int> onReport) : IProgress<int>
    {
        private int reports;

        public void Report(int value) => onReport(++reports);
    }
}
