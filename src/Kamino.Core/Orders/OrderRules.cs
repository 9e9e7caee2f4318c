using System.Globalization;
using Kamino.Customers;

namespace Kamino.Orders;

/// <summary>One line of a new order: what, how many, at what unit price (cents of the workspace currency), with what discount (percent).</summary>
public sealed record NewOrderLine(string? ProductCode, string Description, decimal Quantity, long UnitPriceCents, decimal DiscountPct);

/// <summary>
/// What a new order says. <paramref name="ReceivedAt"/> null means now; <paramref name="HandlerUserId"/> is the member who
/// handles it (null: nobody yet).
/// </summary>
public sealed record NewOrder(
    IReadOnlyList<NewOrderLine> Lines,
    OrderChannel Channel = OrderChannel.Phone,
    DateTimeOffset? ReceivedAt = null,
    DateOnly? RequestedOn = null,
    string? Notes = null,
    string? HandlerUserId = null);

/// <summary>
/// One thing wrong with an order or a change to it, named by the field as the API spells it (<c>lines[1].quantity</c>,
/// <c>at</c>, <c>reason</c>…); <see cref="Why"/> says which line in people's numbering ("line 2: quantity must be above 0"), worded for the reader.
/// </summary>
public sealed record OrderProblem(string Field, Said Why)
{
    /// <summary>The recorded English (what the API answers).</summary>
    public string Message => Why.ToString();
}

/// <summary>
/// A tier's promise as an order keeps it (PRODUCT.md §3, Tier policy): its name, order priority (1 = highest), promised
/// handling time in calendar hours and reserved discount range in percent, inclusive at both ends.
/// </summary>
public sealed record OrderPromise(string TierName, int Priority, int PromisedHours, decimal DiscountMinPct, decimal DiscountMaxPct)
{
    public static OrderPromise Of(TierPolicyDto tier) => new(tier.Name, tier.OrderPriority, tier.PromisedHours, tier.DiscountMinPct, tier.DiscountMaxPct);

    /// <summary>"Key: discounts 5–15 %".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{TierName}: discounts {DiscountMinPct:0.##}–{DiscountMaxPct:0.##} %");
}

/// <summary>
/// The pure rules of orders (issue 14): a line's net amount, the total, the discount range check, the tier whose promise
/// an order takes, the validation of a new order and which status changes are allowed.
/// </summary>
public static class OrderRules
{
    public const int MaxLines = 100;
    public const decimal MaxQuantity = 1_000_000m;

    /// <summary>The highest unit price: 100 million in the currency's units.</summary>
    public const long MaxUnitPriceCents = 10_000_000_000L;

    /// <summary>How far in the future a time may be: clocks of phones and servers differ a little.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Quantity × unit price less the discount, rounded to the cent, half away from zero: round(q × p × (1 − d/100)).
    /// </summary>
    public static long LineNetCents(decimal quantity, long unitPriceCents, decimal discountPct) =>
        (long)Math.Round(quantity * unitPriceCents * (1m - (discountPct / 100m)), 0, MidpointRounding.AwayFromZero);

    /// <summary>The order's total: the sum of its lines' net amounts.</summary>
    public static long TotalCents(IEnumerable<long> lineNetCents) => lineNetCents.Sum();

    /// <summary>Whether a discount lies in the range, both ends included.</summary>
    public static bool InRange(decimal discountPct, decimal minPct, decimal maxPct) => discountPct >= minPct && discountPct <= maxPct;

    /// <summary>Whether any line's discount lies outside the promise's range: the order then waits for approval.</summary>
    public static bool NeedsApproval(IEnumerable<decimal> discounts, OrderPromise promise) =>
        discounts.Any(d => !InRange(d, promise.DiscountMinPct, promise.DiscountMaxPct));

    /// <summary>
    /// The tier whose promise a customer's order takes (tiers highest first): the designated tier; a key account from
    /// before tiers (no tier) the first; a customer without a designation the lowest tier.
    /// </summary>
    public static TierPolicyDto TierFor(IReadOnlyList<TierPolicyDto> tiers, string? designatedTier, bool isKeyAccount) =>
        tiers.FirstOrDefault(t => t.Name == designatedTier) ?? (isKeyAccount ? tiers[0] : tiers[^1]);

    /// <summary>Everything wrong with <paramref name="input"/> on its own, judged at <paramref name="now"/>; empty when it is valid.</summary>
    public static IReadOnlyList<OrderProblem> Validate(NewOrder input, DateTimeOffset now)
    {
        var problems = new List<OrderProblem>();
        if (!Enum.IsDefined(input.Channel))
        {
            problems.Add(new("channel", Said.Of("order.channel", input.Channel)));
        }

        if (input.Lines.Count == 0)
        {
            problems.Add(new("lines", Said.Of("order.no-lines")));
        }
        else if (input.Lines.Count > MaxLines)
        {
            problems.Add(new("lines", Said.Of("order.too-many-lines", MaxLines, input.Lines.Count)));
        }

        for (var i = 0; i < input.Lines.Count && i < MaxLines; i++)
        {
            problems.AddRange(LineProblems(input.Lines[i], i));
        }

        if (input.ReceivedAt is { } received && received > now + FutureTolerance)
        {
            problems.Add(new("receivedAt", Said.Of("order.received-future")));
        }

        if ((input.Notes?.Trim().Length ?? 0) > Order.MaxNotesLength)
        {
            problems.Add(new("notes", Said.Of("order.notes-too-long", Order.MaxNotesLength)));
        }

        return problems;
    }

