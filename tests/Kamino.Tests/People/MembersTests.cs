using System.Security.Cryptography;
using System.Text;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.People;

/// <summary>Members, roles, supervisors and invitations on SQLite and PostgreSQL (sealed subclasses at the end).</summary>
public abstract class MembersTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(TeamData.Start);

    // Two workspaces with the same shape: whatever is done in A must leave B as it was.
    private int a;
    private int b;
    private string director = "";
    private string lead = "";
    private string kam = "";
    private string otherDirector = "";

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        director = await TeamData.MemberAsync(db, a, "dora@a.test", Role.Director);
        lead = await TeamData.MemberAsync(db, a, "lena@a.test", Role.LeadKam);
        kam = await TeamData.MemberAsync(db, a, "karl@a.test", Role.Kam, lead);
        otherDirector = await TeamData.MemberAsync(db, b, "bob@b.test", Role.Director);
    }


    private async Task<Membership?> MembershipAsync(int workspaceId, string userId)
    {
        await using var db = Db();
        return await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId);
    }

    private async Task<List<Kamino.Audit.AuditEntry>> AuditAsync(int workspaceId)
    {
        await using var db = Db();
        return await Kamino.Audit.AuditLog.For(db, workspaceId).ToListAsync();
    }

    [Fact]
    public async Task List_ShowsThisWorkspacesMembersWithRoleAndSupervisor_AndNobodyFromAnother()
    {
        await using var db = Db();

        var members = await Members.ListAsync(db, a);

        Assert.Equal(["dora@a.test", "karl@a.test", "lena@a.test"], members.Select(m => m.Email));
        var karl = members.Single(m => m.Email == "karl@a.test");
        Assert.Equal(Role.Kam, karl.Role);
        Assert.Equal("lena@a.test", karl.SupervisorEmail);
        Assert.DoesNotContain(members, m => m.UserId == otherDirector);
    }

    [Fact]
    public async Task ChangeRole_ChangesIt_AndAuditsWhoFromWhatToWhat()
    {
        await using var db = Db();

        var result = await Members.ChangeRoleAsync(db, a, kam, Role.Collaborator, director, clock);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        var after = await MembershipAsync(a, kam);
        Assert.Equal(Role.Collaborator, after!.Role);
        Assert.Null(after.SupervisorUserId); // only KAMs have a supervisor
        var entry = Assert.Single(await AuditAsync(a));
        Assert.Equal(("member", "role", director), (entry.Entity, entry.Action, entry.UserId));
        Assert.Contains("karl@a.test", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("Kam → Collaborator", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRole_LastDirector_IsRefusedAndNothingChanges()
    {
        await using var db = Db();

        var result = await Members.ChangeRoleAsync(db, a, director, Role.Kam, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains("last Director", result.Problem, StringComparison.Ordinal);
        Assert.Equal(Role.Director, (await MembershipAsync(a, director))!.Role);
        Assert.Empty(await AuditAsync(a));
    }

    [Fact]
    public async Task ChangeRole_DirectorWhenAnotherExists_IsAllowed()
    {
        await using var db = Db();
        var second = await TeamData.MemberAsync(db, a, "dan@a.test", Role.Director);

        var result = await Members.ChangeRoleAsync(db, a, director, Role.LeadKam, second, clock);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Equal(Role.LeadKam, (await MembershipAsync(a, director))!.Role);
    }

    [Fact]
    public async Task ChangeRole_OwnerOfAnAccountToViewer_IsRefused()
    {
        await using var db = Db();
        var customer = await TeamData.CustomerAsync(db, a, "C1");
        await TeamData.TeamRowAsync(db, a, customer, kam, Department.Sales, isOwner: true);

        var result = await Members.ChangeRoleAsync(db, a, kam, Role.Viewer, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal(Role.Kam, (await MembershipAsync(a, kam))!.Role);
    }

    [Fact]
    public async Task ChangeRole_LeadKamNoLongerLead_TheirKamsLoseTheSupervisor()
    {
        await using var db = Db();

        var result = await Members.ChangeRoleAsync(db, a, lead, Role.Kam, null, clock);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Null((await MembershipAsync(a, kam))!.SupervisorUserId);
        Assert.Contains(await AuditAsync(a), e => e.Action == "supervisor" && e.EntityId == kam);
    }

    [Fact]
    public async Task ChangeRole_ActorWithoutManageMembers_IsForbidden()
    {
        await using var db = Db();

        var byLead = await Members.ChangeRoleAsync(db, a, kam, Role.LeadKam, lead, clock);
        var byOtherWorkspacesDirector = await Members.ChangeRoleAsync(db, a, kam, Role.LeadKam, otherDirector, clock);

        Assert.Equal(ChangeOutcome.Forbidden, byLead.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, byOtherWorkspacesDirector.Outcome);
        Assert.Equal(Role.Kam, (await MembershipAsync(a, kam))!.Role);
    }

    [Fact]
    public async Task Operations_OnAMemberOfAnotherWorkspace_AreNotFound_AndLeaveThatWorkspaceAsItWas()
    {
        await using var db = Db();
        var bKam = await TeamData.MemberAsync(db, b, "kim@b.test", Role.Kam);

        var role = await Members.ChangeRoleAsync(db, a, otherDirector, Role.Viewer, null, clock);
        var supervisor = await Members.SetSupervisorAsync(db, a, bKam, lead, null, clock);
        var remove = await Members.RemoveAsync(db, a, otherDirector, null, clock);

        Assert.All([role, supervisor, remove], r => Assert.Equal(ChangeOutcome.NotFound, r.Outcome));
        Assert.Equal(Role.Director, (await MembershipAsync(b, otherDirector))!.Role);
        Assert.Null((await MembershipAsync(b, bKam))!.SupervisorUserId);
        Assert.Empty(await AuditAsync(a));
        Assert.Empty(await AuditAsync(b));
    }

    [Fact]
    public async Task SetSupervisor_LeadKamOfAnotherWorkspace_IsRefused()
    {
        await using var db = Db();
        var bLead = await TeamData.MemberAsync(db, b, "lars@b.test", Role.LeadKam);

        var result = await Members.SetSupervisorAsync(db, a, kam, bLead, null, clock);

        Assert.Equal(ChangeOutcome.NotFound, result.Outcome);
        Assert.Equal(lead, (await MembershipAsync(a, kam))!.SupervisorUserId);
    }

    [Theory]
    [InlineData(Role.Director)]
    [InlineData(Role.Kam)]
    [InlineData(Role.Collaborator)]
    public async Task SetSupervisor_ToSomeoneNotLeadKam_IsInvalid(Role role)
    {
        await using var db = Db();
        var other = await TeamData.MemberAsync(db, a, "otto@a.test", role);

        var result = await Members.SetSupervisorAsync(db, a, kam, other, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal(lead, (await MembershipAsync(a, kam))!.SupervisorUserId);
    }

    [Fact]
    public async Task SetSupervisor_OfSomeoneNotKam_IsInvalid()
    {
        await using var db = Db();

        var result = await Members.SetSupervisorAsync(db, a, director, lead, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Null((await MembershipAsync(a, director))!.SupervisorUserId);
    }

    [Fact]
    public async Task SetSupervisor_AnotherLeadThenNone_IsStoredAndAudited()
    {
        await using var db = Db();
        var lea = await TeamData.MemberAsync(db, a, "lea@a.test", Role.LeadKam);

        Assert.True((await Members.SetSupervisorAsync(db, a, kam, lea, director, clock)).Succeeded);
        Assert.Equal(lea, (await MembershipAsync(a, kam))!.SupervisorUserId);
        Assert.True((await Members.SetSupervisorAsync(db, a, kam, null, director, clock)).Succeeded);

        Assert.Null((await MembershipAsync(a, kam))!.SupervisorUserId);
        var entries = await AuditAsync(a);
        Assert.Equal(2, entries.Count);
        Assert.Contains("lena@a.test → lea@a.test", entries[1].Summary, StringComparison.Ordinal);
        Assert.Contains("lea@a.test → none", entries[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_LastDirector_IsRefused()
    {
        await using var db = Db();

        var result = await Members.RemoveAsync(db, a, director, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.NotNull(await MembershipAsync(a, director));
    }

    [Fact]
    public async Task Remove_OwnerOfAnAccount_IsRefused()
    {
        await using var db = Db();
        var customer = await TeamData.CustomerAsync(db, a, "C1");
        await TeamData.TeamRowAsync(db, a, customer, kam, Department.Sales, isOwner: true);

        var result = await Members.RemoveAsync(db, a, kam, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.NotNull(await MembershipAsync(a, kam));
    }

    [Fact]
    public async Task Remove_Member_LeavesTheirTeamsAndThisWorkspace_ButKeepsTheUserAndOtherWorkspaces()
    {
        await using var db = Db();
        await TeamData.MemberAsync(db, b, "karl@a.test", Role.Kam);
        var customer = await TeamData.CustomerAsync(db, a, "C1");
        await TeamData.TeamRowAsync(db, a, customer, director, Department.Direction, isOwner: true);
        await TeamData.TeamRowAsync(db, a, customer, kam, Department.Marketing);

        var result = await Members.RemoveAsync(db, a, kam, director, clock);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Null(await MembershipAsync(a, kam));
        Assert.NotNull(await MembershipAsync(b, kam));
        await using var check = Db();
        Assert.True(await check.Users.AnyAsync(u => u.Id == kam));
        Assert.False(await check.AccountTeamMembers.AnyAsync(t => t.UserId == kam));
        var entries = await AuditAsync(a);
        Assert.Contains(entries, e => e is { Entity: "member", Action: "removed" } && e.EntityId == kam);
        Assert.Contains(entries, e => e is { Entity: "team", Action: "member-removed" } && e.CustomerId == customer);
    }

    [Fact]
    public async Task Remove_LeadKam_TheirKamsLoseTheSupervisor()
    {
        await using var db = Db();

        Assert.True((await Members.RemoveAsync(db, a, lead, null, clock)).Succeeded);

        Assert.Null((await MembershipAsync(a, kam))!.SupervisorUserId);
    }

    [Fact]
    public async Task Invite_StoresOnlyTheSha256OfA256BitToken()
    {
        await using var db = Db();

        var (result, issued) = await Invitations.InviteAsync(db, a, "new@a.test", Role.Collaborator, director, clock);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.NotNull(issued);
        Assert.Equal(32, Base64UrlDecode(issued.Token).Length);
        Assert.Equal(TeamData.Start.AddDays(7), issued.ExpiresAt);
        await using var check = Db();
        var stored = await check.Invitations.AsNoTracking().SingleAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Token))), stored.TokenHash);
        Assert.DoesNotContain(issued.Token, stored.TokenHash, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Token, stored.Email, StringComparison.Ordinal);
        var entry = Assert.Single(await AuditAsync(a));
        Assert.DoesNotContain(issued.Token, entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_TwoInvitations_HaveDifferentTokens()
    {
        await using var db = Db();

        var (_, first) = await Invitations.InviteAsync(db, a, "x@a.test", Role.Viewer, director, clock);
        var (_, second) = await Invitations.InviteAsync(db, a, "x@a.test", Role.Viewer, director, clock);

        Assert.NotEqual(first!.Token, second!.Token);
    }

    [Fact]
    public async Task Invite_ByANonDirector_IsForbiddenAndStoresNothing()
    {
        await using var db = Db();

        var (result, issued) = await Invitations.InviteAsync(db, a, "x@a.test", Role.Viewer, lead, clock);

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
        Assert.Null(issued);
        await using var check = Db();
        Assert.Equal(0, await check.Invitations.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("@a.test")]
    [InlineData("karl@a.test")] // already a member
    public async Task Invite_BadOrMemberEmail_IsInvalid(string email)
    {
        await using var db = Db();

        var (result, _) = await Invitations.InviteAsync(db, a, email, Role.Viewer, director, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public async Task Accept_ValidToken_LeadsToTheWorkspaceEmailAndRole_AndWorksOnlyOnce()
    {
        await using var db = Db();
        var (_, issued) = await Invitations.InviteAsync(db, a, "new@a.test", Role.LeadKam, director, clock);
        clock.Advance(TimeSpan.FromDays(1));

        var first = await AcceptAsync(issued!.Token);
        var second = await AcceptAsync(issued.Token);

        Assert.Equal(InvitationStatus.Valid, first.Status);
        Assert.Equal(new InvitationTarget(a, "a", "new@a.test", Role.LeadKam), first.Target);
        Assert.Equal(InvitationStatus.Used, second.Status);
        Assert.Null(second.Target);
        await using var check = Db();
        Assert.Equal(clock.GetUtcNow(), (await check.Invitations.AsNoTracking().SingleAsync()).AcceptedAt);
        Assert.Contains(await AuditAsync(a), e => e.Action == "invitation-accepted");
    }

    [Fact]
    public async Task Check_DoesNotUseTheToken()
    {
        await using var db = Db();
        var (_, issued) = await Invitations.InviteAsync(db, a, "new@a.test", Role.Kam, director, clock);

        Assert.Equal(InvitationStatus.Valid, (await CheckAsync(issued!.Token)).Status);
        Assert.Equal(InvitationStatus.Valid, (await AcceptAsync(issued.Token)).Status);
    }

    [Fact]
    public async Task Accept_SevenDaysAfterTheInvitation_IsExpired_ASecondBeforeItIsNot()
    {
        await using var db = Db();
        var (_, issued) = await Invitations.InviteAsync(db, a, "new@a.test", Role.Kam, director, clock);

        clock.SetUtcNow(TeamData.Start.AddDays(7).AddSeconds(-1));
        Assert.Equal(InvitationStatus.Valid, (await CheckAsync(issued!.Token)).Status);
        clock.SetUtcNow(TeamData.Start.AddDays(7));
        var late = await AcceptAsync(issued.Token);

        Assert.Equal(InvitationStatus.Expired, late.Status);
        await using var check = Db();
        Assert.Null((await check.Invitations.AsNoTracking().SingleAsync()).AcceptedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task Accept_UnknownToken_IsUnknown(string token)
    {
        await using var db = Db();
        await Invitations.InviteAsync(db, a, "new@a.test", Role.Kam, director, clock);

        Assert.Equal(InvitationStatus.Unknown, (await AcceptAsync(token)).Status);
    }

    [Fact]
    public async Task Accept_TheStoredHashUsedAsAToken_IsUnknown()
    {
        await using var db = Db();
        await Invitations.InviteAsync(db, a, "new@a.test", Role.Kam, director, clock);
        await using var check = Db();
        var hash = (await check.Invitations.AsNoTracking().SingleAsync()).TokenHash;

        // Someone who reads the table cannot use what is in it.
        Assert.Equal(InvitationStatus.Unknown, (await AcceptAsync(hash)).Status);
    }

    [Fact]
    public async Task WorkspacesOf_UserInTwoWorkspaces_ListsBothWithTheirRoles()
    {
        await using var db = Db();
        await TeamData.MemberAsync(db, b, "karl@a.test", Role.Viewer);

        var workspaces = await Members.WorkspacesOfAsync(db, kam);

        Assert.Equal([("a", Role.Kam), ("b", Role.Viewer)], workspaces.Select(w => (w.Slug, w.Role)));
        Assert.Equal([("a", Role.Director)], (await Members.WorkspacesOfAsync(db, director)).Select(w => (w.Slug, w.Role)));
    }

    [Fact]
    public async Task Add_ExistingUser_BecomesAMember_Once()
    {
        await using var db = Db();

        Assert.True((await Members.AddAsync(db, b, kam, Role.Collaborator, otherDirector, clock)).Succeeded);
        var again = await Members.AddAsync(db, b, kam, Role.Viewer, otherDirector, clock);

        Assert.Equal(ChangeOutcome.Invalid, again.Outcome);
        Assert.Equal(Role.Collaborator, (await MembershipAsync(b, kam))!.Role);
        Assert.Single(await AuditAsync(b));
    }

    private async Task<InvitationCheck> AcceptAsync(string token)
    {
        await using var db = Db();
        return await Invitations.AcceptAsync(db, token, clock);
    }

    private async Task<InvitationCheck> CheckAsync(string token)
    {
        await using var db = Db();
        return await Invitations.CheckAsync(db, token, clock);
    }

    private static byte[] Base64UrlDecode(string s) => System.Buffers.Text.Base64Url.DecodeFromChars(s);
}

public sealed class SqliteMembersTests() : MembersTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresMembersTests() : MembersTests(Engine.Postgres);
