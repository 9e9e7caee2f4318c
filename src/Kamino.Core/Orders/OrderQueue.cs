using Kamino.SignIn;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Orders;

/// <summary>
/// One order in the queue (JSON as the CLI and the API print it). <see cref="CustomerId"/> is the customer's key (tax id
/// or the source's customer id); <see cref="Late"/> is true when the order is past its promised time at the moment the
/// queue was read, by <see cref="LateMinutes"/> minutes (0 when not late).
/// </summary>
/// <param name="Handler">The handler's name (else email); null when nobody has taken the order.</param>
public sealed record QueuedOrder(long Number, string CustomerId, string CustomerName, string Tier, int Priority, OrderStatus Status, DateTimeOffset ReceivedAt,
    DateTimeOffset PromisedAt, string? Handler, long TotalCents, string Currency, bool Late, int LateMinutes);

/// <summary>One page of the queue: <see cref="Total"/> open orders in all, <see cref="Late"/> of them late, and the <see cref="Orders"/> from <see cref="Offset"/>.</summary>
public sealed record OrderQueuePage(DateTimeOffset At, int Total, int Late, int Offset, int Limit, IReadOnlyList<QueuedOrder> Orders);

/// <summary>
/// The order queue (PRODUCT.md §3, Tier policy): the open orders (received or in progress) that do not wait for a
/// discount decision, by tier priority (1 first), then promised time, then received time, then number. The order is
/// written once, as <see cref="InQueueOrder"/> over an <see cref="IQueryable{T}"/>: the database sorts a page with it,
/// and the rule's tests sort lists in memory with the very same expression.
/// </summary>
public static class OrderQueue
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    /// <summary>The orders the queue holds: received or in progress, and not pending approval (those are in the approvals inbox).</summary>
    public static IQueryable<Order> Queued(this IQueryable<Order> orders) =>
        orders.Where(o => (o.Status == OrderStatus.Received || o.Status == OrderStatus.InProgress) && o.Approval != OrderApproval.Pending);

    /// <summary>Priority (1 = highest) first, then the earliest promised time, then the earliest received time, then the number.</summary>
    public static IOrderedQueryable<Order> InQueueOrder(this IQueryable<Order> orders) =>
        orders.OrderBy(o => o.Priority).ThenBy(o => o.PromisedAt).ThenBy(o => o.ReceivedAt).ThenBy(o => o.Id);

    /// <summary>Whether an open order is late at <paramref name="now"/>: strictly past its promised time.</summary>
    public static bool IsLate(DateTime promisedAt, DateTime now) => now > promisedAt;

    /// <summary>How late an order is at <paramref name="now"/> in whole minutes (rounded down); 0 when not late.</summary>
    public static int LateMinutes(DateTime promisedAt, DateTime now) => IsLate(promisedAt, now) ? (int)Math.Floor((now - promisedAt).TotalMinutes) : 0;

    /// <summary>Clamps a requested page: a limit of 1 to <see cref="MaxLimit"/> (null: <see cref="DefaultLimit"/>), an offset of 0 or more.</summary>
    public static (int Offset, int Limit) Page(int? offset, int? limit) =>
        (Math.Max(0, offset ?? 0), Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit));

    /// <summary>
    /// The page of the workspace's queue from <paramref name="offset"/> (at most <paramref name="limit"/> orders, see
    /// <see cref="Page"/>), each judged late or not at <paramref name="now"/> (UTC).
    /// </summary>
    public static async Task<OrderQueuePage> PageAsync(KaminoDb db, int workspaceId, DateTime now, int? offset = null, int? limit = null, CancellationToken ct = default)
    {
        now = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        var (skip, take) = Page(offset, limit);
        var queued = db.Orders.AsNoTracking().Where(o => o.WorkspaceId == workspaceId).Queued();
        var total = await queued.CountAsync(ct);
        var late = await queued.CountAsync(o => o.PromisedAt < now, ct);
        var rows = await queued.InQueueOrder().Skip(skip).Take(take)
            .Join(db.Customers.Where(c => c.WorkspaceId == workspaceId), o => o.CustomerId, c => c.Id, (o, c) => new { Order = o, c.Key, c.Name })
            .ToListAsync(ct);

        // The join keeps the page's order on both engines only by chance: sort the page again by the same rule.
        var byNumber = rows.ToDictionary(r => r.Order.Id);
        var ordered = rows.Select(r => r.Order).AsQueryable().InQueueOrder().Select(o => byNumber[o.Id]).ToList();
        var handlerIds = ordered.Select(r => r.Order.HandlerUserId).OfType<string>().Distinct().ToList();
        var handlers = handlerIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => handlerIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => KaminoUser.NameOf(u.DisplayName, u.Email, u.Id), StringComparer.Ordinal, ct);
        var orders = ordered.Select(r => new QueuedOrder(r.Order.Id, r.Key, r.Name, r.Order.TierName, r.Order.Priority, r.Order.Status,
                Utc(r.Order.ReceivedAt), Utc(r.Order.PromisedAt), r.Order.HandlerUserId is { } h ? handlers.GetValueOrDefault(h, h) : null,
                r.Order.TotalCents, r.Order.Currency, IsLate(r.Order.PromisedAt, now), LateMinutes(r.Order.PromisedAt, now)))
            .ToList();
        return new OrderQueuePage(Utc(now), total, late, skip, take, orders);
    }

    /// <summary>A stored UTC time as the DTOs give it.</summary>
    public static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
