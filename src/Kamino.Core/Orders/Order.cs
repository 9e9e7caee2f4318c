using System.Text.Json.Serialization;
using Kamino.Data;

namespace Kamino.Orders;

/// <summary>How an order reached the business. JSON: camelCase.</summary>
public enum OrderChannel
{
    [JsonStringEnumMemberName("phone")]
    Phone,

    [JsonStringEnumMemberName("email")]
    Email,

    [JsonStringEnumMemberName("visit")]
    Visit,

    [JsonStringEnumMemberName("web")]
    Web,
}

/// <summary>Where an order stands: received → in progress → fulfilled, or cancelled with a reason. JSON: camelCase.</summary>
public enum OrderStatus
{
    [JsonStringEnumMemberName("received")]
    Received,

    [JsonStringEnumMemberName("inProgress")]
    InProgress,

    [JsonStringEnumMemberName("fulfilled")]
    Fulfilled,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <summary>
/// Whether an order's discounts need a decision (PRODUCT.md §3, Tier policy): every line inside the tier's range needs
/// none; a line outside waits for a Lead KAM or Director, who approves it or rejects it (a rejection cancels the order).
/// JSON: camelCase.
/// </summary>
public enum OrderApproval
{
    [JsonStringEnumMemberName("notNeeded")]
    NotNeeded,

    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("approved")]
    Approved,

    [JsonStringEnumMemberName("rejected")]
    Rejected,
}

/// <summary>
/// What a customer asks for and the team must handle (not revenue: invoices are). Its <see cref="Id"/> is its number,
/// sequential per workspace. The tier's promise is kept as it was when the order was received (tier name, priority,
/// promised time, discount range), so the queue and the statistics do not move when a designation changes later.
/// Times are UTC <see cref="DateTime"/>s (comparable and sortable in SQL on both engines). Every change bumps
/// <see cref="Version"/>, the optimistic-concurrency token: a change made from an older version is refused.
/// </summary>
public sealed class Order : IWorkspaceNumbered
{
    public const int MaxNotesLength = 2000;
    public const int MaxReasonLength = 500;

    public int WorkspaceId { get; set; }

    /// <summary>The order number, sequential per workspace.</summary>
    public long Id { get; set; }

    public long CustomerId { get; set; }

    public OrderChannel Channel { get; set; }

    /// <summary>When the customer's order arrived (UTC); handling time runs from here.</summary>
    public DateTime ReceivedAt { get; set; }

    /// <summary>The day the customer asked to have it by, if they said.</summary>
    public DateOnly? RequestedOn { get; set; }

    public string Notes { get; set; } = "";

    /// <summary>The member handling it; null when nobody has taken it yet. Not a foreign key: closed orders keep the name of a member who left.</summary>
    public string? HandlerUserId { get; set; }

    /// <summary>Who entered it; null for the system (the CLI without --user).</summary>
    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public OrderStatus Status { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FulfilledAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>The customer's tier when the order was received (the lowest tier for customers without a designation).</summary>
    public required string TierName { get; set; }

    /// <summary>The tier's order priority then, 1 = highest.</summary>
    public int Priority { get; set; }

    /// <summary>The tier's promised handling time then, in calendar hours.</summary>
    public int PromisedHours { get; set; }

    /// <summary><see cref="ReceivedAt"/> + <see cref="PromisedHours"/>: late when not fulfilled by then.</summary>
    public DateTime PromisedAt { get; set; }

    /// <summary>The tier's reserved discount range then, in percent (inclusive).</summary>
    public decimal DiscountMinPct { get; set; }

    public decimal DiscountMaxPct { get; set; }

    public OrderApproval Approval { get; set; }

    public string? DecidedByUserId { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecisionReason { get; set; }

    /// <summary>Sum of the lines' net amounts, in cents of <see cref="Currency"/>.</summary>
    public long TotalCents { get; set; }

    /// <summary>The workspace currency when the order was entered.</summary>
    public required string Currency { get; set; }

    /// <summary>Optimistic-concurrency token, bumped by every change.</summary>
    public int Version { get; set; }
}

/// <summary>One line of an <see cref="Order"/>: what, how many, at what price, with what discount.</summary>
public sealed class OrderLine
{
    public const int MaxDescriptionLength = 300;
    public const int MaxProductCodeLength = 100;

    public int WorkspaceId { get; set; }

    public long OrderId { get; set; }

    /// <summary>1, 2, … in the order the lines were given.</summary>
    public int Line { get; set; }

    public string? ProductCode { get; set; }

    public required string Description { get; set; }

    public decimal Quantity { get; set; }

    public long UnitPriceCents { get; set; }

    /// <summary>Discount in percent, 0–100.</summary>
    public decimal DiscountPct { get; set; }

    /// <summary>Quantity × unit price less the discount, rounded to the cent.</summary>
    public long NetCents { get; set; }
}
