using System.Globalization;
using Kamino.SignIn;
using Kamino.Accounts;
using Kamino.Audit;
using Kamino.Customers;
using Kamino.Data;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Orders;

/// <summary>
/// Entering orders and moving them along (issue 14): create, start, fulfil, cancel, approve or reject a discount. Each
/// change is made from the <see cref="Order.Version"/> its author saw: a stale one is refused as a conflict and nothing
/// is applied. Every change writes an audit entry (entity <c>order</c>, the number, the customer) with who and from → to,
/// and the notifications it causes, in one transaction. An <c>actorUserId</c> of null is the system (the CLI), which may
/// enter and move orders but never decide on a discount.
/// </summary>
public static partial class OrderBook
{
    /// <summary>
    /// Enters an order for the customer, numbered next in the workspace, with the promise of the customer's tier
    /// (<see cref="OrderRules.TierFor"/>). A line outside the tier's discount range makes it wait for approval: the
    /// members who may decide (<see cref="Permissions.MayApproveOrder"/>) are notified.
    /// </summary>
    public static async Task<OrderResult> CreateAsync(KaminoDb db, int workspaceId, long customerId, NewOrder input, string? actorUserId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Id == customerId, ct);
        if (customer is null)
        {
            return OrderResult.Refused(OrderOutcome.NotFound, "customer", Said.Of("order.no-customer"));
        }

