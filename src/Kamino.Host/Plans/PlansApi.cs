using System.ComponentModel;
using System.Globalization;
using Kamino.Data;
using Kamino.Host.Accounts;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Plans;

/// <summary>
/// A key account's plan over HTTP: <c>/api/workspaces/{workspace}/customers/{customer}/plan[/{year}]</c>. Every member
/// reads it (and its one-page PDF); the owner KAM, their Lead KAM and a Director change it
/// (<see cref="Permissions.MayEditPlan"/>): others get 403 before anything about the body is said.
/// </summary>
public static class PlansApi
{
    /// <summary>The plan's situation: four short texts (up to 1000 characters each; null clears one).</summary>
    public sealed record SituationRequest(string? Strengths, string? Weaknesses, string? Opportunities, string? Threats);

    /// <summary>An objective as it should be (POST: the new one; PUT: the whole objective after the edit).</summary>
    /// <param name="Area">sales, marketing, communication, advertising, service or direction.</param>
    /// <param name="Title">Required, up to 200 characters.</param>
    /// <param name="OwnerUserId">The responsible member's user id, or null.</param>
    /// <param name="Measure">How progress is measured (up to 200 characters).</param>
    /// <param name="Target">The value to reach (up to 200 characters).</param>
    /// <param name="DueOn">Due date, yyyy-mm-dd, or null.</param>
    /// <param name="Status">notStarted (default), onTrack, atRisk or done.</param>
    public sealed record ObjectiveRequest(string? Area, string? Title, string? OwnerUserId = null, string? Measure = null, string? Target = null,
        DateOnly? DueOn = null, string? Status = null);

    /// <summary>A new status for an objective: notStarted, onTrack, atRisk or done.</summary>
    public sealed record StatusRequest(string? Status);

