using Microsoft.EntityFrameworkCore.Design;

namespace Kamino.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a running host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKaminoDb>
{
    public SqliteKaminoDb CreateDbContext(string[] args) =>
        (SqliteKaminoDb)new KaminoDatabase(Path.Combine(Path.GetTempPath(), "kamino-design.db")).CreateDbContext();
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model; nothing connects while adding migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKaminoDb>
{
    public PostgresKaminoDb CreateDbContext(string[] args) =>
        (PostgresKaminoDb)new KaminoDatabase("Host=localhost;Database=kamino_design").CreateDbContext();
}