    /// <summary>What is wrong with one line (<paramref name="index"/> from 0; messages number lines from 1).</summary>
    public static IEnumerable<OrderProblem> LineProblems(NewOrderLine line, int index)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"lines[{index}]");
        var name = index + 1;
        var description = line.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            yield return new(field + ".description", Said.Of("order.line-description-required", name));
        }
        else if (description.Length > OrderLine.MaxDescriptionLength)
        {
            yield return new(field + ".description", Said.Of("order.line-description-too-long", name, OrderLine.MaxDescriptionLength));
        }

        if ((line.ProductCode?.Trim().Length ?? 0) > OrderLine.MaxProductCodeLength)
        {
            yield return new(field + ".productCode", Said.Of("order.line-product-code-too-long", name, OrderLine.MaxProductCodeLength));
        }

        if (line.Quantity <= 0)
        {
            yield return new(field + ".quantity", Said.Of("order.line-quantity-positive", name));
        }
        else if (line.Quantity > MaxQuantity || Math.Round(line.Quantity, 4) != line.Quantity)
        {
            yield return new(field + ".quantity", Said.Of("order.line-quantity-max", name, MaxQuantity));
        }

        if (line.UnitPriceCents is < 0 or > MaxUnitPriceCents)
        {
            yield return new(field + ".unitPrice", Said.Of("order.line-unit-price", name, MaxUnitPriceCents / 100));
        }

        if (line.DiscountPct is < 0 or > 100 || Math.Round(line.DiscountPct, 2) != line.DiscountPct)
        {
            yield return new(field + ".discountPct", Said.Of("order.line-discount", name));
        }
    }

    /// <summary>Why <paramref name="order"/> cannot be started at <paramref name="at"/> (UTC), or null when it can.</summary>
    public static OrderProblem? StartProblem(Order order, DateTime at, DateTime now) =>
        order.Status != OrderStatus.Received ? new("status", Said.Of("order.start-not-received", Number(order), StatusName(order.Status)))
        : PendingProblem(order) ?? TimeProblem(order, at, now, order.ReceivedAt);

    /// <summary>Why <paramref name="order"/> cannot be fulfilled at <paramref name="at"/> (UTC), or null when it can.</summary>
    public static OrderProblem? FulfilProblem(Order order, DateTime at, DateTime now) =>
        !IsOpen(order.Status) ? new("status", Said.Of("order.fulfil-not-open", Number(order), StatusName(order.Status)))
        : PendingProblem(order) ?? TimeProblem(order, at, now, order.StartedAt ?? order.ReceivedAt);

    /// <summary>Why <paramref name="order"/> cannot be cancelled at <paramref name="at"/> (UTC) with <paramref name="reason"/>, or null when it can.</summary>
    public static OrderProblem? CancelProblem(Order order, DateTime at, DateTime now, string? reason) =>
        !IsOpen(order.Status) ? new("status", Said.Of("order.cancel-not-open", Number(order), StatusName(order.Status)))
        : ReasonProblem(reason, required: true) ?? TimeProblem(order, at, now, order.ReceivedAt);

    /// <summary>Why the discount of <paramref name="order"/> cannot be approved or rejected now, or null when it can.</summary>
    public static OrderProblem? DecisionProblem(Order order, string? reason, bool rejecting) =>
        order.Approval != OrderApproval.Pending ? new("approval", Said.Of("order.not-pending", Number(order)))
        : !IsOpen(order.Status) ? new("status", Said.Of("order.closed", Number(order), StatusName(order.Status)))
        : ReasonProblem(reason, required: rejecting);

    /// <summary>Received and in-progress orders are open: they can still be fulfilled or cancelled.</summary>
    public static bool IsOpen(OrderStatus status) => status is OrderStatus.Received or OrderStatus.InProgress;

    /// <summary>The status as the API and the audit trail spell it: received, inProgress, fulfilled, cancelled.</summary>
    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Received => "received",
        OrderStatus.InProgress => "inProgress",
        OrderStatus.Fulfilled => "fulfilled",
        OrderStatus.Cancelled => "cancelled",
    };

    /// <summary>The approval state as the API spells it: notNeeded, pending, approved, rejected.</summary>
    public static string ApprovalName(OrderApproval approval) => approval switch
    {
        OrderApproval.NotNeeded => "notNeeded",
        OrderApproval.Pending => "pending",
        OrderApproval.Approved => "approved",
        OrderApproval.Rejected => "rejected",
    };

    private static OrderProblem? PendingProblem(Order order) =>
        order.Approval == OrderApproval.Pending
            ? new("approval", Said.Of("order.waits-approval", Number(order)))
            : null;

    private static OrderProblem? ReasonProblem(string? reason, bool required)
    {
        var text = reason?.Trim() ?? "";
        return required && text.Length == 0 ? new("reason", Said.Of("field.reason-required"))
            : text.Length > Order.MaxReasonLength ? new("reason", Said.Of("order.reason-too-long", Order.MaxReasonLength))
            : null;
    }

    private static OrderProblem? TimeProblem(Order order, DateTime at, DateTime now, DateTime notBefore) =>
        at < notBefore ? new("at", Said.Of(notBefore == order.ReceivedAt ? "order.time-before-received" : "order.time-before-started", at, Number(order), notBefore))
        : at > now + FutureTolerance ? new("at", Said.Of("order.time-future"))
        : null;

    private static string Number(Order order) => order.Id.ToString(CultureInfo.InvariantCulture);
}
