using System.ComponentModel;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Host.Analysis;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Customers;

/// <summary>
/// Deciding key accounts over HTTP: customers with score and suggestion, one customer explained, ratings,
/// referrals, designations with a tier, criteria and the key-account settings.
/// </summary>
public static class KeyAccountsApi
{
    /// <param name="Ratings">Criterion key → rating, a whole number 0–5.</param>
    public sealed record RatingRequest(Dictionary<string, int>? Ratings, string? Note);

    /// <param name="ReferredBy">Key of the customer who referred this one; null to forget it.</param>
    public sealed record ReferralRequest(string? ReferredBy);

    /// <param name="Tier">Tier name (case-insensitive); null for the first, highest tier.</param>
    public sealed record DesignateRequest(string? Tier, string? Reason);

    public sealed record UndesignateRequest(string? Reason);

    public sealed record CriterionRequest(decimal? Weight, string? Name);

    /// <param name="Tiers">Tier names, highest first, 2 to 5; all but the last make key accounts.</param>
    /// <param name="KamCapacity">Key accounts one KAM can serve, 1 to 1000 (default 15): the team's capacity bounds the suggestions.</param>
    public sealed record SettingsRequest(decimal? Alpha, decimal? SuggestThreshold, decimal? ThresholdA, decimal? ThresholdB, IReadOnlyList<string>? Tiers,
        int? KamCapacity = null);

    public static IEndpointRouteBuilder MapKeyAccountsApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapWorkspaceApi("/customers").WithTags("Key accounts");
        customers.MapGet("/", ListAsync)
            .RequireExpensiveLimit()
            .WithSummary("One page of the customers with revenue, rank, ABC class, key-account score, suggestion, tier, and a key account's health and next check-in")
            .WithDescription("Paged (`offset`, `limit`: default 50, at most 500) and sorted (`sort=column` or `-column`) on the server; `total` is how many match the filters. Default period: the 12 months up to the latest sale; `from`, `to` and `all` as for the Pareto analysis. `kamino accounts list --format json` gives the whole list.")
            .RequirePermission(Permission.View);
        customers.MapGet("/{customer}", ShowAsync)
            .WithSummary("One customer: the score explained by its parts, ratings and their history, referrals, designation history")
            .WithDescription("Default period: the 12 months up to the latest sale; `from`, `to` and `all` as for the Pareto analysis. The same as `kamino accounts show CUSTOMER --format json`.")
            .RequirePermission(Permission.View);
        customers.MapPost("/{customer}/ratings", RateAsync)
            .WithSummary("Rate a customer 0–5 on criteria (a KAM: accounts whose team they are on); earlier ratings stay as history")
            .RequirePermission(Permission.Rate);
        customers.MapPut("/{customer}/referral", ReferAsync)
            .WithSummary("Record which customer referred this one, or forget it (referredBy null)")
            .RequirePermission(Permission.Rate);
        customers.MapPost("/{customer}/designate", DesignateAsync)
            .WithSummary("Designate a customer to a tier, with a reason")
            .RequirePermission(Permission.Designate);
        customers.MapPost("/{customer}/undesignate", UndesignateAsync)
            .WithSummary("Remove a customer's designation, with a reason")
            .RequirePermission(Permission.Designate);

        var criteria = app.MapWorkspaceApi("/criteria").WithTags("Key accounts");
        criteria.MapGet("/", CriteriaAsync)
            .WithSummary("The intangible criteria customers are rated on, with their weights").RequirePermission(Permission.View);
        criteria.MapPut("/{key}", SetCriterionAsync)
            .WithSummary("Change a criterion's weight or name, or add a criterion (a name is then required)").RequirePermission(Permission.ManageSettings);

