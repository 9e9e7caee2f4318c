using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kamino.Data;

/// <summary>An entity numbered within its workspace: primary key (WorkspaceId, Id).</summary>
public interface IWorkspaceNumbered
{
    int WorkspaceId { get; }

    long Id { get; }
}

/// <summary>
/// The last id handed out for one table of one workspace (<c>workspace_counter</c>, key
/// (<c>workspace_id</c>, <c>name</c>) where the name is the table's). Ids stay per workspace, so a workspace's rows can
/// still be distributed together; the row is created on first use from the table's highest stored id.
/// </summary>
public sealed class WorkspaceCounter
{
    public int WorkspaceId { get; set; }

    public required string Name { get; set; }

    public long LastId { get; set; }
}

/// <summary>
/// Assigns ids within a workspace from <see cref="WorkspaceCounter"/> rows, with one atomic statement on the
/// context's own connection (and transaction, when it has one): two writers at once never get the same id.
/// An id whose row is then not saved is simply never used (gaps are fine, duplicates are not).
/// </summary>
public static class WorkspaceIds
{
    /// <summary>A new id of <paramref name="set"/> in the workspace.</summary>
    public static Task<long> NextIdAsync<T>(this KaminoDb db, DbSet<T> set, int workspaceId, CancellationToken ct = default)
        where T : class, IWorkspaceNumbered =>
        db.ReserveIdsAsync(set, workspaceId, 1, ct);

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive new ids of <paramref name="set"/> in the workspace and returns
    /// the last: the range is <c>last - count + 1 … last</c>. Inside a transaction on PostgreSQL the counter row stays
    /// locked until it ends, so a long transaction reserves as late as it can.
    /// </summary>
    public static async Task<long> ReserveIdsAsync<T>(this KaminoDb db, DbSet<T> set, int workspaceId, int count, CancellationToken ct = default)
        where T : class, IWorkspaceNumbered
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var table = set.EntityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table");
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // The same statement on SQLite (3.35+) and PostgreSQL. The first use in a workspace starts from the
            // highest stored id, so databases from before the counter continue where they were.
            command.CommandText = $"""
                INSERT INTO workspace_counter (workspace_id, name, last_id)
                VALUES (@workspace, @name, (SELECT COALESCE(MAX(id), 0) FROM {table} WHERE workspace_id = @workspace) + @count)
                ON CONFLICT (workspace_id, name) DO UPDATE SET last_id = workspace_counter.last_id + @count
                RETURNING last_id
                """;
            Add(command, "workspace", workspaceId);
            Add(command, "name", table);
            Add(command, "count", (long)count);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
