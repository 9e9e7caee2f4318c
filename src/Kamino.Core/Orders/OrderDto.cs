namespace Kamino.Orders;

/// <summary>One line of an order as shown and returned; <see cref="InRange"/>: its discount lies in the order's tier range.</summary>
public sealed record OrderLineDto(int Line, string? ProductCode, string Description, decimal Quantity, long UnitPriceCents, decimal DiscountPct, long NetCents, bool InRange);

/// <summary>
/// An order as the API, the CLI (<c>--format json</c>) and the pages show it. <see cref="Number"/> is its number in the
/// workspace; <see cref="Tier"/>, <see cref="Priority"/>, <see cref="PromisedAt"/> and the discount range are the tier's
/// promise when it was received. <see cref="NeedsApproval"/>: it is open and waits for a Lead KAM's or Director's decision
/// on a discount outside the range (<see cref="Approval"/> pending; a cancelled order keeps that state but needs nothing). <see cref="Version"/> is what a change must send back.
/// Times are UTC. People are named by display name, else email; null is the system (or nobody, for the handler).
/// </summary>
public sealed record OrderDto(
    long Number,
    long CustomerId,
    string CustomerKey,
    string CustomerName,
    string Tier,
    OrderStatus Status,
    int Priority,
    DateTimeOffset PromisedAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FulfilledAt,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    OrderChannel Channel,
    DateOnly? RequestedOn,
    string Notes,
    string? HandlerUserId,
    string? Handler,
    string? CreatedByUserId,
    string? CreatedBy,
    IReadOnlyList<OrderLineDto> Lines,
    long TotalCents,
    string Currency,
    bool NeedsApproval,
    OrderApproval Approval,
    decimal DiscountMinPct,
    decimal DiscountMaxPct,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    int Version);

/// <summary>
/// One change in an order's history (its audit entries, oldest first): when, by whom (null: the system), what (the
/// recorded English <see cref="Summary"/> and, when asked in a language, <see cref="Text"/>: docs/audit.md).
/// </summary>
public sealed record OrderEvent(DateTimeOffset At, string? By, string Action, string Summary, string? Text = null);

/// <summary>
/// How a change to an order ended. <see cref="OrderOutcome.Conflict"/>: the order was changed by someone else since the
/// version the change was made from; nothing was applied.
/// </summary>
public enum OrderOutcome
{
    Done,
    NotFound,
    Invalid,
    Forbidden,
    Conflict,
}

/// <summary>The outcome of an order change: the order as it is after it (when done) or the problems.</summary>
public sealed record OrderResult(OrderOutcome Outcome, OrderDto? Order, IReadOnlyList<OrderProblem> Problems)
{
    public bool Succeeded => Outcome == OrderOutcome.Done;

    /// <summary>The problems in one sentence, in recorded English (what the API answers).</summary>
    public string Message => string.Join("; ", Problems.Select(p => p.Message));

    /// <summary>The problems in one sentence, in <paramref name="c"/>'s language (a page, a CLI run).</summary>
    public string In(System.Globalization.CultureInfo c) => string.Join("; ", Problems.Select(p => p.Why.In(c)));

    internal static OrderResult Refused(OrderOutcome outcome, string field, Said why) => new(outcome, null, [new OrderProblem(field, why)]);

    internal static OrderResult Conflict(long number) => Refused(OrderOutcome.Conflict, "version", Said.Of("order.conflict", number));
}

/// <summary>Which orders a list shows: by status and customer, newest first, a page at a time (<see cref="Take"/> at most 500).</summary>
public sealed record OrderFilter(OrderStatus? Status = null, long? CustomerId = null, int Skip = 0, int Take = 50)
{
    public const int MaxTake = 500;
}
