using System.Diagnostics;
using System.Security.Cryptography;
using Kamino.Data;
using Kamino.Import;
using Kamino.Testing;
using Microsoft.Data.Sqlite;

namespace Kamino.Bench;

/// <summary>
/// Where an import's time goes, in process: hashing the file, reading and parsing it (no database), and the
/// whole import through <see cref="SalesImporter"/> on each engine. Storing = whole import − hash − parse.
/// </summary>
internal static class Breakdown
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        await o.EnsureCsvAsync();
        var csv = o.CsvPath;

        var (hashSeconds, _) = await TimeAsync(async () =>
        {
            await using var s = File.OpenRead(csv);
            return (await SHA256.HashDataAsync(s)).Length;
        });
        Report("hash (SHA-256 of the file)", hashSeconds, null);

        var (parseSeconds, parsed) = await TimeAsync(() =>
        {
            var n = 0;
            foreach (var item in new CsvSalesReader(csv).Read())
            {
                n += item is SaleRow ? 1 : 0;
            }

            return Task.FromResult(n);
        });
        Report("read + parse (CsvSalesReader, no database)", parseSeconds, parsed);

        var path = Path.Combine(o.Work, "breakdown.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        await ImportAsync("whole import, SQLite", new KaminoDatabase(path), csv, hashSeconds + parseSeconds);
        SqliteConnection.ClearAllPools();
        // Schema proposals are measured here, on a copy of the table, never by changing the migrations.
        foreach (var (label, table) in new[]
                 {
                     ("kamino's schema, sale_day by the row trigger (other writers)", "sale_line"),
                     ("kamino's schema, without the insert trigger (the import, before writing sale_day's sums)", "sale_line deferred"),
                     ("WITHOUT ROWID (the key is the table)", "sale_line_norowid"),
                     ("no primary key at all", "sale_line_nokey"),
                 })
        {
            await SqliteEngineAsync(o, path, label, table, parsed);
        }

        if (o.Postgres)
        {
            await using var cluster = await PostgresCluster.StartAsync();
            var connection = await cluster.CreateDatabaseAsync("breakdown");
            await ImportAsync("whole import, PostgreSQL", new KaminoDatabase(connection), csv, hashSeconds + parseSeconds);
            await PostgresEngineAsync(connection, parsed);
        }

        return 0;
    }

    private static async Task ImportAsync(string what, KaminoDatabase database, string csv, double hashAndParse)
    {
        await database.MigrateAsync();
        var allocated = GC.GetTotalAllocatedBytes();
        var gcs = GC.CollectionCount(0);
        var (seconds, result) = await TimeAsync(() => new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("bench", csv)));
        if (!result.Imported)
        {
            throw new InvalidOperationException($"{what}: rejected: {string.Join("; ", result.Problems.Take(3))}");
        }

        Report(what, seconds, result.LinesAdded);
        Console.WriteLine($"    of which storing (whole − hash − parse): {seconds - hashAndParse:0.00} s; allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1_000_000:N0} MB, {GC.CollectionCount(0) - gcs} gen-0 GCs");
    }

    /// <summary>
    /// The engine alone: the already imported lines copied with one INSERT … SELECT into a fresh database of
    /// the same schema (indexes, foreign keys, WAL, synchronous=FULL), no .NET per row. A floor for any importer.
    /// </summary>
    private static async Task SqliteEngineAsync(BenchOptions o, string source, string label, string table, int rows)
    {
        var path = Path.Combine(o.Work, "engine.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        await new KaminoDatabase(path).MigrateAsync();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecAsync(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; ATTACH '{source}' AS src;");
        await ExecAsync(connection, "INSERT INTO workspace SELECT * FROM src.workspace; INSERT INTO import SELECT * FROM src.import; INSERT INTO customer SELECT * FROM src.customer;");
        const string Columns = """
            workspace_id INTEGER NOT NULL, issuer_tax_id TEXT NOT NULL, document_number TEXT NOT NULL, line_number INTEGER NOT NULL,
            date TEXT NOT NULL, customer_id INTEGER NOT NULL, import_id INTEGER NOT NULL, product_sku TEXT, product_name TEXT,
            quantity TEXT NOT NULL, unit_price TEXT NOT NULL, discount_pct TEXT NOT NULL, net_cents INTEGER NOT NULL, currency TEXT NOT NULL,
            original_net_cents INTEGER, original_currency TEXT
            """;
        await ExecAsync(connection, $"""
            CREATE TABLE sale_line_norowid ({Columns}, PRIMARY KEY (workspace_id, issuer_tax_id, document_number, line_number)) WITHOUT ROWID;
            CREATE TABLE sale_line_nokey ({Columns});
            """);
        var (seconds, _) = await TimeAsync(async () =>
        {
            if (table == "sale_line deferred")
            {
                // As SqliteLineSink does: the insert trigger dropped in the transaction and created again before the
                // commit (the importer writes sale_day's sums itself, from memory, which is not measured here).
                await ExecAsync(connection, $"""
                    BEGIN;
                    DROP TRIGGER sale_day_line_insert;
                    INSERT INTO sale_line SELECT * FROM src.sale_line;
                    {Kamino.Data.SaleDayTriggers.SqliteInsertTrigger}
                    COMMIT;
                    """);
            }
            else
            {
                await ExecAsync(connection, $"BEGIN; INSERT INTO {table} SELECT * FROM src.sale_line; COMMIT;");
            }

            return 0;
        });
        Report($"engine only, SQLite, {label}", seconds, rows);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The INSERT … SELECT step of the PostgreSQL import alone: the imported lines copied to a second workspace
    /// (sale_line has no foreign keys, so the customers and the import row are not needed there).
    /// </summary>
    private static async Task PostgresEngineAsync(string connectionString, int rows)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecAsync(connection, """
            INSERT INTO workspace (slug, name, currency, threshold_a, threshold_b, created_at) SELECT 'engine', name, currency, threshold_a, threshold_b, created_at FROM workspace WHERE slug = 'bench';
            """);
        var (seconds, _) = await TimeAsync(async () =>
        {
            await ExecAsync(connection, """
                INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency)
                SELECT (SELECT id FROM workspace WHERE slug = 'engine'), issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency
                FROM sale_line ON CONFLICT DO NOTHING
                """);
            return 0;
        });
        Report("engine only, PostgreSQL INSERT … SELECT … ON CONFLICT DO NOTHING (like the import's last step)", seconds, rows);
        await ExecAsync(connection, "CREATE TABLE sale_line_nokey (LIKE sale_line INCLUDING DEFAULTS)");
        (seconds, _) = await TimeAsync(async () =>
        {
            await ExecAsync(connection, "INSERT INTO sale_line_nokey SELECT * FROM sale_line WHERE workspace_id = (SELECT id FROM workspace WHERE slug = 'bench')");
            return 0;
        });
        Report("engine only, PostgreSQL, same rows into a copy without primary key", seconds, rows);
    }

    private static async Task ExecAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    // CPU seconds of this process over the last timed step: on a shared machine they vary less than wall time,
    // and above wall time they show the import's second thread at work (the engine's own CPU is not in them for PostgreSQL).
    private static double lastCpu;

    private static async Task<(double Seconds, T Result)> TimeAsync<T>(Func<Task<T>> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await action();
        lastCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return (watch.Elapsed.TotalSeconds, result);
    }

    private static void Report(string what, double seconds, int? rows) =>
        Console.WriteLine(rows is { } n
            ? $"{what,-60} {seconds,7:0.00} s  {n / seconds,12:N0} rows/s  cpu {lastCpu,6:0.00} s"
            : $"{what,-60} {seconds,7:0.00} s  {"",12}         cpu {lastCpu,6:0.00} s");
}
