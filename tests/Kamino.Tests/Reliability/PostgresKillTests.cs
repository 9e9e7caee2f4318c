using Npgsql;
using Xunit.Abstractions;

namespace Kamino.Tests.Reliability;

/// <summary>SECURITY.md §1.4 R2: kill -9 the CLI during an import into PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task R2_kill9_at_10_seeded_points_including_near_commit_leaves_none_or_all_rows_and_a_rerun_leaves_one_copy()
    {
        var cluster = await PostgresCluster.Shared;
        var baseline = await ReliabilityFiles.Baseline;
        var big = await ReliabilityFiles.Big;

        // A fresh database for this class, imported once; every kill starts from a copy of it (CREATE DATABASE … TEMPLATE).
        var template = await cluster.CreateDatabaseAsync();
        await ReliabilityFiles.ImportAsync(template, baseline.Path);
        var templateName = new NpgsqlConnectionStringBuilder(template).Database!;
        var suffix = Guid.NewGuid().ToString("N")[..8];

        // Seven points spread over the import, three in its last tenth (COPY done, INSERT … SELECT or COMMIT under way).
        var fractions = KillSeries.Spread(7, 0.25, 0.9, seed: 2).Concat(KillSeries.Spread(3, 0.9, 1.02, seed: 3)).ToList();
        await KillSeries.RunAsync(
            async name =>
            {
                NpgsqlConnection.ClearAllPools();
                var db = $"r2_{suffix}_{name}";
                await using var connection = new NpgsqlConnection(cluster.AdminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{db}\" TEMPLATE \"{templateName}\"", connection);
                await command.ExecuteNonQueryAsync();
                return cluster.ConnectionString(db);
            },
            async db =>
            {
                // The killed client's session is gone: no transaction of it is left holding locks or rows.
                await using var connection = new NpgsqlConnection(db);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
                for (var i = 0; i < 100 && (long)(await command.ExecuteScalarAsync())! > 0; i++)
                {
                    await Task.Delay(50);
                }

                Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
                return 0;
            },
            big.Path,
            ReliabilityFiles.KillFileLines,
            fractions,
            output);
    }
}