    /// <summary>Every objective id of the plan once, in the order wanted.</summary>
    public sealed record OrderRequest(IReadOnlyList<long>? ObjectiveIds);

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/customers/{customer}/plan").WithTags("Account plans");
        group.MapGet("/", (string customer, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) => GetAsync(customer, null, m, db, clock, ct))
            .WithSummary("This year's plan of a key account (empty, with a null id, until someone starts it)").RequirePermission(Permission.View);
        group.MapGet("/{year:int}", GetYearAsync)
            .WithSummary("The plan of a key account for a calendar year").RequirePermission(Permission.View);
        group.MapGet("/pdf", (string customer, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) => PdfAsync(customer, null, m, db, clock, ct))
            .WithSummary("This year's plan as one A4 page of PDF (language of the request)").RequirePermission(Permission.View);
        group.MapGet("/{year:int}/pdf", PdfYearAsync)
            .WithSummary("A year's plan as one A4 page of PDF (language of the request)").RequirePermission(Permission.View);
        group.MapPut("/{year:int}/situation", SetSituationAsync)
            .WithSummary("Set the situation (strengths, weaknesses, opportunities, threats); starts the plan when needed").RequirePermission(Permission.EditPlans);
        group.MapPost("/{year:int}/objectives", AddObjectiveAsync)
            .WithSummary("Add an objective at the end of the year's plan; starts the plan when needed").RequirePermission(Permission.EditPlans);
        group.MapPut("/{year:int}/order", ReorderAsync)
            .WithSummary("Put the year's objectives in the given order (every id once)").RequirePermission(Permission.EditPlans);
        group.MapPost("/{year:int}/next", NextYearAsync)
            .WithSummary("Start next year's plan from this one: the situation and the objectives not done (not started, due a year later), no tasks")
            .RequirePermission(Permission.EditPlans);
        group.MapPut("/objectives/{id:long}", EditObjectiveAsync)
            .WithSummary("Replace an objective's fields with the body's (fields left null are cleared)").RequirePermission(Permission.EditPlans);
        group.MapPut("/objectives/{id:long}/status", SetStatusAsync)
            .WithSummary("Set an objective's status").RequirePermission(Permission.EditPlans);
        group.MapDelete("/objectives/{id:long}", RemoveObjectiveAsync)
            .WithSummary("Remove an objective; its tasks are unlinked and stay").RequirePermission(Permission.EditPlans);
        group.MapPut("/objectives/{id:long}/tasks/{taskId:long}", LinkTaskAsync)
            .WithSummary("Make a task of the account an action of the objective").RequirePermission(Permission.EditPlans);
        group.MapDelete("/objectives/{id:long}/tasks/{taskId:long}", UnlinkTaskAsync)
            .WithSummary("Unlink a task from the objective (the task stays)").RequirePermission(Permission.EditPlans);
        return app;
    }

    private static Task<Results<Ok<PlanDto>, ProblemHttpResult>> GetYearAsync(
        [Description("The customer's key (tax id or import customer id)")] string customer, int year, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        GetAsync(customer, year, m, db, clock, ct);

    private static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> GetAsync(string customer, int? year, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        var plan = id is null ? null : await AccountPlans.GetAsync(db, m.WorkspaceId, id.Value, year ?? ThisYear(m, clock), ct);
        return plan is null ? NoCustomer(customer) : TypedResults.Ok(plan);
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfYearAsync(string customer, int year, CurrentMember m, KaminoDb db, TimeProvider clock,
        CancellationToken ct) => PdfAsync(customer, year, m, db, clock, ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(string customer, int? year, CurrentMember m, KaminoDb db, TimeProvider clock,
        CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        var plan = id is null ? null : await AccountPlans.GetAsync(db, m.WorkspaceId, id.Value, year ?? ThisYear(m, clock), ct);
        if (plan is null)
        {
            return NoCustomer(customer);
        }

        var pdf = PlanPdf.Render(plan, m.Today(clock), PlanPdfLabels.For(CultureInfo.CurrentUICulture.Name));
        return TypedResults.File(pdf, "application/pdf", FileName(plan));
    }

    private static Task<Results<Ok<PlanDto>, ProblemHttpResult, ValidationProblem>> SetSituationAsync(string customer, int year, SituationRequest body, CurrentMember m,
        KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync<Ok<PlanDto>>(db, m, customer, [], async id =>
        {
            var result = await AccountPlans.SetSituationAsync(db, m.WorkspaceId, id, year, new(body.Strengths, body.Weaknesses, body.Opportunities, body.Threats), m.UserId, clock, ct);
            return (result, r => TypedResults.Ok(r.Plan!));
        }, ct);

    private static Task<Results<Created<ObjectiveDto>, ProblemHttpResult, ValidationProblem>> AddObjectiveAsync(string customer, int year, ObjectiveRequest body,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync<Created<ObjectiveDto>>(db, m, customer, Parse(body, out var fields), async id =>
        {
            var result = await AccountPlans.AddObjectiveAsync(db, m.WorkspaceId, id, year, fields, m.UserId, clock, ct);
            return (result, r => TypedResults.Created(
                $"/api/workspaces/{m.Slug}/customers/{Uri.EscapeDataString(customer)}/plan/objectives/{r.ObjectiveId!.Value.ToString(CultureInfo.InvariantCulture)}", Objective(r)));
        }, ct);

    private static Task<Results<Ok<ObjectiveDto>, ProblemHttpResult, ValidationProblem>> EditObjectiveAsync(string customer, long id, ObjectiveRequest body,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync<Ok<ObjectiveDto>>(db, m, customer, Parse(body, out var fields), async customerId =>
            (await AccountPlans.EditObjectiveAsync(db, m.WorkspaceId, customerId, id, fields, m.UserId, clock, ct), r => TypedResults.Ok(Objective(r))), ct);

    private static Task<Results<Ok<ObjectiveDto>, ProblemHttpResult, ValidationProblem>> SetStatusAsync(string customer, long id, StatusRequest body,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var problems = PlanRules.TryParseStatus(body.Status, out var status) ? [] : new List<PlanProblem> { new("status", Said.Of("plan.status", PlanRules.StatusNames)) };
        return ChangeAsync<Ok<ObjectiveDto>>(db, m, customer, problems, async customerId =>
            (await AccountPlans.SetStatusAsync(db, m.WorkspaceId, customerId, id, status, m.UserId, clock, ct), r => TypedResults.Ok(Objective(r))), ct);
    }

    private static Task<Results<Ok<PlanDto>, ProblemHttpResult, ValidationProblem>> ReorderAsync(string customer, int year, OrderRequest body, CurrentMember m,
        KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync<Ok<PlanDto>>(db, m, customer, [], async id =>
            (await AccountPlans.ReorderAsync(db, m.WorkspaceId, id, year, body.ObjectiveIds ?? [], m.UserId, clock, ct), r => TypedResults.Ok(r.Plan!)), ct);

    private static Task<Results<Created<PlanDto>, ProblemHttpResult, ValidationProblem>> NextYearAsync(string customer, int year, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct) =>
        ChangeAsync<Created<PlanDto>>(db, m, customer, [], async id =>
            (await AccountPlans.StartNextYearAsync(db, m.WorkspaceId, id, year, m.UserId, clock, ct),
                r => TypedResults.Created($"/api/workspaces/{m.Slug}/customers/{Uri.EscapeDataString(customer)}/plan/{(year + 1).ToString(CultureInfo.InvariantCulture)}", r.Plan!)), ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveObjectiveAsync(string customer, long id, CurrentMember m, KaminoDb db, TimeProvider clock,
        CancellationToken ct)
    {
        var customerId = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        return customerId is null ? NoCustomer(customer) : (await AccountPlans.RemoveObjectiveAsync(db, m.WorkspaceId, customerId.Value, id, m.UserId, clock, ct)).ToHttp();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LinkTaskAsync(string customer, long id, long taskId, CurrentMember m, KaminoDb db, TimeProvider clock,
        CancellationToken ct)
    {
        var customerId = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        return customerId is null ? NoCustomer(customer) : (await AccountPlans.LinkTaskAsync(db, m.WorkspaceId, customerId.Value, id, taskId, m.UserId, clock, ct)).ToHttp();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnlinkTaskAsync(string customer, long id, long taskId, CurrentMember m, KaminoDb db, TimeProvider clock,
        CancellationToken ct)
    {
        var customerId = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        return customerId is null ? NoCustomer(customer) : (await AccountPlans.UnlinkTaskAsync(db, m.WorkspaceId, customerId.Value, taskId, m.UserId, clock, id, ct)).ToHttp();
    }

    /// <summary>
    /// 404 for an unknown customer, 403 when the member may not edit its plan (before anything about the body), 400 with
    /// the body's problems read here (area, status), else the library's change and its outcome.
    /// </summary>
    private static async Task<Results<T, ProblemHttpResult, ValidationProblem>> ChangeAsync<T>(KaminoDb db, CurrentMember m, string customer, List<PlanProblem> problems,
        Func<long, Task<(PlanResult Result, Func<PlanResult, T> Done)>> change, CancellationToken ct)
        where T : IResult
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        if (id is null)
        {
            return NoCustomer(customer);
        }

        if (!await AccountPlans.MayEditAsync(db, m.WorkspaceId, id.Value, m.UserId, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "The owner KAM of the account, their Lead KAM and a Director edit its plan; everyone else reads it.");
        }

        if (problems.Count > 0)
        {
            return Validation(problems);
        }

        var (result, done) = await change(id.Value);
        if (result.Change.Succeeded)
        {
            return done(result);
        }

        return result.Change.Outcome is ChangeOutcome.Invalid && result.Problems.Count > 0
            ? Validation(result.Problems)
            : result.Change.ToHttp().Result as ProblemHttpResult ?? throw new InvalidOperationException("a failed change has a problem");
    }

    /// <summary>The body as library input, and what is wrong with its area and status names.</summary>
    private static List<PlanProblem> Parse(ObjectiveRequest body, out ObjectiveFields fields)
    {
        var problems = new List<PlanProblem>();
        if (!PlanRules.TryParseArea(body.Area, out var area))
        {
            problems.Add(new("area", Said.Of("plan.area", PlanRules.AreaNames)));
        }

        var status = ObjectiveStatus.NotStarted;
        if (!string.IsNullOrWhiteSpace(body.Status) && !PlanRules.TryParseStatus(body.Status, out status))
        {
            problems.Add(new("status", Said.Of("plan.status", PlanRules.StatusNames)));
        }

        fields = new ObjectiveFields(area, body.Title, body.OwnerUserId, body.Measure, body.Target, body.DueOn, status);
        problems.AddRange(PlanRules.Problems(fields).Where(p => p.Field is not ("area" or "status")));
        return problems;
    }

    private static ObjectiveDto Objective(PlanResult result) => result.Plan!.Objectives.First(o => o.Id == result.ObjectiveId);

    internal static int ThisYear(CurrentMember m, TimeProvider clock) => m.Today(clock).Year;

    internal static string FileName(PlanDto plan) =>
        $"plan-{new string(plan.CustomerKey.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray())}-{plan.Year.ToString(CultureInfo.InvariantCulture)}.pdf";

    private static ProblemHttpResult NoCustomer(string customer) => ChangeResults.NotFound($"No customer '{customer}' in this workspace.");

    private static ValidationProblem Validation(IReadOnlyList<PlanProblem> problems) =>
        TypedResults.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: "The plan change is not valid.");
}
