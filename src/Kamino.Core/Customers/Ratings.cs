using System.Globalization;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

/// <summary>One rating as shown: the current one per criterion, or an entry of the history.</summary>
/// <param name="UserEmail">Who rated; null for the system.</param>
public sealed record RatingDto(long Id, string CriterionKey, int Value, string? Note, string? UserId, string? UserEmail, DateTimeOffset At);

/// <summary>
/// Rating customers 0–5 on the workspace's criteria (PRODUCT.md §3). Each rating appends a <see cref="Rating"/>
/// row; the current rating of a criterion is the latest, earlier ones stay as history.
/// Who may rate (<see cref="Permission.Rate"/>): a Director or Lead KAM any customer, a KAM the customers
/// whose account team they are on (<see cref="MayRate"/>).
/// </summary>
public static class Ratings
{
    public const int MaxValue = 5;
    public const int MaxNoteLength = 1000;

    /// <summary>Whether a member of <paramref name="role"/> may rate a customer, knowing if they are on its account team.</summary>
    public static bool MayRate(Role role, bool onAccountTeam) =>
        Permissions.Allows(role, Permission.Rate) && (role is not Role.Kam || onAccountTeam);

    /// <summary>
    /// Records the ratings (criterion key → 0..5) of a customer, all with the same note, in one save; the
    /// first problem refuses them all. <paramref name="userId"/> null is the system.
    /// </summary>
    public static async Task<ChangeResult> RateAsync(KaminoDb db, int workspaceId, long customerId, IReadOnlyDictionary<string, int> ratings, string? note, string? userId,
        TimeProvider clock, CancellationToken ct = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (ratings.Count == 0)
        {
            return ChangeResult.Invalid(Said.Of("rating.nothing-given"));
        }

        if (ratings.FirstOrDefault(r => r.Value is < 0 or > MaxValue) is { Key: not null } bad)
        {
            return ChangeResult.Invalid(Said.Of("rating.out-of-range", bad.Key, MaxValue, bad.Value));
        }

        if (note is { Length: > MaxNoteLength })
        {
            return ChangeResult.Invalid(Said.Of("rating.note-too-long", MaxNoteLength));
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Id == customerId, ct);
        if (customer is null)
        {
            return ChangeResult.NotFound(Said.Of("customer.not-found"));
        }

        if (userId is not null)
        {
            var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
            var onTeam = await db.AccountTeamMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.CustomerId == customerId && m.UserId == userId, ct);
            if (member is null || !MayRate(member.Role, onTeam))
            {
                return ChangeResult.Forbidden(member is null ? Said.Of("member.not-member")
                    : member.Role is Role.Kam ? Said.Of("rating.kam-not-on-team", customer.Key)
                    : Said.Of("rating.role-may-not", member.Role));
            }
        }

        var criteria = await Criteria.ListAsync(db, workspaceId, ct);
        if (ratings.Keys.FirstOrDefault(k => criteria.All(c => c.Key != k)) is { } unknown)
        {
            return ChangeResult.Invalid(Said.Of("rating.no-criterion", unknown, string.Join(", ", criteria.Select(c => c.Key))));
        }

        await Criteria.EnsureStoredAsync(db, workspaceId, ct);
        var at = clock.GetUtcNow();
        foreach (var key in criteria.Select(c => c.Key).Where(ratings.ContainsKey))
        {
            db.Ratings.Add(new Rating
            {
                WorkspaceId = workspaceId,
                Id = await db.NextIdAsync(db.Ratings, workspaceId, ct),
                CustomerId = customerId,
                CriterionKey = key,
                Value = ratings[key],
                Note = note,
                UserId = userId,
                At = at,
            });
        }

        var rated = string.Join(", ", criteria.Where(c => ratings.ContainsKey(c.Key)).Select(c => $"{c.Key}={ratings[c.Key].ToString(CultureInfo.InvariantCulture)}"));
        var summary = note is null ? AuditText.Of("rating.rated", customer.Key, rated) : AuditText.Of("rating.rated-note", customer.Key, rated, note);
        await AuditLog.AddAsync(db, workspaceId, userId, "rating", customer.Key, "rated", summary, customerId, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>The current rating per criterion of the customers (customer id → criterion key → value).</summary>
    public static async Task<Dictionary<long, IReadOnlyDictionary<string, int>>> CurrentValuesAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var latest = await db.Ratings.AsNoTracking()
            .Where(r => r.WorkspaceId == workspaceId
                && !db.Ratings.Any(n => n.WorkspaceId == workspaceId && n.CustomerId == r.CustomerId && n.CriterionKey == r.CriterionKey && n.Id > r.Id))
            .Select(r => new { r.CustomerId, r.CriterionKey, r.Value })
            .ToListAsync(ct);
        return latest.GroupBy(r => r.CustomerId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(r => r.CriterionKey, r => r.Value, StringComparer.Ordinal));
    }

    /// <summary>Every rating of a customer, newest first (the first per criterion is the current one).</summary>
    public static async Task<IReadOnlyList<RatingDto>> HistoryAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct = default) =>
        await (from r in db.Ratings.AsNoTracking()
               where r.WorkspaceId == workspaceId && r.CustomerId == customerId
               join u in db.Users.AsNoTracking() on r.UserId equals u.Id into users
               from u in users.DefaultIfEmpty()
               orderby r.Id descending
               select new RatingDto(r.Id, r.CriterionKey, r.Value, r.Note, r.UserId, u != null ? u.Email : null, r.At)).ToListAsync(ct);
}
