using Npgsql;

namespace Kamino.Tests.Testing;

/// <summary>The throwaway cluster that every PostgreSQL test relies on.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresClusterTests
{
    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task CreateDatabaseAsync_TwoCalls_GiveSeparateEmptyDatabases()
    {
        var cluster = await PostgresCluster.Shared;

        var first = await cluster.CreateDatabaseAsync();
        var second = await cluster.CreateDatabaseAsync();
        await ScalarAsync<int>(first, "CREATE TABLE marker (id int); SELECT 1");

        Assert.NotEqual(first, second);
        Assert.Equal(1L, await ScalarAsync<long>(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
        Assert.Equal(0L, await ScalarAsync<long>(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
        Assert.Contains($"Port={cluster.Port}", first, StringComparison.Ordinal);
        Assert.StartsWith("15", await ScalarAsync<string>(first, "SHOW server_version"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDatabaseAsync_GivenName_UsesIt()
    {
        var cluster = await PostgresCluster.Shared;
        var name = "named_" + Guid.NewGuid().ToString("N")[..12];

        var connectionString = await cluster.CreateDatabaseAsync(name);

        Assert.Equal(name, await ScalarAsync<string>(connectionString, "SELECT current_database()"));
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.CreateDatabaseAsync("Robert'); DROP"));
    }

    [Fact]
    public async Task DisposeAsync_OwnCluster_StopsServerAndRemovesFolder()
    {
        var cluster = await PostgresCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync();
        var dataDirectory = await ScalarAsync<string>(connectionString, "SHOW data_directory");
        Assert.True(Directory.Exists(dataDirectory));
        Assert.Equal("127.0.0.1", await ScalarAsync<string>(connectionString, "SHOW listen_addresses"));

        await cluster.DisposeAsync();

        Assert.False(Directory.Exists(dataDirectory));
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
    }
}
