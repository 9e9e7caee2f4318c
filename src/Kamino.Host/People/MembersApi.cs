using Kamino.Data;
using Kamino.Email;
using Kamino.Host.SignIn;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.SignIn;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Kamino.Host.People;

/// <summary>The people of a workspace over HTTP, and accepting an invitation.</summary>
public static class MembersApi
{
    public sealed record InviteRequest(string Email, Role Role);

    /// <summary>The invitation as created. <paramref name="Link"/> is the one-time link (also emailed when SMTP is set up).</summary>
    public sealed record InvitationResponse(long Id, string Email, Role Role, DateTimeOffset ExpiresAt, string Link, bool Emailed);

    public sealed record RoleRequest(Role Role);

    public sealed record SupervisorRequest(string? LeadUserId);

    /// <summary>
    /// <see cref="Password"/>: a new password, or the password of the existing account with the invitation's email
    /// (then <see cref="TwoFactorCode"/> too when that account has two-factor sign-in: authenticator or recovery code).
    /// </summary>
    public sealed record AcceptRequest(string Password, string? DisplayName = null, string? TwoFactorCode = null);

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/members").WithTags("Members");
        group.MapGet("/", (CurrentMember m, KaminoDb db, CancellationToken ct) => ListAsync(m, db, ct))
            .WithSummary("Members with their roles and supervisors").RequirePermission(Permission.View);
        group.MapPost("/invitations", InviteAsync).WithSummary("Invite someone by email (a one-time link valid 7 days)").RequirePermission(Permission.ManageMembers);
        group.MapPut("/{userId}/role", (string userId, RoleRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                Change(Members.ChangeRoleAsync(db, m.WorkspaceId, userId, body.Role, m.UserId, clock, ct)))
            .WithSummary("Change a member's role").RequirePermission(Permission.ManageMembers);
        group.MapPut("/{userId}/supervisor", (string userId, SupervisorRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                Change(Members.SetSupervisorAsync(db, m.WorkspaceId, userId, body.LeadUserId, m.UserId, clock, ct)))
            .WithSummary("Set (or clear) the Lead KAM who supervises a KAM").RequirePermission(Permission.ManageMembers);
        group.MapDelete("/{userId}", (string userId, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                Change(Members.RemoveAsync(db, m.WorkspaceId, userId, m.UserId, clock, ct)))
            .WithSummary("Remove a member from the workspace").RequirePermission(Permission.ManageMembers);

        app.MapGet("/api/me/workspaces", async (HttpContext http, KaminoDb db, CancellationToken ct) =>
                TypedResults.Ok(await Members.WorkspacesOfAsync(db, http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, ct)))
            .WithTags("Members").WithSummary("The workspaces I belong to").RequireAuthorization();
        app.MapPost("/api/invitations/{token}/accept", AcceptAsync)
            .WithTags("Members").WithSummary("Accept an invitation: set a password (new users) and join the workspace")
            .AllowAnonymous().RequireRateLimiting(AuthApi.LoginRateLimit);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<MemberDto>>> ListAsync(CurrentMember m, KaminoDb db, CancellationToken ct) =>
        TypedResults.Ok(await Members.ListAsync(db, m.WorkspaceId, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Change(Task<ChangeResult> change) => (await change).ToHttp();

    internal static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> InviteAsync(
        InviteRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, SmtpSettings smtp, EmailSender email, PublicUrl publicUrl, CancellationToken ct)
    {
        var (result, invitation) = await Invitations.InviteAsync(db, m.WorkspaceId, body.Email ?? "", body.Role, m.UserId, clock, ct);
        if (invitation is null)
        {
            return result.ToHttp().Result is ProblemHttpResult p ? p : ChangeResults.NotFound("Invitation not created.");
        }

        var (link, emailed) = await SendInvitationAsync(invitation, m.WorkspaceName, publicUrl, smtp, email, ct);
        return TypedResults.Ok(new InvitationResponse(invitation.Id, invitation.Email, invitation.Role, invitation.ExpiresAt, link, emailed));
    }

    /// <summary>
    /// The one-time link of a new invitation, emailed to the invitee when SMTP is set up (shared by the API and
    /// the members page).
    /// </summary>
    internal static async Task<(string Link, bool Emailed)> SendInvitationAsync(
        IssuedInvitation invitation, string workspaceName, PublicUrl publicUrl, SmtpSettings smtp, EmailSender email, CancellationToken ct)
    {
        // From the configured public URL, never from the request: its Host header is the client's choice.
        var link = publicUrl.For("/invite/" + invitation.Token);
        if (!smtp.IsConfigured)
        {
            return (link, false);
        }

        var text = $"You are invited to join {workspaceName} on Kamino as {invitation.Role}.\n\nSet your password here (valid until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC, once):\n{link}\n";
        var html = $"<p>You are invited to join <b>{System.Net.WebUtility.HtmlEncode(workspaceName)}</b> on Kamino as {invitation.Role}.</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Set your password</a> (valid until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC, once).</p>";
        await email.SendAsync(new EmailMessage(new EmailRecipient(invitation.Email, invitation.Email), $"Invitation to {workspaceName} on Kamino", text, html), ct);
        return (link, true);
    }

    /// <summary>How accepting an invitation ended; <see cref="Problem"/> says why when it did not.</summary>
    /// <param name="Errors">The password rules' complaints, when they are why the invitation was not accepted (the page words them).</param>
    internal sealed record AcceptOutcome(int Status, UserWorkspaceDto? Workspace, string? Title = null, string? Problem = null, IReadOnlyList<IdentityError>? Errors = null);

    /// <summary>The title of every refusal of the credentials, for new and existing accounts alike.</summary>
    internal const string NotAcceptedTitle = "Invitation not accepted";

    /// <summary>The detail of a refusal when the password itself meets the rules.</summary>
    internal const string NotAcceptedDetail =
        "Choose a new password or, if you already have a Kamino account with this email, enter its password (and an authenticator or recovery code if it has two-factor sign-in).";

    /// <summary>
    /// Accepts an invitation (shared by the API and the invitation page): a new user is created with
    /// <paramref name="password"/>; an existing user must give their own password, so the link alone cannot add them.
    /// </summary>
    /// <remarks>
    /// The answer does not tell whether the invitation's email has an account (the link may have leaked), and an
    /// existing account's password cannot be guessed here faster than on the sign-in form:
    /// <list type="bullet">
    /// <item>an existing account goes through the sign-in checks (<see cref="KaminoSignInManager.CheckCredentialsAsync"/>):
    /// lockout, failures counted, a disabled account refused, the second factor; the endpoint and page share the
    /// sign-in rate limit;</item>
    /// <item>every refusal of the credentials is 400 <see cref="NotAcceptedTitle"/> with the same detail for both: the
    /// password rules' errors when the given password breaks them (computed for existing accounts too), else
    /// <see cref="NotAcceptedDetail"/>; a new email costs the same hashing work (a dummy hash is checked).</item>
    /// </list>
    /// A password that meets the rules tells them apart only by succeeding for a new email, which uses up the
    /// invitation and creates the account: whoever holds the link can do that anyway.
    /// </remarks>
    internal static async Task<AcceptOutcome> AcceptInvitationAsync(
        string token, string? password, string? displayName, string? twoFactorCode, KaminoDb db, KaminoSignInManager signIn, TimeProvider clock, CancellationToken ct)
    {
        var check = await Invitations.CheckAsync(db, token, clock, ct);
        if (check.Status != InvitationStatus.Valid)
        {
            return new AcceptOutcome(StatusCodes.Status404NotFound, null, "Not found", $"This invitation is not valid ({check.Status}).");
        }

        var users = signIn.UserManager;
        var target = check.Target!;
        password ??= "";
        var user = await users.FindByEmailAsync(target.Email);
        // The account a new email gets; for an existing one, what the password rules are checked against (same answer).
        var candidate = new KaminoUser { UserName = target.Email, Email = target.Email, EmailConfirmed = true, DisplayName = displayName?.Trim() is { Length: > 0 } n ? n : target.Email };
        if (user is null)
        {
            user = candidate;
            if (await RuleErrorsAsync(users, user, password) is { } broken)
            {
                signIn.VerifyDummyPassword(password);
                return NotAccepted(broken);
            }

            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return NotAccepted([.. created.Errors]);
            }
        }
        else
        {
            var result = await signIn.CheckCredentialsAsync(user, password, twoFactorCode);
            if (!result.Succeeded)
            {
                if (result.IsLockedOut)
                {
                    SecurityLog.LockedOut(signIn.Context, target.Email);
                }
                else
                {
                    SecurityLog.SignInFailed(signIn.Context, target.Email, "InvitationCredentials");
                }

                return NotAccepted(await RuleErrorsAsync(users, candidate, password));
            }
        }

        var accepted = await Invitations.AcceptAsync(db, token, clock, ct);
        if (accepted.Status != InvitationStatus.Valid)
        {
            return new AcceptOutcome(StatusCodes.Status404NotFound, null, "Not found", $"This invitation is not valid ({accepted.Status}).");
        }

        var added = await Members.AddAsync(db, target.WorkspaceId, user.Id, target.Role, null, clock, ct);
        if (!added.Succeeded && added.Outcome != ChangeOutcome.Invalid)
        {
            return new AcceptOutcome(StatusCodes.Status404NotFound, null, "Not found", added.Problem);
        }

        return new AcceptOutcome(StatusCodes.Status200OK, new UserWorkspaceDto(target.WorkspaceId, target.WorkspaceSlug, target.WorkspaceSlug, target.Role));
    }

    /// <summary>The password rules' complaints about <paramref name="password"/> for <paramref name="user"/>, or null.</summary>
    private static async Task<List<IdentityError>?> RuleErrorsAsync(UserManager<KaminoUser> users, KaminoUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors);
        }

        return errors.Count == 0 ? null : errors;
    }

    /// <summary>Not accepted: the rules' complaints (the API's detail in English), or the one answer for wrong credentials.</summary>
    private static AcceptOutcome NotAccepted(List<IdentityError>? errors) =>
        new(StatusCodes.Status400BadRequest, null, NotAcceptedTitle, errors is null ? NotAcceptedDetail : string.Join(" ", errors.Select(e => e.Description)), errors);

    internal static async Task<Results<Ok<UserWorkspaceDto>, ProblemHttpResult>> AcceptAsync(
        string token, AcceptRequest body, KaminoDb db, KaminoSignInManager signIn, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await AcceptInvitationAsync(token, body.Password, body.DisplayName, body.TwoFactorCode, db, signIn, clock, ct);
        return outcome.Workspace is { } joined
            ? TypedResults.Ok(joined)
            : TypedResults.Problem(statusCode: outcome.Status, title: outcome.Title, detail: outcome.Problem);
    }
}
