using Kamino.Accounts;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Accounts;

/// <summary>The pure rules of account teams: who may own, who may change a team.</summary>
public sealed class AccountTeamRulesTests
{
    private const string Lead = "lead";

    [Theory]
    [InlineData(Role.Director, true)]
    [InlineData(Role.LeadKam, true)]
    [InlineData(Role.Kam, true)]
    [InlineData(Role.Collaborator, false)]
    [InlineData(Role.Viewer, false)]
    public void MayOwn_ByRole(Role role, bool expected) => Assert.Equal(expected, AccountTeams.MayOwn(role));

    public static TheoryData<Role, AccountOwner?, bool> Cases => new()
    {
        { Role.Director, null, true },
        { Role.Director, new AccountOwner("k", Role.Kam, "someone-else"), true },
        { Role.LeadKam, null, true },                                         // no owner yet
        { Role.LeadKam, new AccountOwner(Lead, Role.LeadKam, null), true },   // owns it
        { Role.LeadKam, new AccountOwner("k", Role.Kam, Lead), true },        // a KAM they supervise owns it
        { Role.LeadKam, new AccountOwner("k", Role.Kam, "other-lead"), false },
        { Role.LeadKam, new AccountOwner("k", Role.Kam, null), false },
        { Role.LeadKam, new AccountOwner("other-lead", Role.LeadKam, null), false },
        { Role.LeadKam, new AccountOwner("d", Role.Director, null), false },
        { Role.Kam, null, false },
        { Role.Kam, new AccountOwner(Lead, Role.Kam, null), false },          // even their own account
        { Role.Collaborator, null, false },
        { Role.Viewer, null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MayChangeTeam_ByRoleAndOwner(Role actorRole, AccountOwner? owner, bool expected) =>
        Assert.Equal(expected, AccountTeams.MayChangeTeam(actorRole, Lead, owner));
}

/// <summary>Account teams and "my accounts" on SQLite and PostgreSQL (sealed subclasses at the end).</summary>
public abstract class AccountTeamsTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(TeamData.Start);

    private int a;
    private int b;
    private string director = "";
    private string lead = "";
    private string kam = "";
    private string otherKam = "";
    private string marketer = "";
    private long key;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        director = await TeamData.MemberAsync(db, a, "dora@a.test", Role.Director);
        lead = await TeamData.MemberAsync(db, a, "lena@a.test", Role.LeadKam);
        kam = await TeamData.MemberAsync(db, a, "karl@a.test", Role.Kam, lead);
        otherKam = await TeamData.MemberAsync(db, a, "kora@a.test", Role.Kam);
        marketer = await TeamData.MemberAsync(db, a, "mia@a.test", Role.Collaborator);
        key = await TeamData.CustomerAsync(db, a, "PIZZA");
    }


    private async Task<AccountTeamDto> TeamAsync(int workspaceId, long customerId)
    {
        await using var db = Db();
        return (await AccountTeams.GetAsync(db, workspaceId, customerId))!;
    }

    private async Task<List<(string Email, Department Department, bool IsOwner)>> RowsAsync(int workspaceId, long customerId) =>
        (await TeamAsync(workspaceId, customerId)).Members.Select(m => (m.Email, m.Department, m.IsOwner)).ToList();

    private async Task<List<Kamino.Audit.AuditEntry>> AuditAsync(int workspaceId, long? customerId = null)
    {
        await using var db = Db();
        return await Kamino.Audit.AuditLog.For(db, workspaceId, customerId).ToListAsync();
    }

