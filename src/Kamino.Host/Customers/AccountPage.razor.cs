using Kamino.Analysis;
using Kamino.Audit;
using Kamino.Host.Web;
using Kamino.Team;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Customers;

/// <summary>
/// A customer's account page: name, key-account badge, revenue over the dashboard's default period, the
/// account team (changed by whom <see cref="AccountTeams.MayChangeTeam"/> allows), designation with a reason
/// (<see cref="Permission.Designate"/>), the designation history and the account's audit trail.
/// </summary>
public partial class AccountPage
{
    /// <summary>Most audit entries shown; the API pages further.</summary>
    public const int AuditRows = 100;

    private AccountTeamDto? team;
    private decimal revenue;
    private DateRange? period;
    private bool mayChangeTeam;
    private List<MemberDto> members = [];
    private IReadOnlyList<Kamino.Customers.DesignationDto> history = [];
    private List<AuditEntry> audit = [];
    private Dictionary<string, string> emails = [];

    [Parameter]
    public string Key { get; set; } = "";

    [SupplyParameterFromForm(FormName = "team-owner")]
    private TeamForm? Owner { get; set; }

    [SupplyParameterFromForm(FormName = "team-member")]
    private TeamForm? TeamMember { get; set; }

    [SupplyParameterFromForm(FormName = "designation")]
    private DesignationForm? Designation { get; set; }

    protected override async Task LoadAsync(CurrentMember member)
    {
        Owner ??= new TeamForm();
        TeamMember ??= new TeamForm();
        Designation ??= new DesignationForm();
        var id = await CustomerIdAsync(member);
        team = id is null ? null : await AccountTeams.GetAsync(Db, member.WorkspaceId, id.Value, Aborted);
        if (team is null)
        {
            Navigation.NotFound();
            return;
        }

        mayChangeTeam = await MayChangeTeamAsync(member, team);
        members = (await Members.ListAsync(Db, member.WorkspaceId, Aborted)).Where(m => !m.Disabled).ToList();
        emails = members.ToDictionary(m => m.UserId, m => m.Email, StringComparer.Ordinal);
        Owner.UserId ??= team.Owner?.UserId;
        period = await ParetoQuery.ResolvePeriodAsync(Db, member.WorkspaceId, new ParetoRequest(), Aborted);
        revenue = period is { } p
            ? await Db.SaleLines.Where(s => s.WorkspaceId == member.WorkspaceId && s.CustomerId == team.CustomerId && s.Date >= p.From && s.Date <= p.To)
                .SumAsync(s => s.NetCents, Aborted) / 100m
            : 0m;
        history = await Kamino.Customers.Designations.HistoryAsync(Db, member.WorkspaceId, team.CustomerId, Aborted);
        audit = await AuditLog.For(Db, member.WorkspaceId, team.CustomerId).Take(AuditRows).ToListAsync(Aborted);
    }

    private Task<long?> CustomerIdAsync(CurrentMember member) =>
        Db.Customers.Where(c => c.WorkspaceId == member.WorkspaceId && c.Key == Key).Select(c => (long?)c.Id).FirstOrDefaultAsync(Aborted);

    /// <summary>The role may manage account teams, and the scope rule allows this account (a Lead KAM: theirs or their KAMs').</summary>
    private async Task<bool> MayChangeTeamAsync(CurrentMember member, AccountTeamDto account)
    {
        if (!member.Can(Permission.ManageAccountTeams))
        {
            return false;
        }

        AccountOwner? owner = null;
        if (account.Owner is { } o)
        {
            var supervisor = await Db.Memberships.AsNoTracking()
                .Where(m => m.WorkspaceId == member.WorkspaceId && m.UserId == o.UserId)
                .Select(m => m.SupervisorUserId).FirstOrDefaultAsync(Aborted);
            owner = new AccountOwner(o.UserId, o.Role, supervisor);
        }

        return AccountTeams.MayChangeTeam(member.Role, member.UserId, owner);
    }

    // AccountTeams and Designations check the role and scope themselves; a refusal comes back as a result.
    private Task SetOwnerAsync() => TeamChangeAsync((id, me) =>
        AccountTeams.SetOwnerAsync(Db, me.WorkspaceId, id, Owner!.UserId ?? "", me.UserId, Clock, Department.Sales, Aborted));

    private Task AddMemberAsync() => TeamChangeAsync((id, me) =>
        AccountTeams.SetMemberAsync(Db, me.WorkspaceId, id, TeamMember!.UserId ?? "", TeamMember.Department, me.UserId, Clock, Aborted));

    private Task RemoveMemberAsync() => TeamChangeAsync((id, me) =>
        AccountTeams.RemoveMemberAsync(Db, me.WorkspaceId, id, Posted("id") ?? "", me.UserId, Clock, Aborted));

    private async Task TeamChangeAsync(Func<long, CurrentMember, Task<ChangeResult>> change)
    {
        var me = Member!;
        if (!me.Can(Permission.ManageAccountTeams) || team is null)
        {
            Forbidden();
            return;
        }

        if (!Refused(await change(team.CustomerId, me)))
        {
            Reload();
        }
    }

    private async Task DesignateAsync()
    {
        var me = Member!;
        if (!me.Can(Permission.Designate) || team is null)
        {
            Forbidden();
            return;
        }

        var result = await Kamino.Customers.Designations.SetAsync(Db, me.WorkspaceId, team.CustomerId, !team.IsKeyAccount, Designation!.Reason ?? "", me.UserId, Clock, Aborted);
        if (!Refused(result))
        {
            Reload();
        }
    }

    internal sealed class TeamForm
    {
        public string? UserId { get; set; }

        public Department Department { get; set; } = Department.Sales;
    }

    internal sealed class DesignationForm
    {
        public string? Reason { get; set; }
    }
}
