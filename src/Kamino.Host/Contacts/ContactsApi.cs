using System.ComponentModel;
using Kamino.Contacts;
using Kamino.Data;
using Kamino.Host.Accounts;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Contacts;

/// <summary>
/// The people at a customer over HTTP: <c>/api/workspaces/{workspace}/customers/{customer}/contacts</c>. Every member
/// reads them; who may serve the account (<see cref="Permissions.MayServe"/>) adds, edits and removes them.
/// </summary>
public static class ContactsApi
{
    /// <summary>A contact as it should be (POST: the new one; PUT: the whole contact after the edit).</summary>
    /// <param name="Name">Required, up to 200 characters.</param>
    /// <param name="Email">One plain address (name@example.com), or null.</param>
    /// <param name="Phone">Digits with optional spaces, '-', '.', '(' and ')', '+' only at the start; 6 to 20 digits. Or null.</param>
    /// <param name="Role">Role in the decision: decisionMaker (or decision-maker), influencer, user, gatekeeper, champion; or null.</param>
    /// <param name="Influence">Influence on the decision, 1–5, or null.</param>
    /// <param name="Strength">Strength of the relationship, 1–5, or null.</param>
    /// <param name="IsPrimary">Make this the customer's primary contact (the previous one stops being it).</param>
    /// <param name="KnownByUserIds">User ids of the workspace members who know this person.</param>
    public sealed record ContactRequest(
        string? Name,
        string? Title = null,
        string? Email = null,
        string? Phone = null,
        string? Role = null,
        int? Influence = null,
        int? Strength = null,
        string? Notes = null,
        bool IsPrimary = false,
        IReadOnlyList<string>? KnownByUserIds = null);

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/customers/{customer}/contacts").WithTags("Contacts");
        group.MapGet("/", ListAsync)
            .WithSummary("The people at a customer, the primary contact first").RequirePermission(Permission.View);
        group.MapPost("/", AddAsync)
            .WithSummary("Add a contact to a customer (who may serve the account: a KAM or Collaborator only on its team)")
            .RequirePermission(Permission.ServeAccounts);
        group.MapPut("/{id:long}", EditAsync)
            .WithSummary("Replace a contact's fields with the body's (fields left null are cleared)").RequirePermission(Permission.ServeAccounts);
        group.MapDelete("/{id:long}", RemoveAsync)
            .WithSummary("Delete a contact for good: who knew it and its part in activities go with it; the NPS it gave stays, anonymous")
            .RequirePermission(Permission.ServeAccounts);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ContactDto>>, ProblemHttpResult>> ListAsync(
        [Description("The customer's key (tax id or import customer id)")] string customer, CurrentMember m, KaminoDb db, CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        return id is null ? NoCustomer(customer) : TypedResults.Ok(await CustomerContacts.ListAsync(db, m.WorkspaceId, id.Value, ct));
    }

    private static async Task<Results<Created<ContactDto>, ProblemHttpResult, ValidationProblem>> AddAsync(
        string customer, ContactRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        if (id is null)
        {
            return NoCustomer(customer);
        }

        var (forbidden, invalid) = await CheckAsync(db, m, id.Value, body);
        if (forbidden is not null)
        {
            return forbidden;
        }

        if (invalid is not null)
        {
            return invalid;
        }

        var result = await CustomerContacts.AddAsync(db, m.WorkspaceId, id.Value, Fields(body), m.UserId, clock, ct);
        return result.Change.Succeeded
            ? TypedResults.Created($"/api/workspaces/{m.Slug}/customers/{Uri.EscapeDataString(customer)}/contacts/{result.Contact!.Id}", result.Contact)
            : Failed<Created<ContactDto>>(result);
    }

    private static async Task<Results<Ok<ContactDto>, ProblemHttpResult, ValidationProblem>> EditAsync(
        string customer, long id, ContactRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var customerId = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        if (customerId is null)
        {
            return NoCustomer(customer);
        }

        var (forbidden, invalid) = await CheckAsync(db, m, customerId.Value, body);
        if (forbidden is not null)
        {
            return forbidden;
        }

        if (invalid is not null)
        {
            return invalid;
        }

        var result = await CustomerContacts.EditAsync(db, m.WorkspaceId, customerId.Value, id, Fields(body), m.UserId, clock, ct);
        return result.Change.Succeeded ? TypedResults.Ok(result.Contact!) : Failed<Ok<ContactDto>>(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string customer, long id, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var customerId = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        return customerId is null ? NoCustomer(customer) : (await CustomerContacts.RemoveAsync(db, m.WorkspaceId, customerId.Value, id, m.UserId, clock, ct)).ToHttp();
    }

    /// <summary>
    /// 403 when the member may not keep this customer's contacts (before anything about the body is said), else 400
    /// with every problem of the body keyed by its field; neither when the body may go to the library.
    /// </summary>
    private static async Task<(ProblemHttpResult? Forbidden, ValidationProblem? Invalid)> CheckAsync(KaminoDb db, CurrentMember m, long customerId, ContactRequest body)
    {
        if (!await CustomerContacts.MayKeepAsync(db, m.WorkspaceId, customerId, m.UserId))
        {
            return (TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "You may keep the contacts only of accounts you serve (a KAM or Collaborator: those whose team you are on)."), null);
        }

        var problems = ContactRules.Problems(Fields(body)).ToList();
        if (!string.IsNullOrWhiteSpace(body.Role) && !ContactRules.TryParseRole(body.Role, out _))
        {
            problems.Add(new("role", Said.Of("contact.role", body.Role, ContactRules.RoleNames)));
        }

        return (null, problems.Count > 0 ? Validation(problems) : null);
    }

    private static ContactFields Fields(ContactRequest body) => new(
        body.Name, body.Title, body.Email, body.Phone,
        ContactRules.TryParseRole(body.Role, out var role) ? role : null,
        body.Influence, body.Strength, body.Notes, body.IsPrimary, body.KnownByUserIds);

    private static ProblemHttpResult NoCustomer(string customer) => ChangeResults.NotFound($"No customer '{customer}' in this workspace.");

    private static ValidationProblem Validation(IReadOnlyList<ContactProblem> problems) =>
        TypedResults.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: "The contact is not valid.");

    private static Results<T, ProblemHttpResult, ValidationProblem> Failed<T>(ContactResult result)
        where T : IResult => result.Change.Outcome is ChangeOutcome.Invalid && result.Problems.Count > 0
            ? Validation(result.Problems)
            : result.Change.ToHttp().Result as ProblemHttpResult ?? throw new InvalidOperationException("a failed change has a problem");
}
