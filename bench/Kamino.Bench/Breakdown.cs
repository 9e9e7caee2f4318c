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
        foreach (var (label, pragmas) in new[]
                 {
                     ("kamino's pragmas", ""),
                     ("+ cache_size 256 MB", "PRAGMA cache_size=-262144;"),
                     ("+ cache_size 256 MB, foreign_keys off", "PRAGMA cache_size=-262144; PRAGMA foreign_keys=OFF;"),
                 })
        {
            await SqliteEngineAsync(o, path, label, pragmas, parsed);
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
    private static async Task SqliteEngineAsync(BenchOptions o, string source, string label, string pragmas, int rows)
    {
        var path = Path.Combine(o.Work, "engine.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        await new KaminoDatabase(path).MigrateAsync();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecAsync(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; {pragmas} ATTACH '{source}' AS src;");
        await ExecAsync(connection, "INSERT INTO workspace SELECT * FROM src.workspace; INSERT INTO import SELECT * FROM src.import; INSERT INTO customer SELECT * FROM src.customer;");
        var (seconds, _) = await TimeAsync(async () =>
        {
            await ExecAsync(connection, "BEGIN; INSERT INTO sale_line SELECT * FROM src.sale_line; COMMIT;");
            return 0;
        });
        Report($"engine only, SQLite, {label}", seconds, rows);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The INSERT … SELECT step of the PostgreSQL import alone: the imported lines copied to a second workspace.</summary>
    private static async Task PostgresEngineAsync(string connectionString, int rows)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecAsync(connection, """
            INSERT INTO workspace (slug, name, currency, threshold_a, threshold_b, created_at) SELECT 'engine', name, currency, threshold_a, threshold_b, created_at FROM workspace WHERE slug = 'bench';
            INSERT INTO import SELECT (SELECT id FROM workspace WHERE slug = 'engine'), id, file_name, sha256, format, lines_added, lines_skipped, customers_added, imported_at FROM import;
            INSERT INTO customer SELECT (SELECT id FROM workspace WHERE slug = 'engine'), id, key, name, tax_id, created_by_import_id FROM customer;
            """);
        var (seconds, _) = await TimeAsync(async () =>
        {
            await ExecAsync(connection, """
                INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency)
                SELECT (SELECT id FROM workspace WHERE slug = 'engine'), issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency
                FROM sale_line ORDER BY date ON CONFLICT DO NOTHING
                """);
            return 0;
        });
        Report("engine only, PostgreSQL INSERT … SELECT (like the import's last step)", seconds, rows);
    }

    private static async Task ExecAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(double Seconds, T Result)> TimeAsync<T>(Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var result = await action();
        return (watch.Elapsed.TotalSeconds, result);
    }

    private static void Report(string what, double seconds, int? rows) =>
        Console.WriteLine(rows is { } n ? $"{what,-48} {seconds,7:0.00} s  {n / seconds,12:N0} rows/s" : $"{what,-48} {seconds,7:0.00} s");
}
