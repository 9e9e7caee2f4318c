using System.Globalization;
using Kamino.Accounts;
using Kamino.Analysis;
using Kamino.Audit;
using Kamino.Customers;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Customers;

/// <summary>
/// A customer's account page: name, key-account badge and tier, revenue over the dashboard's default period and
/// its monthly chart, the key-account score explained by its parts (PRODUCT.md §3), the rating form and the
/// referrals (for whom <see cref="Ratings.MayRate"/> allows), the account team (changed by whom
/// <see cref="AccountTeams.MayChangeTeam"/> allows), designation to a tier and undesignation with a reason
/// (<see cref="Permission.Designate"/>), the designation history and the account's audit trail. Every post is
/// checked again by the library (<see cref="Ratings.RateAsync"/>, <see cref="Referrals.SetAsync"/>,
/// <see cref="Designations.DesignateAsync"/>). Each section is its own component (<see cref="AccountScoreSection"/>,
/// <see cref="AccountReferralsSection"/>, <see cref="AccountTeamSection"/>, <see cref="AccountDesignationSection"/>,
/// <see cref="AccountAuditSection"/>) showing what this page loaded; their plain forms post back to this page's handlers.
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
    private Func<string, string?> auditPeople = _ => null;
    private Dictionary<string, string> names = [];
    private AccountDetail? detail;
    private List<RevenueBar> months = [];
    private IReadOnlyList<TierDto> tiers = [];
    private Dictionary<string, string> customerNames = [];
    private bool mayRate;
    private AccountForms forms = new();
    private DesignationConfirmation? confirmation;
    private Kamino.Satisfaction.AccountSatisfaction? satisfaction;

    [Parameter]
    public string Key { get; set; } = "";

    protected override async Task LoadAsync(CurrentMember member)
    {
        var id = await CustomerIdAsync(member);
        team = id is null ? null : await AccountTeams.GetAsync(Db, member.WorkspaceId, id.Value, Aborted);
        if (team is null)
        {
            Navigation.NotFound();
            return;
        }

        mayChangeTeam = await MayChangeTeamAsync(member, team);
        members = (await Members.ListAsync(Db, member.WorkspaceId, Aborted)).Where(m => !m.Disabled).ToList();
        names = members.ToDictionary(m => m.UserId, m => m.Name, StringComparer.Ordinal);
        period = await ParetoQuery.ResolvePeriodAsync(Db, member.WorkspaceId, new ParetoRequest(), Aborted);
        revenue = period is { } p
            ? await Db.SaleDays.Where(d => d.WorkspaceId == member.WorkspaceId && d.CustomerId == team.CustomerId && d.Date >= p.From && d.Date <= p.To)
                .SumAsync(d => d.NetCents, Aborted) / 100m
            : 0m;
        satisfaction = await Kamino.Satisfaction.SatisfactionFigures.ForAccountAsync(Db, member.WorkspaceId, team.CustomerId, Aborted);
        history = await Kamino.Customers.Designations.HistoryAsync(Db, member.WorkspaceId, team.CustomerId, Aborted);
        audit = await AuditLog.For(Db, member.WorkspaceId, team.CustomerId).Take(AuditRows).ToListAsync(Aborted);
        auditPeople = await AuditLog.PeopleAsync(Db, member.WorkspaceId, Aborted);

        detail = await KeyAccounts.ShowAsync(Db, member.WorkspaceId, Key, new ParetoRequest(), Aborted);
        var series = await AnalysisQueries.SeriesAsync(Db, member.WorkspaceId, Key, new ParetoRequest(), Aborted);
        months = series.Report?.Months.Select(m => new RevenueBar(m.Month, m.Revenue, m.Partial)).ToList() ?? [];
        tiers = Tiers.Describe(await Tiers.NamesAsync(Db, member.WorkspaceId, Aborted));
        forms = AccountForms.Read(Posted, team.Owner?.UserId, detail?.Account.Tier ?? (tiers.Count > 0 ? tiers[0].Name : null));
        mayRate = Ratings.MayRate(member.Role, team.Members.Any(m => m.UserId == member.UserId));
        customerNames = await Referrals.ChoicesAsync(Db, member.WorkspaceId, detail?.ReferredBy, Aborted);
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
        AccountTeams.SetOwnerAsync(Db, me.WorkspaceId, id, forms.OwnerUserId ?? "", me.UserId, Clock, Department.Sales, Aborted));

    private Task AddMemberAsync() => TeamChangeAsync((id, me) =>
        AccountTeams.SetMemberAsync(Db, me.WorkspaceId, id, forms.MemberUserId ?? "", forms.MemberDepartment, me.UserId, Clock, Aborted));

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

        if (!Refused(await change(team.CustomerId, me), auditPeople))
        {
            Reload("team");
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

        var tier = string.IsNullOrWhiteSpace(forms.DesignationTier) ? null : forms.DesignationTier;
        var current = tiers.FirstOrDefault(t => t.Name == detail?.Account.Tier);
        var to = tiers.FirstOrDefault(t => t.Name == tier);
        var demotes = to is not null && (current is not null ? to.Rank > current.Rank : team.IsKeyAccount && !to.IsKey);
        if (demotes && Posted("confirm") != "yes" && !string.IsNullOrWhiteSpace(forms.DesignationReason))
        {
            // A demotion is asked once more, with what it means, before it is made.
            confirmation = DesignationConfirmation.Demote;
            return;
        }

        if (!Refused(await Designations.DesignateAsync(Db, me.WorkspaceId, team.CustomerId, tier, forms.DesignationReason ?? "", me.UserId, Clock, Aborted)))
        {
            Reload("designated");
        }
    }

    private async Task UndesignateAsync()
    {
        var me = Member!;
        if (!me.Can(Permission.Designate) || team is null)
        {
            Forbidden();
            return;
        }

        if (Posted("confirm") != "yes" && !string.IsNullOrWhiteSpace(forms.UndesignationReason))
        {
            confirmation = DesignationConfirmation.Undesignate;
            return;
        }

        if (!Refused(await Designations.UndesignateAsync(Db, me.WorkspaceId, team.CustomerId, forms.UndesignationReason ?? "", me.UserId, Clock, Aborted)))
        {
            Reload("undesignated");
        }
    }

    /// <summary>
    /// Records the criteria whose posted rating differs from the current one (all posted ones when only a note
    /// is added). <see cref="Ratings.RateAsync"/> checks the role and the KAM's account team again.
    /// </summary>
    private async Task RateAsync()
    {
        var me = Member!;
        if (!me.Can(Permission.Rate) || team is null || detail is null)
        {
            Forbidden();
            return;
        }

        var posted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in detail.Score.Criteria)
        {
            var raw = Posted("rating-" + c.Key);
            if (string.IsNullOrEmpty(raw))
            {
                continue;
            }

            if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                Refuse(StatusCodes.Status400BadRequest, L["BadForm"]);
                return;
            }

            posted[c.Key] = value;
        }

        var note = Posted("note");
        var changed = posted.Where(p => detail.Score.Criteria.First(c => c.Key == p.Key).Rating != p.Value).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var ratings = changed.Count > 0 || string.IsNullOrWhiteSpace(note) ? changed : posted;
        if (!Refused(await Ratings.RateAsync(Db, me.WorkspaceId, team.CustomerId, ratings, note, me.UserId, Clock, Aborted)))
        {
            Reload("rated");
        }
    }

    /// <summary>Records (or clears, with an empty choice) who referred this customer; <see cref="Referrals.SetAsync"/> checks who may.</summary>
    private async Task ReferAsync()
    {
        var me = Member!;
        if (!me.Can(Permission.Rate) || team is null)
        {
            Forbidden();
            return;
        }

        long? referrer = null;
        if (Posted("referrer") is { Length: > 0 } key)
        {
            referrer = await Db.Customers.Where(c => c.WorkspaceId == me.WorkspaceId && c.Key == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(Aborted);
            if (referrer is null)
            {
                Refuse(StatusCodes.Status404NotFound, L["NoSuchAccount", key]);
                return;
            }
        }

        if (!Refused(await Referrals.SetAsync(Db, me.WorkspaceId, team.CustomerId, referrer, me.UserId, Clock, Aborted)))
        {
            Reload("referral");
        }
    }

    /// <summary>The library's reason for a suggestion, in the page's language.</summary>
    private string SuggestedBecause(ScoreBreakdown score) => score.SuggestedBecause switch
    {
        "class A" => L["BecauseClassA"],
        "score ≥ threshold" => L["BecauseScore", Formats.Number(score.SuggestThreshold, 2, Culture)],
        "class A and score ≥ threshold" => L["BecauseBoth", Formats.Number(score.SuggestThreshold, 2, Culture)],
        var other => other ?? "",
    };
}
