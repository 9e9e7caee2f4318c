namespace Kamino.Calendar;

/// <summary>
/// A user's personal iCal feed in one workspace, reached at a secret URL: only the SHA-256 of its token is stored;
/// revoking deletes the row (a new token makes a new one).
/// </summary>
public sealed class CalendarFeed
{
    public int WorkspaceId { get; set; }

    public required string UserId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
