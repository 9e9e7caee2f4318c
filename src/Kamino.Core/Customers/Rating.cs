using Kamino.Data;

namespace Kamino.Customers;

/// <summary>
/// One rating 0–5 of a customer on a criterion, with who gave it and when. Append-only: the current rating
/// of a customer × criterion is the latest row (highest <see cref="Id"/>); earlier rows are its history.
/// </summary>
public sealed class Rating : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public long CustomerId { get; set; }

    public required string CriterionKey { get; set; }

    /// <summary>0 (nothing) to 5 (outstanding).</summary>
    public int Value { get; set; }

    public string? Note { get; set; }

    /// <summary>Who rated; null for the system (a CLI run without <c>--user</c>).</summary>
    public string? UserId { get; set; }

    public DateTimeOffset At { get; set; }
}
