using System.Text.Json;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Customers;

/// <summary>Tier policies over HTTP: <c>GET …/tiers</c> (every member) and <c>PUT …/tiers/{name}</c> (<see cref="Permission.ManageSettings"/>).</summary>
public static class TiersApi
{
    /// <summary>A change of a tier's policy; fields left null stay as they are.</summary>
    /// <param name="CheckinDays">Days between check-ins, 1–3650.</param>
    /// <param name="NoCheckin">true: the tier has no check-in cadence (not with <paramref name="CheckinDays"/>).</param>
    /// <param name="Channel">Call, Visit or Any.</param>
    /// <param name="DiscountMinPct">Lowest discount reserved to the tier, 0–100 %.</param>
    /// <param name="DiscountMaxPct">Highest discount reserved to the tier, 0–100 %, not below the lowest.</param>
    /// <param name="OrderPriority">1 = highest.</param>
    /// <param name="PromisedHours">Promised order handling time in calendar hours, 1–8760.</param>
    public sealed record TierPolicyRequest(int? CheckinDays, bool? NoCheckin, TierChannel? Channel, decimal? DiscountMinPct, decimal? DiscountMaxPct, int? OrderPriority, int? PromisedHours);

    public static IEndpointRouteBuilder MapTiersApi(this IEndpointRouteBuilder app)
    {
        var tiers = app.MapWorkspaceApi("/tiers").WithTags("Key accounts");
        tiers.MapGet("/", ListAsync)
            .WithSummary("Each tier's policy, highest tier first: check-in interval (null: none) and channel, discount range, order priority, promised hours")
            .WithDescription("The same list as `kamino tiers list --format json`. Without stored tiers: the default tiers with the default policies.")
            .RequirePermission(Permission.View);
        tiers.MapPut("/{name}", SetAsync)
            .WithSummary("Change one tier's policy (name case-insensitive; fields left null stay); answers the tier as saved")
            .WithDescription("Problems are a validation problem keyed by field (checkinDays, channel, discountMinPct, discountMaxPct, orderPriority, promisedHours).")
            .RequirePermission(Permission.ManageSettings);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<TierPolicyDto>>> ListAsync(CurrentMember m, KaminoDb db, CancellationToken ct) =>
        TypedResults.Ok(await Tiers.PoliciesAsync(db, m.WorkspaceId, ct));

    private static async Task<Results<Ok<TierPolicyDto>, ProblemHttpResult, ValidationProblem>> SetAsync(string name, TierPolicyRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(db, m.WorkspaceId, name, ct) is not { } current)
        {
            return ChangeResults.NotFound((await Tiers.NoSuchTierAsync(db, m.WorkspaceId, name, ct)).ToString());
        }

        var change = new TierPolicyChange(body.CheckinDays, body.NoCheckin == true, body.Channel, body.DiscountMinPct, body.DiscountMaxPct, body.OrderPriority, body.PromisedHours);
        if (TierPolicies.Problems(change, current.Policy) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(
                problems.GroupBy(p => JsonNamingPolicy.CamelCase.ConvertName(p.Field.ToString())).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                title: "The tier policy is not valid.");
        }

        var result = await Tiers.SetPolicyAsync(db, m.WorkspaceId, current.Name, change, m.UserId, clock, ct);
        return result.Succeeded
            ? TypedResults.Ok((await FindAsync(db, m.WorkspaceId, current.Name, ct))!)
            : (ProblemHttpResult)result.ToHttp().Result;
    }

    private static async Task<TierPolicyDto?> FindAsync(KaminoDb db, int workspaceId, string name, CancellationToken ct) =>
        (await Tiers.PoliciesAsync(db, workspaceId, ct)).FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
