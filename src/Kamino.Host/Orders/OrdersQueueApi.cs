using System.ComponentModel;
using System.Globalization;
using Kamino.Data;
using Kamino.Host.Analysis;
using Kamino.Host.Web;
using Kamino.Orders;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Orders;

/// <summary>The order queue and the order statistics over HTTP: <c>GET …/orders/queue</c> and <c>GET …/orders/stats</c> (docs/orders-queue.md).</summary>
public static class OrdersQueueApi
{
    public static IEndpointRouteBuilder MapOrdersQueueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/orders").WithTags("Orders");
        group.MapGet("/queue", QueueAsync)
            .WithSummary("The order queue: open orders not waiting for approval, by tier priority, promised time and received time; late ones flagged")
            .WithDescription("Paged: `offset` (default 0) and `limit` (default 50, at most 500). `now` (ISO 8601, default the server's clock) is the moment lateness is judged at. "
                + "The same list as `kamino orders queue --format json`.")
            .RequirePermission(Permission.View);
        group.MapGet("/stats", StatsAsync)
            .WithSummary("Per tier: orders received in a period, fulfilled, median and 90th-percentile handling hours (nearest rank), share fulfilled on time")
            .WithDescription("Default period: the 90 days up to today (in the workspace's time zone); only `to`: the 90 days ending on it; only `from`: from it to today. The same report as `kamino orders stats --format json`.")
            .RequirePermission(Permission.View);
        return app;
    }

    // Query values are taken as text so that a malformed one is a validation problem, not a binding failure.
    private static async Task<Results<Ok<OrderQueuePage>, ValidationProblem>> QueueAsync(
        [Description("How many orders of the queue to skip (default 0)")] string? offset,
        [Description("How many orders to return: 1 to 500 (default 50)")] string? limit,
        [Description("The moment to judge lateness at, ISO 8601 (default now)")] string? now,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var skip = Number(errors, "offset", offset, 0, int.MaxValue);
        var take = Number(errors, "limit", limit, 1, OrderQueue.MaxLimit);
        var at = clock.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(now) && !DateTimeOffset.TryParse(now.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            errors["now"] = [$"'{now}' is not a date and time (ISO 8601)"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The queue parameters are not valid.");
        }

        return TypedResults.Ok(await OrderQueue.PageAsync(db, m.WorkspaceId, at.UtcDateTime, skip, take, ct));
    }

    private static async Task<Results<Ok<OrderStatsReport>, ValidationProblem>> StatsAsync(
        [Description("First day of the period, yyyy-mm-dd (inclusive; orders by the UTC day they were received)")] string? from,
        [Description("Last day of the period, yyyy-mm-dd (inclusive)")] string? to,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<ParameterError>();
        if (ParetoParameters.Parse(from, to, null, null, errors) is not { } request)
        {
            return TypedResults.ValidationProblem(ParetoParameters.ToDictionary(errors), title: "The period parameters are not valid.");
        }

        var (first, last) = OrderStats.Period(request.From, request.To, m.Today(clock));
        if (first > last)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [$"from {first:yyyy-MM-dd} is after {last:yyyy-MM-dd}"] },
                title: "The period parameters are not valid.");
        }

        return TypedResults.Ok(await OrderStats.ReportAsync(db, m.WorkspaceId, first, last, ct));
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or null when absent; a problem otherwise.</summary>
    private static int? Number(Dictionary<string, string[]> errors, string name, string? raw, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [string.Create(CultureInfo.InvariantCulture, $"'{raw}' is not a whole number from {min} to {max}")];
        return null;
    }
}
