using Kamino.Accounts;
using Kamino.Customers;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Customers;

/// <summary>The reason rule, without a database.</summary>
public sealed class DesignationReasonTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void ReasonProblem_Blank_IsAProblem(string? reason) => Assert.NotNull(Designations.ReasonProblem(reason));

    [Fact]
    public void ReasonProblem_UpTo1000Characters_IsFine_1001IsNot()
    {
        Assert.Null(Designations.ReasonProblem("x"));
        Assert.Null(Designations.ReasonProblem(new string('x', 1000)));
        Assert.Null(Designations.ReasonProblem("  " + new string('x', 1000) + "  ")); // surrounding blanks are trimmed
        Assert.NotNull(Designations.ReasonProblem(new string('x', 1001)));
    }
}

/// <summary>Designations on SQLite and PostgreSQL (sealed subclasses at the end).</summary>
public abstract class DesignationsTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(TeamData.Start);

    private int a;
    private int b;
    private string director = "";
    private string kam = "";
    private long customer;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        director = await TeamData.MemberAsync(db, a, "dora@a.test", Role.Director);
        kam = await TeamData.MemberAsync(db, a, "karl@a.test", Role.Kam);
        customer = await TeamData.CustomerAsync(db, a, "PIZZA", isKeyAccount: false);
    }


    private async Task<ChangeResult> SetAsync(int workspaceId, long customerId, bool isKey, string reason, string? userId = null)
    {
        await using var db = Db();
        return await Designations.SetAsync(db, workspaceId, customerId, isKey, reason, userId, clock);
    }

    private async Task<bool> IsKeyAsync(int workspaceId, long customerId)
    {
        await using var db = Db();
        return await db.Customers.Where(c => c.WorkspaceId == workspaceId && c.Id == customerId).Select(c => c.IsKeyAccount).SingleAsync();
    }

    private async Task<List<Designation>> RowsAsync()
    {
        await using var db = Db();
        return await db.Designations.AsNoTracking().OrderBy(d => d.WorkspaceId).ThenBy(d => d.Id).ToListAsync();
    }

    [Fact]
    public async Task Designate_MakesItAKeyAccount_RecordsWhoWhenWhy_AndAudits()
    {
        var result = await SetAsync(a, customer, true, "  Pizza chain: 18% of revenue  ", director);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.True(await IsKeyAsync(a, customer));
        await using var db = Db();
        var entry = Assert.Single(await Designations.HistoryAsync(db, a, customer));
        Assert.Equal((true, "Pizza chain: 18% of revenue", director, "dora@a.test", TeamData.Start),
            (entry.IsKeyAccount, entry.Reason, entry.UserId, entry.UserEmail, entry.At));
        var audit = Assert.Single(await Kamino.Audit.AuditLog.For(db, a, customer).ToListAsync());
        Assert.Equal(("designation", "designated", director), (audit.Entity, audit.Action, audit.UserId));
        Assert.Contains("Pizza chain", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_IsAppendOnly_NewestFirst_EarlierRowsUnchanged()
    {
        Assert.True((await SetAsync(a, customer, true, "first")).Succeeded);
        var afterFirst = await RowsAsync();
        clock.Advance(TimeSpan.FromDays(30));
        Assert.True((await SetAsync(a, customer, false, "lost the tender", director)).Succeeded);
        clock.Advance(TimeSpan.FromDays(30));
        Assert.True((await SetAsync(a, customer, true, "won it back", director)).Succeeded);

        var rows = await RowsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equivalent(afterFirst[0], rows[0], strict: true);
        await using var db = Db();
        var history = await Designations.HistoryAsync(db, a, customer);
        Assert.Equal([(true, "won it back"), (false, "lost the tender"), (true, "first")], history.Select(h => (h.IsKeyAccount, h.Reason)));
        Assert.Equal([TeamData.Start.AddDays(60), TeamData.Start.AddDays(30), TeamData.Start], history.Select(h => h.At));
        Assert.Null(history[2].UserEmail); // the system
        Assert.True(await IsKeyAsync(a, customer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Designate_BlankReason_IsInvalid_AndChangesNothing(string reason)
    {
        var result = await SetAsync(a, customer, true, reason);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.False(await IsKeyAsync(a, customer));
        Assert.Empty(await RowsAsync());
        await using var db = Db();
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Designate_ReasonOver1000Characters_IsInvalid()
    {
        Assert.Equal(ChangeOutcome.Invalid, (await SetAsync(a, customer, true, new string('r', 1001))).Outcome);
        Assert.Equal(ChangeOutcome.Done, (await SetAsync(a, customer, true, new string('r', 1000))).Outcome);
        Assert.Equal(1000, Assert.Single(await RowsAsync()).Reason.Length);
    }

    [Fact]
    public async Task Designate_AlreadyKey_OrUndesignate_NotKey_IsInvalidAndAddsNoRow()
    {
        Assert.Equal(ChangeOutcome.Invalid, (await SetAsync(a, customer, false, "not key anyway")).Outcome);
        Assert.True((await SetAsync(a, customer, true, "key")).Succeeded);
        Assert.Equal(ChangeOutcome.Invalid, (await SetAsync(a, customer, true, "again")).Outcome);

        Assert.Single(await RowsAsync());
    }

    [Fact]
    public async Task Designate_ByAKam_IsForbidden()
    {
        var result = await SetAsync(a, customer, true, "I want it", kam);

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
        Assert.False(await IsKeyAsync(a, customer));
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task AnotherWorkspacesCustomer_IsNeitherChangedNorShown()
    {
        await using var db = Db();
        var bCustomer = await TeamData.CustomerAsync(db, b, "BEE", isKeyAccount: false, id: 42);
        var bDirector = await TeamData.MemberAsync(db, b, "bob@b.test", Role.Director);
        Assert.True((await SetAsync(b, bCustomer, true, "b's own decision", bDirector)).Succeeded);

        var fromA = await SetAsync(a, bCustomer, false, "should not reach b");
        var byBsDirectorInA = await SetAsync(a, customer, true, "not a member of a", bDirector);

        Assert.Equal(ChangeOutcome.NotFound, fromA.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, byBsDirectorInA.Outcome);
        Assert.True(await IsKeyAsync(b, bCustomer));
        Assert.False(await IsKeyAsync(a, customer));
        Assert.Empty(await Designations.HistoryAsync(db, a, bCustomer));
        Assert.Single(await Designations.HistoryAsync(db, b, bCustomer));
        Assert.Single(await RowsAsync());
    }

    [Fact]
    public async Task Undesignate_KeepsTheTeam_Inactive_AndRedesignatingBringsItBack()
    {
        await using var db = Db();
        Assert.True((await SetAsync(a, customer, true, "key")).Succeeded);
        Assert.True((await AccountTeams.SetOwnerAsync(db, a, customer, kam, null, clock)).Succeeded);

        Assert.True((await SetAsync(a, customer, false, "no longer key")).Succeeded);

        await using (var check = Db())
        {
            var team = (await AccountTeams.GetAsync(check, a, customer))!;
            Assert.False(team.IsKeyAccount);
            Assert.Equal("karl@a.test", team.Owner!.Email);
            Assert.Empty(await AccountTeams.MineAsync(check, a, kam));
            Assert.Equal(ChangeOutcome.Invalid, (await AccountTeams.SetMemberAsync(check, a, customer, director, Department.Direction, null, clock)).Outcome);
        }

        Assert.True((await SetAsync(a, customer, true, "back")).Succeeded);

        await using var again = Db();
        var mine = Assert.Single(await AccountTeams.MineAsync(again, a, kam));
        Assert.Equal((MyAccountReason.Owner, "PIZZA"), (mine.Reason, mine.CustomerKey));
    }
}

public sealed class SqliteDesignationsTests() : DesignationsTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresDesignationsTests() : DesignationsTests(Engine.Postgres);
