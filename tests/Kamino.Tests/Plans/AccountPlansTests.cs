using Kamino.People;
using Kamino.Plans;
using Kamino.WorkTasks;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Plans;

/// <summary>
/// Account plans on SQLite and PostgreSQL (sealed subclasses at the end): workspace <c>a</c> with a member of each role
/// (the KAM supervised by the Lead KAM), key account PIZZA owned by the KAM, key account TACO owned by another KAM,
/// customer PLAIN (not key); workspace <c>b</c> with its own key account and Director.
/// </summary>
public abstract class AccountPlansTests(Engine engine) : DatabaseTests(engine)
{
    private const int Year = 2026;
    private readonly FakeTimeProvider clock = new(TeamData.Start);

    private int a;
    private int b;
    private string director = "";
    private string lead = "";
    private string kam = "";
    private string otherKam = "";
    private string collaborator = "";
    private string viewer = "";
    private string outsider = "";
    private long pizza;
    private long taco;
    private long plain;
    private long foreign;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        director = await TeamData.MemberAsync(db, a, "director@a.test", Role.Director);
        lead = await TeamData.MemberAsync(db, a, "lead@a.test", Role.LeadKam);
        kam = await TeamData.MemberAsync(db, a, "kam@a.test", Role.Kam, lead);
        otherKam = await TeamData.MemberAsync(db, a, "other-kam@a.test", Role.Kam);
        collaborator = await TeamData.MemberAsync(db, a, "collab@a.test", Role.Collaborator);
        viewer = await TeamData.MemberAsync(db, a, "viewer@a.test", Role.Viewer);
        outsider = await TeamData.MemberAsync(db, b, "boss@b.test", Role.Director);
        pizza = await TeamData.CustomerAsync(db, a, "PIZZA");
        taco = await TeamData.CustomerAsync(db, a, "TACO");
        plain = await TeamData.CustomerAsync(db, a, "PLAIN", isKeyAccount: false);
        foreign = await TeamData.CustomerAsync(db, b, "FOREIGN", id: 77);
        await TeamData.TeamRowAsync(db, a, pizza, kam, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, pizza, collaborator, Department.Marketing);
        await TeamData.TeamRowAsync(db, a, taco, otherKam, Department.Sales, isOwner: true);
    }

    [Fact]
    public async Task FirstChange_StartsThePlan_OnePerAccountAndYear()
    {
        await using var db = Db();
        Assert.Null((await AccountPlans.GetAsync(db, a, pizza, Year))!.Id);

        var situation = await AccountPlans.SetSituationAsync(db, a, pizza, Year, new(" Loyal ", "Slow swaps", null, "Cheaper rival"), kam, clock);
        var added = await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, "Grow to 60 bikes", kam, "Bikes", "60", new DateOnly(Year, 9, 30)), kam, clock);
        var other = await AccountPlans.AddObjectiveAsync(db, a, pizza, Year + 1, new(PlanArea.Service, "Swaps"), kam, clock);

        Assert.True(situation.Change.Succeeded && added.Change.Succeeded && other.Change.Succeeded);
        var plan = (await AccountPlans.GetAsync(db, a, pizza, Year))!;
        Assert.Equal((situation.Plan!.Id, "Loyal", "", "Cheaper rival"), (plan.Id, plan.Strengths, plan.Opportunities, plan.Threats));
        var objective = Assert.Single(plan.Objectives);
        Assert.Equal(("Grow to 60 bikes", "kam@a.test", "60", 1), (objective.Title, objective.OwnerEmail, objective.Target, objective.Position));
        Assert.Equal(2, await db.AccountPlans.CountAsync(p => p.WorkspaceId == a && p.CustomerId == pizza));
        Assert.Equal([Year + 1, Year], await AccountPlans.YearsAsync(db, a, pizza));
        Assert.Equal(5, await db.AuditEntries.CountAsync(e => e.WorkspaceId == a && e.Entity == "plan")); // two plans started, three changes

        // The database itself refuses a second plan for the same account and year.
        await using var raw = Db();
        raw.AccountPlans.Add(new AccountPlan { WorkspaceId = a, Id = 999, CustomerId = pizza, Year = Year });
        await Assert.ThrowsAsync<DbUpdateException>(() => raw.SaveChangesAsync());
    }

    public static TheoryData<string, bool> Editors => new()
    {
        { "director", true }, { "lead", true }, { "kam", true }, { "otherKam", false }, { "collaborator", false }, { "viewer", false }, { "outsider", false },
    };

    [Theory]
    [MemberData(nameof(Editors))]
    public async Task OwnerKamTheirLeadAndDirector_Edit_OthersAreRefusedAndNothingIsWritten(string who, bool may)
    {
        var user = Who(who);
        await using var db = Db();
        var seeded = await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, "Seed"), null, clock);
        var id = seeded.ObjectiveId!.Value;
        var before = await db.AuditEntries.CountAsync();

        var situation = await AccountPlans.SetSituationAsync(db, a, pizza, Year, new("Changed", null, null, null), user, clock);
        var add = await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Marketing, "Jackets"), user, clock);
        var status = await AccountPlans.SetStatusAsync(db, a, pizza, id, ObjectiveStatus.Done, user, clock);
        var next = await AccountPlans.StartNextYearAsync(db, a, pizza, Year, user, clock);

        Assert.Equal(may, await AccountPlans.MayEditAsync(db, a, pizza, user));
        var expected = may ? ChangeOutcome.Done : ChangeOutcome.Forbidden;
        Assert.Equal([expected, expected, expected, expected], new[] { situation.Change.Outcome, add.Change.Outcome, status.Change.Outcome, next.Change.Outcome });
        if (!may)
        {
            await using var check = Db();
            var plan = (await AccountPlans.GetAsync(check, a, pizza, Year))!;
            Assert.Equal(("", "Seed", ObjectiveStatus.NotStarted), (plan.Strengths, Assert.Single(plan.Objectives).Title, plan.Objectives[0].Status));
            Assert.Equal(before, await check.AuditEntries.CountAsync());
            Assert.False(await check.AccountPlans.AnyAsync(p => p.Year == Year + 1));
        }
    }

    [Fact]
    public async Task Progress_IsDoneLinkedTasksOverLinkedTasks_AndRemovingTheObjectiveUnlinksThem()
    {
        await using var db = Db();
        var objective = (await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, "Grow"), kam, clock)).ObjectiveId!.Value;
        var tasks = new List<long>();
        foreach (var title in new[] { "Quote", "Visit", "Call" })
        {
            tasks.Add((await Tasks.CreateAsync(db, a, new NewTask(title, kam, new DateOnly(Year, 5, 1), null, pizza), kam, clock)).Task!.Id);
        }

        var elsewhere = (await Tasks.CreateAsync(db, a, new NewTask("Taco call", kam, new DateOnly(Year, 5, 1), null, taco), kam, clock)).Task!.Id;
        foreach (var t in tasks)
        {
            Assert.True((await AccountPlans.LinkTaskAsync(db, a, pizza, objective, t, kam, clock)).Succeeded);
        }

        await Tasks.CompleteAsync(db, a, tasks[0], kam, clock);
        var refusedLink = await AccountPlans.LinkTaskAsync(db, a, pizza, objective, elsewhere, kam, clock);
        var o = Assert.Single((await AccountPlans.GetAsync(db, a, pizza, Year))!.Objectives);
        Assert.Equal((1, 3, 33), (o.ActionsDone, o.Actions, o.ProgressPercent));
        Assert.Equal(ChangeOutcome.Invalid, refusedLink.Outcome);

        Assert.True((await AccountPlans.UnlinkTaskAsync(db, a, pizza, tasks[2], kam, clock)).Succeeded);
        o = Assert.Single((await AccountPlans.GetAsync(db, a, pizza, Year))!.Objectives);
        Assert.Equal((1, 2, 50), (o.ActionsDone, o.Actions, o.ProgressPercent));

        Assert.True((await AccountPlans.RemoveObjectiveAsync(db, a, pizza, objective, kam, clock)).Succeeded);
        await using var check = Db();
        Assert.Empty((await AccountPlans.GetAsync(check, a, pizza, Year))!.Objectives);
        Assert.Equal(3, await check.Tasks.CountAsync(t => t.WorkspaceId == a && tasks.Contains(t.Id) && t.ObjectiveId == null));
    }

    [Fact]
    public async Task NextYear_CopiesSituationAndObjectivesNotDone_NotStartedDueAYearLater_WithoutTasks()
    {
        await using var db = Db();
        await AccountPlans.SetSituationAsync(db, a, pizza, Year, new("S", "W", "O", "T"), kam, clock);
        var grow = (await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, "Grow", lead, "Bikes", "60", new DateOnly(Year, 9, 30), ObjectiveStatus.AtRisk), kam, clock)).ObjectiveId!.Value;
        await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Direction, "One invoice address", Status: ObjectiveStatus.Done), kam, clock);
        await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Service, "Swaps", Status: ObjectiveStatus.OnTrack), kam, clock);
        var task = (await Tasks.CreateAsync(db, a, new NewTask("Quote", kam, new DateOnly(Year, 5, 1), null, pizza), kam, clock)).Task!.Id;
        await AccountPlans.LinkTaskAsync(db, a, pizza, grow, task, kam, clock);

        var result = await AccountPlans.StartNextYearAsync(db, a, pizza, Year, lead, clock);
        var again = await AccountPlans.StartNextYearAsync(db, a, pizza, Year, lead, clock);
        var fromNothing = await AccountPlans.StartNextYearAsync(db, a, pizza, Year + 5, lead, clock);

        Assert.True(result.Change.Succeeded);
        var next = result.Plan!;
        Assert.Equal((Year + 1, "S", "W", "O", "T"), (next.Year, next.Strengths, next.Weaknesses, next.Opportunities, next.Threats));
        Assert.Equal(["Grow", "Swaps"], next.Objectives.Select(o => o.Title));
        Assert.All(next.Objectives, o => Assert.Equal((ObjectiveStatus.NotStarted, 0), (o.Status, o.Actions)));
        Assert.Equal((new DateOnly(Year + 1, 9, 30), "lead@a.test", "60"), (next.Objectives[0].DueOn, next.Objectives[0].OwnerEmail, next.Objectives[0].Target));
        Assert.Equal((ChangeOutcome.Invalid, ChangeOutcome.NotFound), (again.Change.Outcome, fromNothing.Change.Outcome));
        Assert.Equal(3, (await AccountPlans.GetAsync(db, a, pizza, Year))!.Objectives.Count);
    }

    [Fact]
    public async Task Reorder_NeedsEveryObjectiveOnce_AndKeepsTheOrder()
    {
        await using var db = Db();
        var ids = new List<long>();
        foreach (var title in new[] { "One", "Two", "Three" })
        {
            ids.Add((await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, title), kam, clock)).ObjectiveId!.Value);
        }

        var partial = await AccountPlans.ReorderAsync(db, a, pizza, Year, [ids[2], ids[0]], kam, clock);
        var done = await AccountPlans.ReorderAsync(db, a, pizza, Year, [ids[2], ids[0], ids[1]], kam, clock);

        Assert.Equal("objectiveIds", Assert.Single(partial.Problems).Field);
        Assert.Equal(["Three", "One", "Two"], done.Plan!.Objectives.Select(o => o.Title));
    }

    [Fact]
    public async Task InvalidInput_IsRefusedWithProblemsByField_AndAnOwnerMustBeAMember()
    {
        await using var db = Db();
        var blank = await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, " "), kam, clock);
        var stranger = await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, "Grow", outsider), kam, clock);
        var tooLong = await AccountPlans.SetSituationAsync(db, a, pizza, Year, new(new string('x', AccountPlan.MaxSituationLength + 1), null, null, null), kam, clock);
        var notKey = await AccountPlans.AddObjectiveAsync(db, a, plain, Year, new(PlanArea.Sales, "Grow"), null, clock);

        Assert.Equal("title", Assert.Single(blank.Problems).Field);
        Assert.Equal("ownerUserId", Assert.Single(stranger.Problems).Field);
        Assert.Equal("strengths", Assert.Single(tooLong.Problems).Field);
        Assert.Equal(ChangeOutcome.Invalid, notKey.Change.Outcome);
        Assert.False(await db.AccountPlans.AnyAsync());
    }

    [Fact]
    public async Task OtherWorkspace_IsIsolated()
    {
        await using var db = Db();
        var objective = (await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, "Grow"), kam, clock)).ObjectiveId!.Value;

        Assert.Null(await AccountPlans.GetAsync(db, b, pizza, Year));
        var edit = await AccountPlans.SetStatusAsync(db, b, foreign, objective, ObjectiveStatus.Done, outsider, clock);
        var remove = await AccountPlans.RemoveObjectiveAsync(db, b, foreign, objective, outsider, clock);
        var crossed = await AccountPlans.SetStatusAsync(db, a, taco, objective, ObjectiveStatus.Done, director, clock);
        var outsiderInA = await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, "Mine"), outsider, clock);

        Assert.Equal((ChangeOutcome.NotFound, ChangeOutcome.NotFound, ChangeOutcome.NotFound), (edit.Change.Outcome, remove.Outcome, crossed.Change.Outcome));
        Assert.Equal(ChangeOutcome.Forbidden, outsiderInA.Change.Outcome);
        Assert.Equal(ObjectiveStatus.NotStarted, Assert.Single((await AccountPlans.GetAsync(db, a, pizza, Year))!.Objectives).Status);
    }

    [Fact]
    public async Task RemovingAMemberWhoOwnsObjectives_IsRefusedClearly_UntilTheyAreReassigned()
    {
        await using var db = Db();
        var objective = (await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Marketing, "Jackets", collaborator), kam, clock)).ObjectiveId!.Value;

        var refused = await Members.RemoveAsync(db, a, collaborator, director, clock);
        Assert.Equal(ChangeOutcome.Invalid, refused.Outcome);
        Assert.Contains("owns 1 account-plan objective", refused.Problem, StringComparison.Ordinal);

        await AccountPlans.EditObjectiveAsync(db, a, pizza, objective, new(PlanArea.Marketing, "Jackets", kam), kam, clock);
        Assert.True((await Members.RemoveAsync(db, a, collaborator, director, clock)).Succeeded);
    }

    [Fact]
    public async Task Pdf_IsOneA4PageWithTheObjectives()
    {
        await using var db = Db();
        await AccountPlans.SetSituationAsync(db, a, pizza, Year, new("Loyal riders", "Slow weekend swaps", "Second city", "Scooter rival"), kam, clock);
        await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Sales, "Grow the fleet to 60 motorbikes", kam, "Motorbikes", "60", new DateOnly(Year, 9, 30), ObjectiveStatus.OnTrack), kam, clock);
        await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Service, "Weekend swaps within 30 minutes", Status: ObjectiveStatus.AtRisk), kam, clock);
        for (var i = 0; i < PlanRules.MaxObjectives - 2; i++)
        {
            await AccountPlans.AddObjectiveAsync(db, a, pizza, Year, new(PlanArea.Direction, $"Long objective number {i} " + new string('w', 150), kam, new string('m', 150)), kam, clock);
        }

        var pdf = PlanPdf.Render((await AccountPlans.GetAsync(db, a, pizza, Year))!, new DateOnly(Year, 3, 2), PlanPdfLabels.English);

        Assert.Equal(1, await PdfTools.PagesAsync(pdf));
        var text = await PdfTools.TextAsync(pdf);
        foreach (var expected in new[] { "Account plan 2026", "Customer PIZZA", "kam@a.test", "Printed: 2026-03-02", "Loyal riders", "Scooter rival",
            "Grow the fleet to 60 motorbikes", "Weekend swaps within 30", "On track", "At risk", "SALES", "SERVICE", "DIRECTION", "more objective(s) not shown" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    private string Who(string who) => who switch
    {
        "director" => director,
        "lead" => lead,
        "kam" => kam,
        "otherKam" => otherKam,
        "collaborator" => collaborator,
        "viewer" => viewer,
        _ => outsider,
    };
}

/// <summary><see cref="AccountPlansTests"/> on SQLite.</summary>
public sealed class SqliteAccountPlansTests() : AccountPlansTests(Engine.Sqlite);

/// <summary><see cref="AccountPlansTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresAccountPlansTests() : AccountPlansTests(Engine.Postgres);
