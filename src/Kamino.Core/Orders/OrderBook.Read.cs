using System.Globalization;
using Kamino.Activities;
using Kamino.Customers;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Orders;

/// <summary>Reading orders back: one, a page of a list, the approvals a member may decide, an order's history.</summary>
public static partial class OrderBook
{
    /// <summary>The order with that number in the workspace, or null.</summary>
    public static async Task<OrderDto?> GetAsync(KaminoDb db, int workspaceId, long number, CancellationToken ct = default) =>
        (await DtosAsync(db, workspaceId, db.Orders.AsNoTracking().Where(o => o.WorkspaceId == workspaceId && o.Id == number), ct)).SingleOrDefault();

    /// <summary>A page of the workspace's orders, newest number first, filtered by status and customer.</summary>
    public static Task<IReadOnlyList<OrderDto>> ListAsync(KaminoDb db, int workspaceId, OrderFilter filter, CancellationToken ct = default)
    {
        var query = db.Orders.AsNoTracking().Where(o => o.WorkspaceId == workspaceId);
        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (filter.CustomerId is { } customerId)
        {
            query = query.Where(o => o.CustomerId == customerId);
        }

        var take = Math.Clamp(filter.Take, 1, OrderFilter.MaxTake);
        return DtosAsync(db, workspaceId, query.OrderByDescending(o => o.Id).Skip(Math.Max(0, filter.Skip)).Take(take), ct);
    }

    /// <summary>
    /// The orders waiting for a discount decision that <paramref name="userId"/> may take (<see cref="Permissions.MayApproveOrder"/>),
    /// oldest first: a Director's are all but their own; a Lead KAM's those in their scope; nobody else has any.
    /// </summary>
    public static async Task<IReadOnlyList<OrderDto>> ApprovalsForAsync(KaminoDb db, int workspaceId, string userId, CancellationToken ct = default)
    {
        var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
        if (member is null || !Permissions.Allows(member.Role, Permission.ApproveDiscounts))
        {
            return [];
        }

        var pending = await DtosAsync(db, workspaceId, db.Orders.AsNoTracking()
            .Where(o => o.WorkspaceId == workspaceId && o.Approval == OrderApproval.Pending && (o.Status == OrderStatus.Received || o.Status == OrderStatus.InProgress))
            .OrderBy(o => o.Id), ct);
        var mine = new List<OrderDto>();
        foreach (var order in pending)
        {
            if (Permissions.MayApproveOrder(member.Role, userId, await OwnerAsync(db, workspaceId, order.CustomerId, ct), order.CreatedByUserId))
            {
                mine.Add(order);
            }
        }

        return mine;
    }

    /// <summary>Every change of the order (its audit entries), oldest first; empty for an order of another workspace.</summary>
    public static Task<IReadOnlyList<OrderEvent>> HistoryAsync(KaminoDb db, int workspaceId, long number, CancellationToken ct = default) =>
        HistoryAsync(db, workspaceId, number, null, ct);

    /// <summary>
    /// Every change of the order, oldest first, each also said in <paramref name="culture"/>'s language
    /// (<see cref="OrderEvent.Text"/>, members by name; null for an entry written before audit sentences had keys,
    /// which only has its English <see cref="OrderEvent.Summary"/>).
    /// </summary>
    public static async Task<IReadOnlyList<OrderEvent>> HistoryAsync(KaminoDb db, int workspaceId, long number, CultureInfo? culture, CancellationToken ct = default)
    {
        var id = number.ToString(CultureInfo.InvariantCulture);
        var rows = await (from a in db.AuditEntries.AsNoTracking()
                          where a.WorkspaceId == workspaceId && a.Entity == "order" && a.EntityId == id
                          join u in db.Users.AsNoTracking() on a.UserId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          orderby a.Id
                          select new { Entry = a, Name = u != null ? u.DisplayName : null, Email = u != null ? u.Email : null })
            .ToListAsync(ct);
        var people = culture is null ? null : await Audit.AuditLog.PeopleAsync(db, workspaceId, ct);
        return rows.Select(r => new OrderEvent(r.Entry.At, r.Entry.UserId is null ? null : ActivityLog.PersonName(r.Name, r.Email) ?? r.Entry.UserId, r.Entry.Action,
            r.Entry.Summary, culture is null || !Audit.AuditWords.IsWorded(r.Entry) ? null : Audit.AuditWords.Summary(r.Entry, culture, people))).ToList();
    }

    private static async Task<IReadOnlyList<OrderDto>> DtosAsync(KaminoDb db, int workspaceId, IQueryable<Order> query, CancellationToken ct)
    {
        var rows = await (from o in query
                          join c in db.Customers.AsNoTracking() on new { o.WorkspaceId, Id = o.CustomerId } equals new { c.WorkspaceId, c.Id }
                          select new { Order = o, c.Key, c.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.Order.Id).ToList();
        var lines = (await db.OrderLines.AsNoTracking().Where(l => l.WorkspaceId == workspaceId && ids.Contains(l.OrderId)).ToListAsync(ct))
            .ToLookup(l => l.OrderId);
        var people = rows.SelectMany(r => new[] { r.Order.HandlerUserId, r.Order.CreatedByUserId, r.Order.DecidedByUserId })
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = (await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => ActivityLog.PersonName(u.DisplayName, u.Email) ?? u.Id, StringComparer.Ordinal);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id, id);

        return rows.Select(r =>
        {
            var o = r.Order;
            var min = KeyAccounts.Normal(o.DiscountMinPct);
            var max = KeyAccounts.Normal(o.DiscountMaxPct);
            return new OrderDto(
                o.Id, o.CustomerId, r.Key, r.Name, o.TierName, o.Status, o.Priority, Utc(o.PromisedAt), Utc(o.ReceivedAt), Utc(o.StartedAt), Utc(o.FulfilledAt),
                Utc(o.CancelledAt), o.CancelReason, o.Channel, o.RequestedOn, o.Notes, o.HandlerUserId, Name(o.HandlerUserId), o.CreatedByUserId, Name(o.CreatedByUserId),
                lines[o.Id].OrderBy(l => l.Line).Select(l => new OrderLineDto(l.Line, l.ProductCode, l.Description, KeyAccounts.Normal(l.Quantity), l.UnitPriceCents,
                    KeyAccounts.Normal(l.DiscountPct), l.NetCents, OrderRules.InRange(l.DiscountPct, min, max))).ToList(),
                o.TotalCents, o.Currency, o.Approval == OrderApproval.Pending && OrderRules.IsOpen(o.Status), o.Approval, min, max, Name(o.DecidedByUserId), Utc(o.DecidedAt), o.DecisionReason, o.Version);
        }).ToList();
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? Utc(v) : null;
}