        var settings = app.MapWorkspaceApi("/settings/key-accounts").WithTags("Key accounts");
        settings.MapGet("/", SettingsAsync)
            .WithSummary("α, suggestion threshold, ABC thresholds, tiers and the key accounts one KAM can serve").RequirePermission(Permission.View);
        settings.MapPut("/", SetSettingsAsync)
            .WithSummary("Change α, the suggestion threshold, the ABC thresholds, the tiers or the key accounts one KAM can serve (fields left null stay)").RequirePermission(Permission.ManageSettings);
        return app;
    }

    // Query values are taken as text so that a malformed one is a validation problem, not a binding failure.
    private static async Task<Results<Ok<AccountListPage>, ValidationProblem>> ListAsync(
        [Description("Customers to skip, 0 or more; default 0")] string? offset,
        [Description("Customers to return, 1 to 500; default 50")] string? limit,
        [Description("Column to sort by, `-` first for descending: rank (default), name, key, revenue, class, revenueScore, intangibleScore, score, suggested, tier, keyAccount, health, nextCheckin. Customers without a value come last; ties by key")] string? sort,
        [Description("Part of the customer's key or name (case- and accent-insensitive)")] string? q,
        [Description("suggested: suggested but not designated (within the team's capacity); designated: designated but not suggested; over-capacity: meet the suggestion rule beyond the team's capacity; all (default)")] string? list,
        [Description("true: only key accounts")] string? key,
        [Description("Only this ABC class: A, B or C")] [FromQuery(Name = "class")] string? abc,
        [Description("true: only customers Kamino suggests")] string? suggested,
        [Description("First sale date of the period, yyyy-mm-dd (inclusive)")] string? from,
        [Description("Last sale date of the period, yyyy-mm-dd (inclusive)")] string? to,
        [Description("true to score over all sales, whatever their date; not with from or to")] string? all,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var periodErrors = new List<ParameterError>();
        var period = ParetoParameters.Parse(from, to, all, null, periodErrors);
        var errors = ParetoParameters.ToDictionary(periodErrors);
        var filter = new AccountFilter(Flag(errors, "key", key), Class(errors, abc), Flag(errors, "suggested", suggested));
        var page = Page(errors, offset, limit, sort, q, list, filter);
        if (period is null || page is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The list parameters are not valid.");
        }

        return TypedResults.Ok((await KeyAccounts.PageAsync(db, m.WorkspaceId, period, page, m.Today(clock), ct))!);
    }

    /// <summary>The window, order and list of <see cref="ListAsync"/>; null (with <paramref name="errors"/>) when one is not valid.</summary>
    internal static AccountPageRequest? Page(Dictionary<string, string[]> errors, string? offset, string? limit, string? sort, string? q, string? list, AccountFilter filter)
    {
        var from = 0;
        if (offset is not null && (!int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out from)))
        {
            errors["offset"] = [$"'{offset}' is not a whole number of customers to skip, 0 or more."];
        }

        var count = AccountPageRequest.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > AccountPageRequest.MaxLimit))
        {
            errors["limit"] = [$"'{limit}' is not a number of customers from 1 to {AccountPageRequest.MaxLimit}: ask for the next ones with offset."];
        }

        var order = AccountSort.Default;
        if (sort is not null && !AccountSort.TryParse(sort, out order))
        {
            errors["sort"] = [$"'{sort}' is not a column to sort by: {string.Join(", ", AccountSort.Names.Values)}, with '-' first for descending."];
        }

        if (q is { Length: > AccountPageRequest.MaxTextLength })
        {
            errors["q"] = [$"The search text is longer than {AccountPageRequest.MaxTextLength} characters."];
        }

        var view = list?.Trim().ToLowerInvariant() switch
        {
            null or "" or "all" => AccountListView.All,
            "suggested" => AccountListView.SuggestedNotDesignated,
            "designated" => AccountListView.DesignatedNotSuggested,
            "over-capacity" => AccountListView.OverCapacity,
            _ => (AccountListView?)null,
        };
        if (view is null)
        {
            errors["list"] = [$"'{list}' is not all, suggested, designated or over-capacity."];
        }

        return errors.Count > 0 ? null : new AccountPageRequest(from, count, order, filter, view!.Value, q);
    }

    internal static bool Flag(Dictionary<string, string[]> errors, string name, string? raw)
    {
        if (raw is null)
        {
            return false;
        }

        if (!bool.TryParse(raw, out var value))
        {
            errors[name] = [$"'{raw}' is not true or false"];
        }

        return value;
    }

    internal static AbcClass? Class(Dictionary<string, string[]> errors, string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Trim().ToUpperInvariant() is "A" or "B" or "C")
        {
            return Enum.Parse<AbcClass>(raw.Trim(), ignoreCase: true);
        }

        errors["class"] = [$"'{raw}' is not A, B or C"];
        return null;
    }

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult, ValidationProblem>> ShowAsync(
        string customer,
        [Description("First sale date of the period, yyyy-mm-dd (inclusive)")] string? from,
        [Description("Last sale date of the period, yyyy-mm-dd (inclusive)")] string? to,
        [Description("true to score over all sales, whatever their date; not with from or to")] string? all,
        CurrentMember m, KaminoDb db, CancellationToken ct)
    {
        var errors = new List<ParameterError>();
        var period = ParetoParameters.Parse(from, to, all, null, errors);
        if (period is null)
        {
            return TypedResults.ValidationProblem(ParetoParameters.ToDictionary(errors), title: "The period parameters are not valid.");
        }

        return await KeyAccounts.ShowAsync(db, m.WorkspaceId, customer, period, ct) is { } detail
            ? TypedResults.Ok(detail)
            : ChangeResults.NotFound($"No customer '{customer}' in this workspace.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RateAsync(string customer, RatingRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var id = await CustomerIdAsync(db, m, customer, ct);
        if (id is null)
        {
            return ChangeResults.NotFound($"No customer '{customer}' in this workspace.");
        }

        var ratings = body.Ratings ?? [];
        var errors = ratings.Where(r => r.Value is < 0 or > Ratings.MaxValue)
            .ToDictionary(r => "ratings." + r.Key, r => new[] { $"A rating is a whole number from 0 to {Ratings.MaxValue}, not {r.Value}." });
        if (ratings.Count == 0)
        {
            errors["ratings"] = ["Give at least one criterion and rating."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The ratings are not valid.");
        }

        var result = await Ratings.RateAsync(db, m.WorkspaceId, id.Value, ratings, body.Note, m.UserId, clock, ct);
        return Widen(result.ToHttp());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReferAsync(string customer, ReferralRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var id = await CustomerIdAsync(db, m, customer, ct);
        long? by = null;
        if (id is null || (body.ReferredBy is { } key && (by = await CustomerIdAsync(db, m, key, ct)) is null))
        {
            return ChangeResults.NotFound($"No customer '{(id is null ? customer : body.ReferredBy)}' in this workspace.");
        }

        return (await Referrals.SetAsync(db, m.WorkspaceId, id.Value, by, m.UserId, clock, ct)).ToHttp();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DesignateAsync(string customer, DesignateRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var id = await CustomerIdAsync(db, m, customer, ct);
        return id is null
            ? ChangeResults.NotFound($"No customer '{customer}' in this workspace.")
            : (await Designations.DesignateAsync(db, m.WorkspaceId, id.Value, body.Tier, body.Reason ?? "", m.UserId, clock, ct)).ToHttp();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UndesignateAsync(string customer, UndesignateRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var id = await CustomerIdAsync(db, m, customer, ct);
        return id is null
            ? ChangeResults.NotFound($"No customer '{customer}' in this workspace.")
            : (await Designations.UndesignateAsync(db, m.WorkspaceId, id.Value, body.Reason ?? "", m.UserId, clock, ct)).ToHttp();
    }

    private static async Task<Ok<List<CriterionDto>>> CriteriaAsync(CurrentMember m, KaminoDb db, CancellationToken ct) =>
        TypedResults.Ok((await Criteria.ListAsync(db, m.WorkspaceId, ct)).Select(c => new CriterionDto(c.Key, c.Name, c.Weight)).ToList());

    private static async Task<Results<NoContent, ProblemHttpResult>> SetCriterionAsync(string key, CriterionRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        (await Criteria.SetAsync(db, m.WorkspaceId, key, body.Weight, body.Name, m.UserId, clock, ct)).ToHttp();

    private static async Task<Ok<KeyAccountSettingsDto>> SettingsAsync(CurrentMember m, KaminoDb db, CancellationToken ct) =>
        TypedResults.Ok((await KeyAccountSettings.GetAsync(db, m.WorkspaceId, ct))!);

    private static async Task<Results<NoContent, ProblemHttpResult>> SetSettingsAsync(SettingsRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        (await KeyAccountSettings.SetAsync(db, m.WorkspaceId, new KeyAccountSettingsChange(body.Alpha, body.SuggestThreshold, body.ThresholdA, body.ThresholdB, body.Tiers, body.KamCapacity), m.UserId, clock, ct)).ToHttp();

    private static Task<long?> CustomerIdAsync(KaminoDb db, CurrentMember m, string key, CancellationToken ct) =>
        db.Customers.Where(c => c.WorkspaceId == m.WorkspaceId && c.Key == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);

    private static Results<NoContent, ProblemHttpResult, ValidationProblem> Widen(Results<NoContent, ProblemHttpResult> result) => result.Result switch
    {
        NoContent n => n,
        ProblemHttpResult p => p,
        _ => throw new InvalidOperationException("unexpected result"),
    };
}
