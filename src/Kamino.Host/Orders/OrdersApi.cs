using System.ComponentModel;
using System.Globalization;
using Kamino.Data;
using Kamino.Host.Accounts;
using Kamino.Host.Web;
using Kamino.Orders;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Orders;

/// <summary>
/// Orders over HTTP: <c>/api/workspaces/{workspace}/orders…</c> (issue 14). Every member reads them; a Director, a Lead
/// KAM or a KAM in scope enters and moves them (<see cref="Permissions.MayHandleOrders"/>); a Director or a Lead KAM in
/// scope decides on a discount outside the range (<see cref="Permissions.MayApproveOrder"/>). Every change sends the
/// <c>version</c> of the order it was made from: a stale one answers 409 and changes nothing.
/// </summary>
public static class OrdersApi
{
    /// <summary>A line: <paramref name="UnitPriceCents"/> in cents of the workspace currency, <paramref name="DiscountPct"/> 0–100 with up to 2 decimals.</summary>
    public sealed record LineRequest(string? Description, decimal? Quantity, long? UnitPriceCents, decimal? DiscountPct = 0, string? ProductCode = null);

    /// <summary>
    /// A new order for the customer with key <paramref name="Customer"/>: phone, email, visit or web; received at
    /// <paramref name="ReceivedAt"/> (null: now); <paramref name="HandlerUserId"/> the member handling it.
    /// </summary>
    public sealed record CreateOrderRequest(string? Customer, IReadOnlyList<LineRequest>? Lines, OrderChannel? Channel = null, DateTimeOffset? ReceivedAt = null,
        DateOnly? RequestedOn = null, string? Notes = null, string? HandlerUserId = null);

    /// <summary>Start or fulfil: the <paramref name="Version"/> seen, and when (<paramref name="At"/> null: now).</summary>
    public sealed record MoveRequest(int? Version, DateTimeOffset? At = null);

    /// <summary>Cancel: the <paramref name="Version"/> seen, why (required) and when (null: now).</summary>
    public sealed record CancelRequest(int? Version, string? Reason, DateTimeOffset? At = null);

