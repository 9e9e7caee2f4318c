using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Audit;

/// <summary>Appends audit entries. Call inside the unit of work that makes the change, before SaveChanges.</summary>
public static class AuditLog
{
    /// <summary>Adds an entry to <paramref name="db"/> (saved with the change it records).</summary>
    public static async Task AddAsync(KaminoDb db, int workspaceId, string? userId, string entity, string entityId, string action, string summary, long? customerId, TimeProvider clock, CancellationToken ct = default)
    {
        var id = await db.NextIdAsync(db.AuditEntries, workspaceId, ct);
        db.AuditEntries.Add(new AuditEntry
        {
            WorkspaceId = workspaceId,
            Id = id,
            At = clock.GetUtcNow(),
            UserId = userId,
            Entity = entity,
            EntityId = entityId,
            CustomerId = customerId,
            Action = action,
            Summary = summary.Length > 1000 ? summary[..1000] : summary,
        });
    }

    /// <summary>A workspace's entries, newest first; of one account when <paramref name="customerId"/> is given.</summary>
    public static IQueryable<AuditEntry> For(KaminoDb db, int workspaceId, long? customerId = null)
    {
        var q = db.AuditEntries.AsNoTracking().Where(a => a.WorkspaceId == workspaceId);
        if (customerId is { } c)
        {
            q = q.Where(a => a.CustomerId == c);
        }

        return q.OrderByDescending(a => a.Id);
    }
}
