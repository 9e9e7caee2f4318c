using System.Globalization;
using System.Text.Json;
using Kamino.Audit;

namespace Kamino.Host.Customers;

/// <summary>
/// One audit entry as the API returns it (the fields of <see cref="AuditEntry"/>; a null user is the system):
/// <see cref="Summary"/> as recorded in English, its sentence key and values (null on entries written before keys) and
/// <see cref="Text"/>, the sentence in the request's language with members by name.
/// </summary>
public sealed record AuditEntryDto(
    int WorkspaceId,
    long Id,
    DateTimeOffset At,
    string? UserId,
    string Entity,
    string EntityId,
    long? CustomerId,
    string Action,
    string Summary,
    string? SummaryKey,
    IReadOnlyList<string>? SummaryArgs,
    string Text)
{
    public static AuditEntryDto Of(AuditEntry a, CultureInfo c, Func<string, string?> people) => new(
        a.WorkspaceId, a.Id, a.At, a.UserId, a.Entity, a.EntityId, a.CustomerId, a.Action, a.Summary, a.SummaryKey,
        a.SummaryArgs is null ? null : JsonSerializer.Deserialize<string[]>(a.SummaryArgs), AuditWords.Summary(a, c, people));
}
