using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Backup;

/// <summary>The schema versions (migration ids) this build knows and a database holds.</summary>
public static class SchemaVersions
{
    /// <summary>Every migration of the database's engine in this build, oldest first.</summary>
    public static IReadOnlyList<string> Known(KaminoDatabase database)
    {
        using var db = database.CreateDbContext();
        return [.. db.Database.GetMigrations()];
    }

    /// <summary>Migrations the database has not applied yet, oldest first (all of them for a new SQLite file; nothing is created).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(KaminoDatabase database, CancellationToken ct = default)
    {
        if (!database.Exists)
        {
            return Known(database);
        }

        await using var db = database.CreateDbContext();
        return [.. await db.Database.GetPendingMigrationsAsync(ct)];
    }

    /// <summary>The last migration the database applied, or null.</summary>
    public static async Task<string?> CurrentAsync(KaminoDatabase database, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
    }
}