    /// <summary>Approve (reason optional) or reject (reason required) a discount: the <paramref name="Version"/> seen.</summary>
    public sealed record DecisionRequest(int? Version, string? Reason = null);

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/orders").WithTags("Orders");
        group.MapGet("/", ListAsync)
            .WithSummary("Orders, newest first, a page at a time (take: default 50, at most 500), by status and customer key").RequirePermission(Permission.View);
        group.MapPost("/", CreateAsync)
            .WithSummary("Enter an order; a line outside the tier's discount range makes it wait for approval (the approvers are notified)")
            .WithDescription("Who may: a Director or Lead KAM; a KAM for the key accounts whose team they are on and for customers that are not key accounts (HandleOrders). Problems are keyed by field (`lines[1].quantity`…).")
            .RequirePermission(Permission.HandleOrders);
        group.MapGet("/approvals", ApprovalsAsync)
            .WithSummary("Orders waiting for a discount decision that the caller may take, oldest first (empty for roles that decide none)").RequirePermission(Permission.View);
        group.MapGet("/{number:long}", GetAsync).WithSummary("One order with its lines").RequirePermission(Permission.View);
        group.MapGet("/{number:long}/history", HistoryAsync).WithSummary("Every change of an order, oldest first: who, when, from → to").RequirePermission(Permission.View);
        group.MapPost("/{number:long}/start", StartAsync)
            .WithSummary("Start a received order (not while it waits for approval); 409 when the version is stale").RequirePermission(Permission.HandleOrders);
        group.MapPost("/{number:long}/fulfil", FulfilAsync)
            .WithSummary("Fulfil a received or in-progress order (not while it waits for approval); 409 when the version is stale").RequirePermission(Permission.HandleOrders);
        group.MapPost("/{number:long}/cancel", CancelAsync)
            .WithSummary("Cancel a received or in-progress order with a reason; 409 when the version is stale").RequirePermission(Permission.HandleOrders);
        group.MapPost("/{number:long}/approve", ApproveAsync)
            .WithSummary("Approve the discount of an order waiting for it (never one's own order); 409 when the version is stale").RequirePermission(Permission.ApproveDiscounts);
        group.MapPost("/{number:long}/reject", RejectAsync)
            .WithSummary("Reject the discount of an order waiting for it, with a reason: the order is cancelled; 409 when the version is stale")
            .RequirePermission(Permission.ApproveDiscounts);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<OrderDto>>, ProblemHttpResult, ValidationProblem>> ListAsync(CurrentMember m, KaminoDb db,
        [Description("received, inProgress, fulfilled or cancelled")] string? status = null,
        [Description("The customer's key")] string? customer = null, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        if (take is < 1 or > OrderFilter.MaxTake || skip < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"take is 1 to {OrderFilter.MaxTake} and skip 0 or more."] });
        }

        OrderStatus? wanted = null;
        if (status is not null && (wanted = ParseStatus(status)) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is received, inProgress, fulfilled or cancelled."] });
        }

        long? customerId = null;
        if (customer is not null && (customerId = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct)) is null)
        {
            return NoCustomer(customer);
        }

        return TypedResults.Ok(await OrderBook.ListAsync(db, m.WorkspaceId, new OrderFilter(wanted, customerId, skip, take), ct));
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> GetAsync(long number, CurrentMember m, KaminoDb db, CancellationToken ct) =>
        await OrderBook.GetAsync(db, m.WorkspaceId, number, ct) is { } order ? TypedResults.Ok(order) : NoOrder(number);

    private static async Task<Results<Ok<IReadOnlyList<OrderEvent>>, ProblemHttpResult>> HistoryAsync(long number, CurrentMember m, KaminoDb db, CancellationToken ct) =>
        await OrderBook.GetAsync(db, m.WorkspaceId, number, ct) is null ? NoOrder(number) : TypedResults.Ok(await OrderBook.HistoryAsync(db, m.WorkspaceId, number, CultureInfo.CurrentCulture, ct));

    private static async Task<Ok<IReadOnlyList<OrderDto>>> ApprovalsAsync(CurrentMember m, KaminoDb db, CancellationToken ct) =>
        TypedResults.Ok(await OrderBook.ApprovalsForAsync(db, m.WorkspaceId, m.UserId, ct));

    private static async Task<Results<Created<OrderDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(CreateOrderRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Customer))
        {
            missing["customer"] = ["Name the customer by key."];
        }

        var lines = body.Lines ?? [];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Quantity is null || lines[i].UnitPriceCents is null)
            {
                missing[string.Create(CultureInfo.InvariantCulture, $"lines[{i}]")] = [string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: quantity and unitPriceCents are required")];
            }
        }

        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing);
        }

        if (await AccountTeamsApi.CustomerIdAsync(db, m, body.Customer!, ct) is not { } customerId)
        {
            return NoCustomer(body.Customer!);
        }

        var input = new NewOrder(
            lines.Select(l => new NewOrderLine(l.ProductCode, l.Description ?? "", l.Quantity!.Value, l.UnitPriceCents!.Value, l.DiscountPct ?? 0)).ToList(),
            body.Channel ?? OrderChannel.Phone, body.ReceivedAt, body.RequestedOn, body.Notes, body.HandlerUserId);
        var result = await OrderBook.CreateAsync(db, m.WorkspaceId, customerId, input, m.UserId, clock, ct);
        return result.Outcome == OrderOutcome.Done
            ? TypedResults.Created(Location(m, result.Order!.Number), result.Order)
            : Refusal<Created<OrderDto>>(result);
    }

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult, ValidationProblem>> StartAsync(long number, MoveRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(body.Version, version => OrderBook.StartAsync(db, m.WorkspaceId, number, version, body.At, m.UserId, clock, ct));

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult, ValidationProblem>> FulfilAsync(long number, MoveRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(body.Version, version => OrderBook.FulfilAsync(db, m.WorkspaceId, number, version, body.At, m.UserId, clock, ct));

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult, ValidationProblem>> CancelAsync(long number, CancelRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(body.Version, version => OrderBook.CancelAsync(db, m.WorkspaceId, number, version, body.Reason, body.At, m.UserId, clock, ct));

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult, ValidationProblem>> ApproveAsync(long number, DecisionRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(body.Version, version => OrderBook.ApproveAsync(db, m.WorkspaceId, number, version, body.Reason, m.UserId, clock, ct));

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult, ValidationProblem>> RejectAsync(long number, DecisionRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(body.Version, version => OrderBook.RejectAsync(db, m.WorkspaceId, number, version, body.Reason, m.UserId, clock, ct));

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult, ValidationProblem>> ChangeAsync(int? version, Func<int, Task<OrderResult>> change)
    {
        if (version is not { } seen)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Send the version of the order you saw."] });
        }

        var result = await change(seen);
        return result.Outcome == OrderOutcome.Done ? TypedResults.Ok(result.Order!) : Refusal<Ok<OrderDto>>(result);
    }

    /// <summary>The HTTP answer of a refused order change: 400 by field, 403, 404 or 409 (problem details).</summary>
    private static Results<TOk, ProblemHttpResult, ValidationProblem> Refusal<TOk>(OrderResult result)
        where TOk : IResult => result.Outcome switch
    {
        OrderOutcome.Invalid => TypedResults.ValidationProblem(result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray())),
        OrderOutcome.NotFound => ChangeResults.NotFound(result.Message),
        OrderOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Message),
        OrderOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Message),
        OrderOutcome.Done => throw new InvalidOperationException("A change that was done is no refusal."),
    };

    /// <summary>A status as the API spells it (any case), or null.</summary>
    internal static OrderStatus? ParseStatus(string text) =>
        Enum.GetValues<OrderStatus>().Select(s => (OrderStatus?)s).FirstOrDefault(s => string.Equals(OrderRules.StatusName(s!.Value), text.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string Location(CurrentMember m, long number) => string.Create(CultureInfo.InvariantCulture, $"/api/workspaces/{m.Slug}/orders/{number}");

    private static ProblemHttpResult NoOrder(long number) => ChangeResults.NotFound(string.Create(CultureInfo.InvariantCulture, $"No order {number} in this workspace."));

    private static ProblemHttpResult NoCustomer(string customer) => ChangeResults.NotFound($"No customer '{customer}' in this workspace.");
}