    [Fact]
    public async Task SetOwner_NewAccount_OwnerJoinsTheTeam_AndIsAudited()
    {
        await using var db = Db();

        var result = await AccountTeams.SetOwnerAsync(db, a, key, kam, lead, clock);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Equal([("karl@a.test", Department.Sales, true)], await RowsAsync(a, key));
        var entry = Assert.Single(await AuditAsync(a, key));
        Assert.Equal(("team", "owner", lead, (long?)key), (entry.Entity, entry.Action, entry.UserId, entry.CustomerId));
        Assert.Contains("none → karl@a.test", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetOwner_Reassign_ExactlyOneOwner_PreviousOwnerStaysAsMember()
    {
        await using var db = Db();
        await TeamData.TeamRowAsync(db, a, key, kam, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, key, otherKam, Department.Operations);

        var result = await AccountTeams.SetOwnerAsync(db, a, key, otherKam, director, clock);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        var team = await TeamAsync(a, key);
        Assert.Equal("kora@a.test", Assert.Single(team.Members, m => m.IsOwner).Email);
        Assert.Equal([("kora@a.test", Department.Operations, true), ("karl@a.test", Department.Sales, false)], await RowsAsync(a, key));
    }

    [Theory]
    [InlineData(Role.Collaborator)]
    [InlineData(Role.Viewer)]
    public async Task SetOwner_RoleThatCannotOwn_IsInvalid(Role role)
    {
        await using var db = Db();
        var user = await TeamData.MemberAsync(db, a, "vic@a.test", role);

        var result = await AccountTeams.SetOwnerAsync(db, a, key, user, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Empty((await TeamAsync(a, key)).Members);
    }

    [Fact]
    public async Task SetOwner_CustomerNotKeyAccount_IsInvalid()
    {
        await using var db = Db();
        var plain = await TeamData.CustomerAsync(db, a, "PLAIN", isKeyAccount: false);

        var result = await AccountTeams.SetOwnerAsync(db, a, plain, kam, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Empty((await TeamAsync(a, plain)).Members);
    }

    [Fact]
    public async Task LeadKam_ReassignsAccountOfSupervisedKam_ButNotOfAnotherKam()
    {
        await using var db = Db();
        var other = await TeamData.CustomerAsync(db, a, "OTHER");
        await TeamData.TeamRowAsync(db, a, key, kam, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, other, otherKam, Department.Sales, isOwner: true);

        var supervised = await AccountTeams.SetOwnerAsync(db, a, key, lead, lead, clock);
        var notSupervised = await AccountTeams.SetOwnerAsync(db, a, other, lead, lead, clock);
        var addMember = await AccountTeams.SetMemberAsync(db, a, other, marketer, Department.Marketing, lead, clock);

        Assert.Equal(ChangeOutcome.Done, supervised.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, notSupervised.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, addMember.Outcome);
        Assert.Equal("lena@a.test", (await TeamAsync(a, key)).Owner!.Email);
        Assert.Equal([("kora@a.test", Department.Sales, true)], await RowsAsync(a, other));
        Assert.Empty(await AuditAsync(a, other));
    }

    [Theory]
    [InlineData(Role.Kam)]
    [InlineData(Role.Collaborator)]
    [InlineData(Role.Viewer)]
    public async Task RolesWithoutManageAccountTeams_CannotChangeATeam_EvenTheirOwn(Role role)
    {
        await using var db = Db();
        var actor = await TeamData.MemberAsync(db, a, "actor@a.test", role);
        if (AccountTeams.MayOwn(role))
        {
            await TeamData.TeamRowAsync(db, a, key, actor, Department.Sales, isOwner: true);
        }

        var owner = await AccountTeams.SetOwnerAsync(db, a, key, kam, actor, clock);
        var member = await AccountTeams.SetMemberAsync(db, a, key, marketer, Department.Marketing, actor, clock);

        Assert.Equal(ChangeOutcome.Forbidden, owner.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, member.Outcome);
    }

    [Fact]
    public async Task SetMember_AddsThenChangesDepartment_EachAudited()
    {
        await using var db = Db();
        await TeamData.TeamRowAsync(db, a, key, kam, Department.Sales, isOwner: true);

        Assert.True((await AccountTeams.SetMemberAsync(db, a, key, marketer, Department.Marketing, director, clock)).Succeeded);
        Assert.True((await AccountTeams.SetMemberAsync(db, a, key, marketer, Department.Advertising, director, clock)).Succeeded);

        Assert.Equal([("karl@a.test", Department.Sales, true), ("mia@a.test", Department.Advertising, false)], await RowsAsync(a, key));
        Assert.Equal(["department", "member-added"], (await AuditAsync(a, key)).Select(e => e.Action));
    }

    [Fact]
    public async Task RemoveMember_TakesThemOff_ButNeverTheOwner()
    {
        await using var db = Db();
        await TeamData.TeamRowAsync(db, a, key, kam, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, key, marketer, Department.Marketing);

        var owner = await AccountTeams.RemoveMemberAsync(db, a, key, kam, null, clock);
        var member = await AccountTeams.RemoveMemberAsync(db, a, key, marketer, null, clock);
        var notOnTeam = await AccountTeams.RemoveMemberAsync(db, a, key, otherKam, null, clock);

        Assert.Equal(ChangeOutcome.Invalid, owner.Outcome);
        Assert.Equal(ChangeOutcome.Done, member.Outcome);
        Assert.Equal(ChangeOutcome.NotFound, notOnTeam.Outcome);
        Assert.Equal([("karl@a.test", Department.Sales, true)], await RowsAsync(a, key));
        Assert.Equal("member-removed", Assert.Single(await AuditAsync(a, key)).Action);
    }

    [Fact]
    public async Task AnotherWorkspacesCustomerOrUser_IsNotFound_AndItsTeamIsUntouched()
    {
        await using var db = Db();
        var bKam = await TeamData.MemberAsync(db, b, "kim@b.test", Role.Kam);
        var bCustomer = await TeamData.CustomerAsync(db, b, "BEE", id: 77);
        await TeamData.TeamRowAsync(db, b, bCustomer, bKam, Department.Sales, isOwner: true);

        var owner = await AccountTeams.SetOwnerAsync(db, a, bCustomer, kam, null, clock);
        var member = await AccountTeams.SetMemberAsync(db, a, bCustomer, bKam, Department.Other, null, clock);
        var remove = await AccountTeams.RemoveMemberAsync(db, a, bCustomer, bKam, null, clock);
        var foreignUser = await AccountTeams.SetMemberAsync(db, a, key, bKam, Department.Other, null, clock);

        Assert.All([owner, member, remove, foreignUser], r => Assert.Equal(ChangeOutcome.NotFound, r.Outcome));
        Assert.Null(await AccountTeams.GetAsync(db, a, bCustomer));
        Assert.Equal([("kim@b.test", Department.Sales, true)], await RowsAsync(b, bCustomer));
        Assert.Empty((await TeamAsync(a, key)).Members);
        Assert.Empty(await AuditAsync(a));
        Assert.Empty(await AuditAsync(b));
    }

    [Fact]
    public async Task Mine_OwnerMemberAndLeadOfTheOwner_SeeTheAccount_OthersDoNot()
    {
        await using var db = Db();
        var other = await TeamData.CustomerAsync(db, a, "OTHER");
        await TeamData.TeamRowAsync(db, a, key, kam, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, key, marketer, Department.Marketing);
        await TeamData.TeamRowAsync(db, a, other, otherKam, Department.Sales, isOwner: true);

        async Task<List<(string, MyAccountReason)>> MineAsync(string user) =>
            (await AccountTeams.MineAsync(db, a, user)).Select(m => (m.CustomerKey, m.Reason)).ToList();

        Assert.Equal([("PIZZA", MyAccountReason.Owner)], await MineAsync(kam));
        Assert.Equal([("PIZZA", MyAccountReason.Member)], await MineAsync(marketer));
        Assert.Equal([("PIZZA", MyAccountReason.Supervised)], await MineAsync(lead));
        Assert.Equal([("OTHER", MyAccountReason.Owner)], await MineAsync(otherKam));
        Assert.Empty(await MineAsync(director));
        var mine = Assert.Single(await AccountTeams.MineAsync(db, a, marketer));
        Assert.Equal(("karl@a.test", Department.Marketing), (mine.OwnerEmail, mine.Department));
        Assert.False(string.IsNullOrEmpty(mine.OwnerName));
    }

    [Fact]
    public async Task Mine_OnlyThisWorkspacesAccounts_ForAUserInTwoWorkspaces()
    {
        await using var db = Db();
        await TeamData.MemberAsync(db, b, "karl@a.test", Role.Kam);
        var bCustomer = await TeamData.CustomerAsync(db, b, "BEE");
        await TeamData.TeamRowAsync(db, b, bCustomer, kam, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, key, kam, Department.Sales, isOwner: true);

        Assert.Equal(["PIZZA"], (await AccountTeams.MineAsync(db, a, kam)).Select(m => m.CustomerKey));
        Assert.Equal(["BEE"], (await AccountTeams.MineAsync(db, b, kam)).Select(m => m.CustomerKey));
        Assert.Empty(await AccountTeams.MineAsync(db, b, lead)); // not a member of b
    }
}

public sealed class SqliteAccountTeamsTests() : AccountTeamsTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresAccountTeamsTests() : AccountTeamsTests(Engine.Postgres);
