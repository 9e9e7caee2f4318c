using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Calendar;

/// <summary>Whose feed a token opens: the workspace and the user.</summary>
public sealed record FeedOwner(int WorkspaceId, string WorkspaceSlug, string WorkspaceName, string UserId);

/// <summary>
/// Personal calendar feeds (<see cref="CalendarFeed"/>): one per user per workspace, reached by a secret token of
/// 256 random bits of which only the SHA-256 is stored. A new token replaces the old one; revoking deletes it.
/// Both are audited (entity <c>calendar-feed</c>).
/// </summary>
public static class CalendarFeeds
{
    private const int TokenBytes = 32;

    /// <summary>Makes a new token for the member (the previous one stops working) and returns it: it is never stored.</summary>
    public static async Task<string?> CreateAsync(KaminoDb db, int workspaceId, string userId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await Members.MembershipAsync(db, workspaceId, userId, ct) is null)
        {
            return null;
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.WorkspaceId == workspaceId && f.UserId == userId, ct);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed { WorkspaceId = workspaceId, UserId = userId, TokenHash = Invitations.HashToken(token), CreatedAt = clock.GetUtcNow() });
        }
        else
        {
            feed.TokenHash = Invitations.HashToken(token);
            feed.CreatedAt = clock.GetUtcNow();
        }

        await AuditLog.AddAsync(db, workspaceId, userId, "calendar-feed", userId, feed is null ? "created" : "regenerated",
            AuditText.Of(feed is null ? "calendar.created" : "calendar.replaced"), null, clock, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (feed is null)
        {
            // The member's feed was made by another request at the same moment (two taps): replace that one instead,
            // so the address this call returns is the one that works.
            db.ChangeTracker.Clear();
            return await CreateAsync(db, workspaceId, userId, clock, ct);
        }

        return token;
    }

    /// <summary>Deletes the member's feed; false when there was none.</summary>
    public static async Task<bool> RevokeAsync(KaminoDb db, int workspaceId, string userId, TimeProvider clock, CancellationToken ct = default)
    {
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.WorkspaceId == workspaceId && f.UserId == userId, ct);
        if (feed is null)
        {
            return false;
        }

        db.CalendarFeeds.Remove(feed);
        await AuditLog.AddAsync(db, workspaceId, userId, "calendar-feed", userId, "revoked", AuditText.Of("calendar.revoked"), null, clock, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>When the member's current feed was made; null when they have none.</summary>
    public static Task<DateTimeOffset?> CreatedAtAsync(KaminoDb db, int workspaceId, string userId, CancellationToken ct = default) =>
        db.CalendarFeeds.AsNoTracking().Where(f => f.WorkspaceId == workspaceId && f.UserId == userId).Select(f => (DateTimeOffset?)f.CreatedAt).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Whose feed <paramref name="token"/> opens; null for an unknown or revoked token, or a user who is disabled or
    /// no longer a member. Looked up by its hash (never by the token), compared in constant time.
    /// </summary>
    public static async Task<FeedOwner?> FindAsync(KaminoDb db, string token, CancellationToken ct = default)
    {
        if (token.Length is 0 or > 100)
        {
            return null;
        }

        var hash = Invitations.HashToken(token);
        var found = await (
            from f in db.CalendarFeeds.AsNoTracking()
            where f.TokenHash == hash
            join w in db.Workspaces.AsNoTracking() on f.WorkspaceId equals w.Id
            join u in db.Users.AsNoTracking() on f.UserId equals u.Id
            where u.DisabledAt == null
            select new { f.TokenHash, Owner = new FeedOwner(w.Id, w.Slug, w.Name, f.UserId) }).FirstOrDefaultAsync(ct);
        return found is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(found.TokenHash)) ? found.Owner : null;
    }
}