        if (await HandleRefusalAsync(db, workspaceId, customer, actorUserId, ct) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var problems = OrderRules.Validate(input, now).ToList();
        if (input.HandlerUserId is { } handler && await Members.MembershipAsync(db, workspaceId, handler, ct) is null)
        {
            problems.Add(new("handlerUserId", Said.Of("order.handler-not-member")));
        }

        if (problems.Count > 0)
        {
            return new OrderResult(OrderOutcome.Invalid, null, problems);
        }

        var promise = await PromiseForAsync(db, workspaceId, customer, ct);
        var receivedAt = (input.ReceivedAt ?? now).UtcDateTime;
        var lines = input.Lines.Select((l, i) => new OrderLine
        {
            WorkspaceId = workspaceId,
            Line = i + 1,
            ProductCode = string.IsNullOrWhiteSpace(l.ProductCode) ? null : l.ProductCode.Trim(),
            Description = l.Description.Trim(),
            Quantity = l.Quantity,
            UnitPriceCents = l.UnitPriceCents,
            DiscountPct = l.DiscountPct,
            NetCents = OrderRules.LineNetCents(l.Quantity, l.UnitPriceCents, l.DiscountPct),
        }).ToList();
        var pending = OrderRules.NeedsApproval(lines.Select(l => l.DiscountPct), promise);
        var currency = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Currency).FirstAsync(ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var order = new Order
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Orders, workspaceId, ct),
            CustomerId = customer.Id,
            Channel = input.Channel,
            ReceivedAt = receivedAt,
            RequestedOn = input.RequestedOn,
            Notes = input.Notes?.Trim() ?? "",
            HandlerUserId = input.HandlerUserId,
            CreatedByUserId = actorUserId,
            CreatedAt = now.UtcDateTime,
            Status = OrderStatus.Received,
            TierName = promise.TierName,
            Priority = promise.Priority,
            PromisedHours = promise.PromisedHours,
            PromisedAt = receivedAt.AddHours(promise.PromisedHours),
            DiscountMinPct = promise.DiscountMinPct,
            DiscountMaxPct = promise.DiscountMaxPct,
            Approval = pending ? OrderApproval.Pending : OrderApproval.NotNeeded,
            TotalCents = OrderRules.TotalCents(lines.Select(l => l.NetCents)),
            Currency = currency,
            Version = 1,
        };
        lines.ForEach(l => l.OrderId = order.Id);
        db.Orders.Add(order);
        db.OrderLines.AddRange(lines);
        var inv = CultureInfo.InvariantCulture;
        await AuditAsync(db, order, actorUserId, "create",
            AuditText.Of("order.created", order.Id, customer.Key, receivedAt, order.Channel.ToString().ToLowerInvariant(), lines.Count, Money(order.TotalCents), currency,
                promise.TierName, promise.DiscountMinPct.ToString("0.##", inv), promise.DiscountMaxPct.ToString("0.##", inv))
            .AndIf(pending, "order.pending"), clock, ct);
        if (pending)
        {
            foreach (var approver in await ApproversAsync(db, workspaceId, customer, actorUserId, ct))
            {
                var text = NotificationTexts.OrderAwaitsApproval(await UserLanguage.OfAsync(db, approver, ct), order.Id, customer.Name, promise);
                await NotifyAsync(db, order, approver, text, clock, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new OrderResult(OrderOutcome.Done, await GetAsync(db, workspaceId, order.Id, ct), []);
    }

    /// <summary>Starts a received order (<paramref name="at"/> null: now). Refused while it waits for approval.</summary>
    public static Task<OrderResult> StartAsync(KaminoDb db, int workspaceId, long number, int version, DateTimeOffset? at, string? actorUserId, TimeProvider clock,
        CancellationToken ct = default) =>
        MoveAsync(db, workspaceId, number, version, actorUserId, clock, "start", (order, now) =>
        {
            var when = (at ?? now).UtcDateTime;
            return OrderRules.StartProblem(order, when, now.UtcDateTime) ?? Apply(() =>
            {
                order.Status = OrderStatus.InProgress;
                order.StartedAt = when;
            });
        }, ct);

    /// <summary>Fulfils a received or in-progress order (<paramref name="at"/> null: now). Refused while it waits for approval.</summary>
    public static Task<OrderResult> FulfilAsync(KaminoDb db, int workspaceId, long number, int version, DateTimeOffset? at, string? actorUserId, TimeProvider clock,
        CancellationToken ct = default) =>
        MoveAsync(db, workspaceId, number, version, actorUserId, clock, "fulfil", (order, now) =>
        {
            var when = (at ?? now).UtcDateTime;
            return OrderRules.FulfilProblem(order, when, now.UtcDateTime) ?? Apply(() =>
            {
                order.Status = OrderStatus.Fulfilled;
                order.FulfilledAt = when;
            });
        }, ct);

    /// <summary>Cancels a received or in-progress order with a reason (<paramref name="at"/> null: now).</summary>
    public static Task<OrderResult> CancelAsync(KaminoDb db, int workspaceId, long number, int version, string? reason, DateTimeOffset? at, string? actorUserId,
        TimeProvider clock, CancellationToken ct = default) =>
        MoveAsync(db, workspaceId, number, version, actorUserId, clock, "cancel", (order, now) =>
        {
            var when = (at ?? now).UtcDateTime;
            return OrderRules.CancelProblem(order, when, now.UtcDateTime, reason) ?? Apply(() =>
            {
                order.Status = OrderStatus.Cancelled;
                order.CancelledAt = when;
                order.CancelReason = reason!.Trim();
            });
        }, ct);

    /// <summary>
    /// Approves the discount of an order waiting for it (the reason is optional): a member
    /// <see cref="Permissions.MayApproveOrder"/> allows, never its creator. The creator is notified.
    /// </summary>
    public static Task<OrderResult> ApproveAsync(KaminoDb db, int workspaceId, long number, int version, string? reason, string actorUserId, TimeProvider clock,
        CancellationToken ct = default) =>
        DecideAsync(db, workspaceId, number, version, reason, approve: true, actorUserId, clock, ct);

    /// <summary>Rejects the discount of an order waiting for it, with a reason: the order is cancelled ("discount rejected: …"). The creator is notified.</summary>
    public static Task<OrderResult> RejectAsync(KaminoDb db, int workspaceId, long number, int version, string? reason, string actorUserId, TimeProvider clock,
        CancellationToken ct = default) =>
        DecideAsync(db, workspaceId, number, version, reason, approve: false, actorUserId, clock, ct);

    /// <summary>Whether <paramref name="userId"/> may enter and move the customer's orders (<see cref="Permissions.MayHandleOrders"/>).</summary>
    public static async Task<bool> MayHandleAsync(KaminoDb db, int workspaceId, long customerId, string userId, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Id == customerId, ct);
        return customer is not null && await HandleRefusalAsync(db, workspaceId, customer, userId, ct) is null;
    }

    /// <summary>Whether <paramref name="userId"/> may decide on the discount of an order of the customer entered by <paramref name="createdByUserId"/>.</summary>
    public static async Task<bool> MayApproveAsync(KaminoDb db, int workspaceId, long customerId, string? createdByUserId, string userId, CancellationToken ct = default)
    {
        var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
        return member is not null && Permissions.MayApproveOrder(member.Role, userId, await OwnerAsync(db, workspaceId, customerId, ct), createdByUserId);
    }

    /// <summary>The promise an order of the customer received now would take: its tier's name, priority, hours and discount range.</summary>
    public static async Task<OrderPromise> PromiseForAsync(KaminoDb db, int workspaceId, Customer customer, CancellationToken ct = default)
    {
        var tiers = await Tiers.PoliciesAsync(db, workspaceId, ct);
        var designated = customer.TierId is { } tierId
            ? await db.Tiers.AsNoTracking().Where(t => t.WorkspaceId == workspaceId && t.Id == tierId).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : null;
        return OrderPromise.Of(OrderRules.TierFor(tiers, designated, customer.IsKeyAccount));
    }

    private static async Task<OrderResult> DecideAsync(KaminoDb db, int workspaceId, long number, int version, string? reason, bool approve, string actorUserId,
        TimeProvider clock, CancellationToken ct)
    {
        var role = (await Members.MembershipAsync(db, workspaceId, actorUserId, ct))?.Role;
        return await MoveAsync(db, workspaceId, number, version, actorUserId, clock, approve ? "approve" : "reject", (order, now) =>
        {
            if (OrderRules.DecisionProblem(order, reason, rejecting: !approve) is { } problem)
            {
                return problem;
            }

            order.Approval = approve ? OrderApproval.Approved : OrderApproval.Rejected;
            order.DecidedByUserId = actorUserId;
            order.DecidedAt = now.UtcDateTime;
            order.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            if (!approve)
            {
                order.Status = OrderStatus.Cancelled;
                order.CancelledAt = now.UtcDateTime;
                order.CancelReason = Truncate("discount rejected: " + reason!.Trim(), Order.MaxReasonLength);
            }

            return null;
        }, ct, decision: role);
    }

    /// <summary>
    /// Loads the order, refuses a stale <paramref name="version"/>, checks who may (handle, or decide when
    /// <paramref name="decision"/> is given), lets <paramref name="change"/> check and apply (a problem: nothing applied),
    /// bumps the version and saves with the audit entry and notifications; a concurrent change surfacing at save is a conflict too.
    /// </summary>
    private static async Task<OrderResult> MoveAsync(KaminoDb db, int workspaceId, long number, int version, string? actorUserId, TimeProvider clock, string action,
        Func<Order, DateTimeOffset, OrderProblem?> change, CancellationToken ct, Role? decision = null)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.WorkspaceId == workspaceId && o.Id == number, ct);
        if (order is null)
        {
            return OrderResult.Refused(OrderOutcome.NotFound, "number", Said.Of("order.not-found", number));
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.WorkspaceId == workspaceId && c.Id == order.CustomerId, ct);
        var deciding = action is "approve" or "reject";
        var refusal = deciding
            ? await DecideRefusalAsync(db, order, customer, decision, actorUserId!, ct)
            : await HandleRefusalAsync(db, workspaceId, customer, actorUserId, ct);
        if (refusal is not null)
        {
            db.Entry(order).State = EntityState.Detached;
            return refusal;
        }

        if (order.Version != version)
        {
            db.Entry(order).State = EntityState.Detached;
            return OrderResult.Conflict(number);
        }

        var before = (Status: order.Status, Approval: order.Approval);
        var now = clock.GetUtcNow();
        if (change(order, now) is { } problem)
        {
            db.Entry(order).State = EntityState.Detached;
            return new OrderResult(OrderOutcome.Invalid, null, [problem]);
        }

        order.Version++;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AuditAsync(db, order, actorUserId, action, Summary(order, customer.Key, action, before), clock, ct);
        if (deciding && order.CreatedByUserId is { } creator && creator != actorUserId)
        {
            var text = NotificationTexts.OrderDecided(await UserLanguage.OfAsync(db, creator, ct), await PersonNames.NameAsync(db, actorUserId!, ct),
                order.Approval == OrderApproval.Approved, number, customer.Name, order.DecisionReason);
            await NotifyAsync(db, order, creator, text, clock, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return OrderResult.Conflict(number);
        }

        return new OrderResult(OrderOutcome.Done, await GetAsync(db, workspaceId, number, ct), []);
    }

    private static OrderProblem? Apply(Action apply)
    {
        apply();
        return null;
    }

    private static async Task<OrderResult?> HandleRefusalAsync(KaminoDb db, int workspaceId, Customer customer, string? actorUserId, CancellationToken ct)
    {
        if (actorUserId is null)
        {
            return null;
        }

        var member = await Members.MembershipAsync(db, workspaceId, actorUserId, ct);
        if (member is null)
        {
            return OrderResult.Refused(OrderOutcome.Forbidden, "customer", Said.Of("order.not-member"));
        }

        var onTeam = customer.IsKeyAccount
            && await db.AccountTeamMembers.AnyAsync(t => t.WorkspaceId == workspaceId && t.CustomerId == customer.Id && t.UserId == actorUserId, ct);
        return Permissions.MayHandleOrders(member.Role, customer.IsKeyAccount, onTeam) ? null
            : OrderResult.Refused(OrderOutcome.Forbidden, "customer", Permissions.Allows(member.Role, Permission.HandleOrders)
                ? Said.Of("order.handle-team-only", member.Role, customer.Key)
                : Said.Of("order.may-not-handle", member.Role));
    }

    private static async Task<OrderResult?> DecideRefusalAsync(KaminoDb db, Order order, Customer customer, Role? role, string actorUserId, CancellationToken ct)
    {
        if (role is not { } r)
        {
            return OrderResult.Refused(OrderOutcome.Forbidden, "user", Said.Of("order.not-member"));
        }

        if (order.CreatedByUserId == actorUserId)
        {
            return OrderResult.Refused(OrderOutcome.Forbidden, "user", Said.Of("order.own-decision"));
        }

        return Permissions.MayApproveOrder(r, actorUserId, await OwnerAsync(db, order.WorkspaceId, customer.Id, ct), order.CreatedByUserId) ? null
            : OrderResult.Refused(OrderOutcome.Forbidden, "user", r == Role.LeadKam
                ? Said.Of("order.lead-decides", customer.Key)
                : Said.Of("order.may-not-decide", r));
    }

    /// <summary>The owner of a key account as the scope rule needs it; null for accounts without one and customers that are not key accounts (their team is inactive).</summary>
    private static async Task<AccountOwner?> OwnerAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct) =>
        await (from t in db.AccountTeamMembers.AsNoTracking()
               join c in db.Customers on new { t.WorkspaceId, Id = t.CustomerId } equals new { c.WorkspaceId, c.Id }
               join m in db.Memberships on new { t.WorkspaceId, t.UserId } equals new { m.WorkspaceId, m.UserId }
               where t.WorkspaceId == workspaceId && t.CustomerId == customerId && t.IsOwner && c.IsKeyAccount
               select new AccountOwner(t.UserId, m.Role, m.SupervisorUserId)).FirstOrDefaultAsync(ct);

    /// <summary>Who may decide on an order of the customer entered by <paramref name="createdByUserId"/>: the Directors and the Lead KAMs in scope.</summary>
    private static async Task<IReadOnlyList<string>> ApproversAsync(KaminoDb db, int workspaceId, Customer customer, string? createdByUserId, CancellationToken ct)
    {
        var owner = await OwnerAsync(db, workspaceId, customer.Id, ct);
        var candidates = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && (m.Role == Role.Director || m.Role == Role.LeadKam))
            .Select(m => new { m.UserId, m.Role })
            .ToListAsync(ct);
        return candidates.Where(m => Permissions.MayApproveOrder(m.Role, m.UserId, owner, createdByUserId)).Select(m => m.UserId).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task NotifyAsync(KaminoDb db, Order order, string userId, string text, TimeProvider clock, CancellationToken ct)
    {
        var slug = await db.Workspaces.Where(w => w.Id == order.WorkspaceId).Select(w => w.Slug).FirstAsync(ct);
        db.Notifications.Add(new Notification
        {
            WorkspaceId = order.WorkspaceId,
            Id = await db.NextIdAsync(db.Notifications, order.WorkspaceId, ct),
            UserId = userId,
            Text = text,
            Link = string.Create(CultureInfo.InvariantCulture, $"/w/{slug}/orders/{order.Id}"),
            CreatedAt = clock.GetUtcNow(),
        });
    }

    private static Task AuditAsync(KaminoDb db, Order order, string? actorUserId, string action, AuditText summary, TimeProvider clock, CancellationToken ct) =>
        AuditLog.AddAsync(db, order.WorkspaceId, actorUserId, "order", order.Id.ToString(CultureInfo.InvariantCulture), action, summary, order.CustomerId, clock, ct);

    private static AuditText Summary(Order order, string customerKey, string action, (OrderStatus Status, OrderApproval Approval) before)
    {
        var id = order.Id.ToString(CultureInfo.InvariantCulture);
        var (from, to) = (OrderRules.StatusName(before.Status), OrderRules.StatusName(order.Status));
        return action switch
        {
            "start" => AuditText.Of("order.status", id, customerKey, from, to, order.StartedAt),
            "fulfil" => AuditText.Of("order.status", id, customerKey, from, to, order.FulfilledAt),
            "cancel" => AuditText.Of("order.cancelled", id, customerKey, from, to, order.CancelledAt, order.CancelReason),
            _ => AuditText.Of("order.discount", id, customerKey, OrderRules.ApprovalName(before.Approval), OrderRules.ApprovalName(order.Approval))
                .AndIf(before.Status != order.Status, "order.discount-status", from, to)
                .AndIf(order.DecisionReason is not null, "order.reason", order.DecisionReason),
        };
    }

    private static string Money(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
}
