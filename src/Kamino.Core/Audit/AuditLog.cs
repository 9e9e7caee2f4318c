using System.Globalization;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Audit;

/// <summary>Appends audit entries. Call inside the unit of work that makes the change, before SaveChanges.</summary>
public static class AuditLog
{
    /// <summary>
    /// Adds an entry to <paramref name="db"/> (saved with the change it records): its sentence key and values, worded
    /// when read (<see cref="AuditWords"/>), and the same sentence in English as recorded.
    /// </summary>
    public static async Task AddAsync(KaminoDb db, int workspaceId, string? userId, string entity, string entityId, string action, AuditText text, long? customerId, TimeProvider clock, CancellationToken ct = default)
    {
        var summary = AuditWords.Word(text, CultureInfo.InvariantCulture);
        var (key, args) = AuditWords.Store(text);
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
            SummaryKey = key.Length > 200 ? null : key,
            SummaryArgs = args.Length > 4000 || key.Length > 200 ? null : args,
        });
    }

    /// <summary>
    /// Names people as audit entries record them (user id or email) for <see cref="AuditWords.Summary"/>: the
    /// workspace's members by name; null for anyone else (said as recorded).
    /// </summary>
    public static async Task<Func<string, string?>> PeopleAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in await People.Members.ListAsync(db, workspaceId, ct))
        {
            var name = string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email : m.DisplayName;
            names[m.UserId] = name;
            names.TryAdd(m.Email, name);
        }

        return recorded => names.GetValueOrDefault(recorded);
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
