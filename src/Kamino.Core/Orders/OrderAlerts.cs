using System.Globalization;
using Kamino.Accounts;
using Kamino.Alerts;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Orders;

/// <summary>An open or pending order as the order alerts read it.</summary>
public sealed record AlertingOrder(long Number, long CustomerId, string CustomerKey, string CustomerName, DateTime ReceivedAt, DateTime PromisedAt, OrderApproval Approval,
    string? HandlerUserId, string? CreatedByUserId);

/// <summary>
/// The alerts orders raise (PRODUCT.md §3, Alerts), for the alerts list (<see cref="AlertsQuery"/>):
/// <c>orderLate</c>, an order still open (received, in progress or pending approval) past its promised time, and
/// <c>discountApproval</c>, an order waiting for a discount decision. Like every alert they are judged per day: an
/// order is late on a day when its promised time passed before the day began (the queue itself flags lateness to the
/// minute). A fulfilled or cancelled order raises nothing; a decided one no longer raises discountApproval.
/// </summary>
public static class OrderAlerts
{
    /// <summary>The moment a day's alerts are judged at: the start of the day (UTC).</summary>
    public static DateTime MomentOf(DateOnly today) => today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The address of an order's page.</summary>
    public static string Link(string workspaceSlug, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"/w/{Uri.EscapeDataString(workspaceSlug)}/orders/{number}");

    /// <summary>The orderLate alert of <paramref name="order"/> on <paramref name="today"/>, or null when it is not late then.</summary>
    public static Alert? Late(AlertingOrder order, string workspaceSlug, DateOnly today)
    {
        var moment = MomentOf(today);
        if (!OrderQueue.IsLate(order.PromisedAt, moment))
        {
            return null;
        }

        var hours = (int)Math.Floor((moment - order.PromisedAt).TotalHours);
        var promised = order.PromisedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Alert(AlertKind.OrderLate, order.CustomerKey, order.CustomerName,
            string.Create(CultureInfo.InvariantCulture, $"Order {order.Number} of {order.CustomerName} promised by {promised} UTC is {hours} h late (at the start of {day})"),
            DateOnly.FromDateTime(order.PromisedAt).AddDays(1), Link(workspaceSlug, order.Number), KeyOf(AlertKind.OrderLate, order), "promised " + promised,
            new AlertFigures(Order: order.Number, Hours: hours, At: OrderQueue.Utc(order.PromisedAt), On: today), order.CustomerId);
    }

    /// <summary>The discountApproval alert of a pending order (null for any other): since the day it was received.</summary>
    public static Alert? Approval(AlertingOrder order, string workspaceSlug)
    {
        if (order.Approval != OrderApproval.Pending)
        {
            return null;
        }

        var received = order.ReceivedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new Alert(AlertKind.DiscountApproval, order.CustomerKey, order.CustomerName,
            string.Create(CultureInfo.InvariantCulture, $"Order {order.Number} of {order.CustomerName} has a discount outside its tier's range: it waits for approval"),
            DateOnly.FromDateTime(order.ReceivedAt), Link(workspaceSlug, order.Number), KeyOf(AlertKind.DiscountApproval, order), "received " + received,
            new AlertFigures(Order: order.Number, At: OrderQueue.Utc(order.ReceivedAt)), order.CustomerId);
    }

    /// <summary>An order alert's key: kind, account id and order number (<c>orderLate:12:345</c>).</summary>
    public static string KeyOf(AlertKind kind, AlertingOrder order) =>
        string.Create(CultureInfo.InvariantCulture, $"{AlertRules.KeyOf(kind, order.CustomerId)}:{order.Number}");

    /// <summary>
    /// The order alerts <paramref name="userId"/> sees on <paramref name="today"/>. orderLate: every late order when
    /// <paramref name="inScope"/> is null (the workspace), else those of the accounts in it and those the user handles or
    /// entered. discountApproval, in every scope: the pending orders the user may approve
    /// (<see cref="Permissions.MayApproveOrder"/>) or handles or entered; an empty <paramref name="userId"/> (the CLI without
    /// --user) sees them all. <paramref name="onlyAccount"/> keeps one account's.
    /// </summary>
    public static async Task<IReadOnlyList<Alert>> DeriveAsync(KaminoDb db, int workspaceId, string workspaceSlug, IReadOnlyCollection<long>? inScope, string userId,
        DateOnly today, long? onlyAccount, CancellationToken ct = default)
    {
        var moment = MomentOf(today);
        var query = db.Orders.AsNoTracking()
            .Where(o => o.WorkspaceId == workspaceId && (o.Status == OrderStatus.Received || o.Status == OrderStatus.InProgress)
                && (o.PromisedAt < moment || o.Approval == OrderApproval.Pending));
        if (onlyAccount is { } only)
        {
            query = query.Where(o => o.CustomerId == only);
        }

        var orders = await query
            .Join(db.Customers.Where(c => c.WorkspaceId == workspaceId), o => o.CustomerId, c => c.Id,
                (o, c) => new AlertingOrder(o.Id, o.CustomerId, c.Key, c.Name, o.ReceivedAt, o.PromisedAt, o.Approval, o.HandlerUserId, o.CreatedByUserId))
            .ToListAsync(ct);
        if (orders.Count == 0)
        {
            return [];
        }

        bool Mine(AlertingOrder o) => o.HandlerUserId == userId || o.CreatedByUserId == userId;
        var alerts = orders.Where(o => inScope is null || inScope.Contains(o.CustomerId) || Mine(o))
            .Select(o => Late(o, workspaceSlug, today)).OfType<Alert>().ToList();

        var pending = orders.Where(o => o.Approval == OrderApproval.Pending).ToList();
        if (pending.Count > 0)
        {
            var role = (await Members.MembershipAsync(db, workspaceId, userId, ct))?.Role;
            var owners = role is null ? [] : await OwnersAsync(db, workspaceId, pending.Select(o => o.CustomerId).Distinct().ToList(), ct);
            alerts.AddRange(pending
                .Where(o => userId.Length == 0 || Mine(o) || (role is { } r && Permissions.MayApproveOrder(r, userId, owners.GetValueOrDefault(o.CustomerId), o.CreatedByUserId)))
                .Select(o => Approval(o, workspaceSlug)).OfType<Alert>());
        }

        return alerts;
    }

    private static async Task<Dictionary<long, AccountOwner>> OwnersAsync(KaminoDb db, int workspaceId, List<long> customerIds, CancellationToken ct) =>
        await (from t in db.AccountTeamMembers.AsNoTracking()
               where t.WorkspaceId == workspaceId && t.IsOwner && customerIds.Contains(t.CustomerId)
               join m in db.Memberships.AsNoTracking() on new { t.WorkspaceId, t.UserId } equals new { m.WorkspaceId, m.UserId }
               select new { t.CustomerId, Owner = new AccountOwner(m.UserId, m.Role, m.SupervisorUserId) })
            .ToDictionaryAsync(x => x.CustomerId, x => x.Owner, ct);
}
