using Kamino.Data;
using Kamino.Orders;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Tests.Support;

/// <summary>
/// Orders written straight to the database for the queue, statistics and alert tests (they do not go through the order
/// book): the number from the workspace counter, the tier's promise as given, one line. Linked into Kamino.Host.Tests too.
/// </summary>
public static class OrderSeed
{
    /// <summary>An order of <paramref name="customerId"/> received at <paramref name="received"/> (UTC) with the promise of a tier (name, priority, hours).</summary>
    public static async Task<Order> AddAsync(KaminoDb db, int workspaceId, long customerId, DateTime received, string tier = "Key", int priority = 1, int hours = 24,
        OrderStatus status = OrderStatus.Received, DateTime? fulfilledAt = null, OrderApproval approval = OrderApproval.NotNeeded, string? handler = null, string? createdBy = null)
    {
        received = DateTime.SpecifyKind(received, DateTimeKind.Utc);
        var order = new Order
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Orders, workspaceId),
            CustomerId = customerId,
            Channel = OrderChannel.Phone,
            ReceivedAt = received,
            CreatedAt = received,
            HandlerUserId = handler,
            CreatedByUserId = createdBy,
            Status = status,
            FulfilledAt = fulfilledAt is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : null,
            TierName = tier,
            Priority = priority,
            PromisedHours = hours,
            PromisedAt = received.AddHours(hours),
            DiscountMinPct = 0m,
            DiscountMaxPct = 5m,
            Approval = approval,
            TotalCents = 1000,
            Currency = "EUR",
        };
        db.Orders.Add(order);
        db.OrderLines.Add(new OrderLine { WorkspaceId = workspaceId, OrderId = order.Id, Line = 1, Description = "Scooter rental", Quantity = 1m, UnitPriceCents = 1000, NetCents = 1000 });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return order;
    }

    /// <summary>Changes a stored order as a transition would (status, approval, times), bumping its version.</summary>
    public static async Task UpdateAsync(KaminoDb db, int workspaceId, long number, Action<Order> change)
    {
        var order = await db.Orders.SingleAsync(o => o.WorkspaceId == workspaceId && o.Id == number);
        change(order);
        order.Version++;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
