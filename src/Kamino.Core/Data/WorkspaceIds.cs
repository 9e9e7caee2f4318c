using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>An entity numbered within its workspace: primary key (WorkspaceId, Id).</summary>
public interface IWorkspaceNumbered
{
    int WorkspaceId { get; }

    long Id { get; }
}

/// <summary>Assigns ids within a workspace.</summary>
public static class WorkspaceIds
{
    /// <summary>
    /// The next id of <paramref name="set"/> in the workspace: one more than the largest stored or pending
    /// (added to this context, not yet saved). Two writers racing for the same id collide on the primary key
    /// and the second SaveChanges fails; callers that can race retry.
    /// </summary>
    public static async Task<long> NextIdAsync<T>(this KaminoDb db, DbSet<T> set, int workspaceId, CancellationToken ct = default)
        where T : class, IWorkspaceNumbered
    {
        var stored = await set.Where(e => e.WorkspaceId == workspaceId).MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var pending = db.ChangeTracker.Entries<T>()
            .Where(e => e.State == EntityState.Added && e.Entity.WorkspaceId == workspaceId)
            .Select(e => e.Entity.Id)
            .DefaultIfEmpty(0)
            .Max();
        return Math.Max(stored, pending) + 1;
    }
}
