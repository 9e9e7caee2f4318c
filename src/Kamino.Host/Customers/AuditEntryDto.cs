using System.Linq.Expressions;
using Kamino.Audit;

namespace Kamino.Host.Customers;

/// <summary>One audit entry as the API returns it (the fields of <see cref="AuditEntry"/>; a null user is the system).</summary>
public sealed record AuditEntryDto(
    int WorkspaceId,
    long Id,
    DateTimeOffset At,
    string? UserId,
    string Entity,
    string EntityId,
    long? CustomerId,
    string Action,
    string Summary)
{
    /// <summary>The projection, run by the database.</summary>
    public static readonly Expression<Func<AuditEntry, AuditEntryDto>> FromEntry = a => new AuditEntryDto(
        a.WorkspaceId, a.Id, a.At, a.UserId, a.Entity, a.EntityId, a.CustomerId, a.Action, a.Summary);
}
