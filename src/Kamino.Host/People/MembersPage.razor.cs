using Kamino.Email;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.People;

/// <summary>
/// The people of the workspace: email, name, role and supervisor. A Director (<see cref="Permission.ManageMembers"/>)
/// also invites by email, changes roles, sets supervisors and removes members, through the library calls of
/// the members API.
/// </summary>
public partial class MembersPage
{
    private List<MemberDto> members = [];
    private InvitationShown? invited;

    [SupplyParameterFromForm(FormName = "member-invite")]
    private InviteForm? Invitation { get; set; }

    [Inject]
    private SmtpSettings Smtp { get; set; } = default!;

    [Inject]
    private EmailSender Email { get; set; } = default!;

    [Inject]
    private PublicUrl PublicUrl { get; set; } = default!;

    private bool CanManage => Member?.Can(Permission.ManageMembers) == true;

    private sealed record InvitationShown(string Email, Role Role, string Link, bool Emailed);

    protected override async Task LoadAsync(CurrentMember member)
    {
        Invitation ??= new InviteForm();
        members = (await Members.ListAsync(Db, member.WorkspaceId, Aborted)).ToList();
    }

    private async Task InviteAsync()
    {
        var me = Member!;
        if (!CanManage)
        {
            Forbidden();
            return;
        }

        var (result, invitation) = await Invitations.InviteAsync(Db, me.WorkspaceId, Invitation!.Email ?? "", Invitation.Role, me.UserId, Clock, Aborted);
        if (Refused(result, PeopleOf(members)) || invitation is null)
        {
            return;
        }

        var (link, emailed) = await MembersApi.SendInvitationAsync(invitation, me.WorkspaceName, PublicUrl, Smtp, Email, Aborted);
        // The token exists only now: the link is shown on this response, not after a redirect.
        invited = new InvitationShown(invitation.Email, invitation.Role, link, emailed);
        Invitation = new InviteForm();
        await LoadAsync(me);
    }

    private async Task ChangeRoleAsync()
    {
        var userId = PostedUserId();
        if (!CanManage || userId is null)
        {
            Forbidden();
            return;
        }

        if (!Enum.TryParse<Role>(Posted("role-" + userId), out var role) || !Enum.IsDefined(role))
        {
            Refuse(StatusCodes.Status400BadRequest, L["BadForm"]);
            return;
        }

        await DoneAsync(await Members.ChangeRoleAsync(Db, Member!.WorkspaceId, userId, role, Member.UserId, Clock, Aborted));
    }

    private async Task SetSupervisorAsync()
    {
        var userId = PostedUserId();
        if (!CanManage || userId is null)
        {
            Forbidden();
            return;
        }

        var lead = Posted("lead-" + userId);
        await DoneAsync(await Members.SetSupervisorAsync(Db, Member!.WorkspaceId, userId, string.IsNullOrEmpty(lead) ? null : lead, Member.UserId, Clock, Aborted));
    }

    private async Task RemoveAsync()
    {
        var userId = PostedUserId();
        if (!CanManage || userId is null)
        {
            Forbidden();
            return;
        }

        await DoneAsync(await Members.RemoveAsync(Db, Member!.WorkspaceId, userId, Member.UserId, Clock, Aborted));
    }

    private Task DoneAsync(ChangeResult result)
    {
        if (!Refused(result, PeopleOf(members)))
        {
            Reload();
        }

        return Task.CompletedTask;
    }

    /// <summary>The user named by the posted <c>id</c> (a user id, which Identity makes a GUID).</summary>
    private string? PostedUserId() => Posted("id") is { Length: > 0 and <= 450 } id ? id : null;

    internal sealed class InviteForm
    {
        public string? Email { get; set; }

        public Role Role { get; set; } = Role.Kam;
    }
}
