using Kamino.Activities;
using Kamino.Contacts;
using Kamino.Customers;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Activities;

/// <summary>
/// Logging activities and the timeline on SQLite and PostgreSQL (sealed subclasses at the end). Workspace <c>a</c>:
/// key account C1 owned by kam with collab on its team, C2 (a key account kam2 owns); contact 1 of C1, contact 2 of C2.
/// </summary>
public abstract class ActivityLogTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(TeamData.Start);
    private int a;
    private int b;
    private long c1;
    private long c2;
    private long bCustomer;
    private readonly Dictionary<string, string> users = new(StringComparer.Ordinal);

    private DateTimeOffset Now => clock.GetUtcNow();

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        foreach (var (name, role) in new[] { ("director", Role.Director), ("lead", Role.LeadKam), ("kam", Role.Kam), ("kam2", Role.Kam), ("collab", Role.Collaborator), ("viewer", Role.Viewer) })
        {
            users[name] = await TeamData.MemberAsync(db, a, name + "@a.test", role);
        }

        users["outsider"] = await TeamData.MemberAsync(db, b, "outsider@b.test", Role.Director);
        c1 = await TeamData.CustomerAsync(db, a, "C1");
        c2 = await TeamData.CustomerAsync(db, a, "C2");
        bCustomer = await TeamData.CustomerAsync(db, b, "B1", id: 50);
        await TeamData.TeamRowAsync(db, a, c1, users["kam"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, c1, users["collab"], Department.Operations);
        await TeamData.TeamRowAsync(db, a, c2, users["kam2"], Department.Sales, isOwner: true);
        db.Contacts.Add(new Contact { WorkspaceId = a, Id = 1, CustomerId = c1, Name = "Marta Soler", CreatedAt = Now });
        db.Contacts.Add(new Contact { WorkspaceId = a, Id = 2, CustomerId = c2, Name = "Jordi Puig", CreatedAt = Now });
        await db.SaveChangesAsync();
    }

    private async Task<ActivityResult> LogAsync(long customer, NewActivity input, string? as_, int? workspace = null)
    {
        await using var db = Db();
        return await ActivityLog.LogAsync(db, workspace ?? a, customer, input, as_ is null ? null : users[as_], clock);
    }

    private async Task<(int Activities, int Tasks, int Audit, int Members)> CountAsync()
    {
        await using var db = Db();
        return (await db.Activities.CountAsync(), await db.Tasks.CountAsync(), await db.AuditEntries.CountAsync(), await db.ActivityMembers.CountAsync());
    }

    [Fact]
    public async Task Log_CheckinWithNpsParticipantsAndNextSteps_StoresAllOfItAndTheTasks()
    {
        var input = new NewActivity(ActivityType.Visit, "  Visited the kitchen; happy with the fleet  ", Now.AddHours(-2), IsCheckin: true, Csat: 5, Nps: 9, NpsContactId: 1,
            NextCheckinOn: DateOnly.FromDateTime(Now.UtcDateTime).AddDays(12), MemberUserIds: [users["kam"], users["collab"]], ContactIds: [1],
            NextSteps: [new NextStep("Send the summer quote", users["kam"], new DateOnly(2026, 3, 9)), new NextStep("Check the brakes", users["collab"], new DateOnly(2026, 3, 5))]);

        var result = await LogAsync(c1, input, "kam");

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var dto = result.Activity!;
        Assert.Equal("Visited the kitchen; happy with the fleet", dto.Summary);
        Assert.Equal((5, 9, 1L, "Marta Soler"), (dto.Csat!.Value, dto.Nps!.Value, dto.NpsContactId!.Value, dto.NpsContactName));
        Assert.Equal(["collab", "kam"], dto.Members.Select(m => m.Name));
        Assert.Equal(["Marta Soler"], dto.Contacts.Select(c => c.Name));
        Assert.Equal("kam", dto.LoggedBy);
        Assert.Equal(2, dto.TaskIds.Count);
        await using var db = Db();
        var tasks = await db.Tasks.AsNoTracking().Where(t => dto.TaskIds.Contains(t.Id)).OrderBy(t => t.Title).ToListAsync();
        Assert.All(tasks, t => Assert.Equal((c1, users["kam"], WorkTaskStatus.Open), (t.CustomerId!.Value, t.CreatedByUserId, t.Status)));
        Assert.Equal([("Check the brakes", users["collab"]), ("Send the summer quote", users["kam"])], tasks.Select(t => (t.Title, t.AssigneeUserId)));
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Entity == "activity");
        Assert.Equal((users["kam"], c1, "log"), (audit.UserId, audit.CustomerId!.Value, audit.Action));
        Assert.Contains("check-in (visit) on C1", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("CSAT 5", audit.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Marta", audit.Summary, StringComparison.Ordinal); // no contact's personal data
        Assert.DoesNotContain("kitchen", audit.Summary, StringComparison.Ordinal); // nor what was said
    }

    [Fact]
    public async Task Log_ABadNextStep_LeavesNothingWritten()
    {
        var before = await CountAsync();
        var input = new NewActivity(ActivityType.Call, "Call", IsCheckin: true, Csat: 4, MemberUserIds: [users["kam"]],
            NextSteps: [new NextStep("Good step", users["kam"], new DateOnly(2026, 3, 9)), new NextStep("For a viewer", users["viewer"], new DateOnly(2026, 3, 9))]);

        var result = await LogAsync(c1, input, "kam");

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal(["nextSteps[1].assignee"], result.Problems.Select(p => p.Field));
        Assert.Equal(before, await CountAsync());

        // And the next activity still gets its ids: nothing was left half-written in the counters either.
        Assert.True((await LogAsync(c1, input with { NextSteps = [input.NextSteps![0]] }, "kam")).Succeeded);
        Assert.Equal((before.Activities + 1, before.Tasks + 1), ((await CountAsync()).Activities, (await CountAsync()).Tasks));
    }

    [Theory]
    [InlineData("director", ChangeOutcome.Done)]
    [InlineData("lead", ChangeOutcome.Done)]
    [InlineData("kam", ChangeOutcome.Done)]
    [InlineData("collab", ChangeOutcome.Done)]
    [InlineData("kam2", ChangeOutcome.Forbidden)]
    [InlineData("viewer", ChangeOutcome.Forbidden)]
    [InlineData("outsider", ChangeOutcome.Forbidden)]
    [InlineData(null, ChangeOutcome.Done)]
    public async Task Log_WhoMay_IsTheAccountsTeamALeadOrDirectorOrTheSystem(string? who, ChangeOutcome expected)
    {

        var result = await LogAsync(c1, new NewActivity(ActivityType.Note, "A note"), who);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(expected == ChangeOutcome.Done ? 1 : 0, (await CountAsync()).Activities);
    }

    [Fact]
    public async Task Log_NextSteps_NeedAMemberWhoMayCreateTasks()
    {
        var input = new NewActivity(ActivityType.Call, "Call", NextSteps: [new NextStep("Step", users["kam"], new DateOnly(2026, 3, 9))]);

        Assert.Equal((ChangeOutcome.Invalid, "nextSteps"), Outcome(await LogAsync(c1, input, null)));
        Assert.Equal((ChangeOutcome.Forbidden, "nextSteps"), Outcome(await LogAsync(c1, input, "collab")));
        Assert.Equal(0, (await CountAsync()).Activities);
        Assert.Equal(ChangeOutcome.Done, (await LogAsync(c1, input with { NextSteps = null }, "collab")).Outcome);
    }

    [Fact]
    public async Task Log_ContactsOfAnotherCustomer_OrStrangers_AreRefusedByField()
    {

        var contact = await LogAsync(c1, new NewActivity(ActivityType.Meeting, "m", ContactIds: [2]), "kam");
        var nps = await LogAsync(c1, new NewActivity(ActivityType.Call, "c", IsCheckin: true, Csat: 3, Nps: 8, NpsContactId: 2), "kam");
        var member = await LogAsync(c1, new NewActivity(ActivityType.Meeting, "m", MemberUserIds: [users["outsider"]]), "kam");

        Assert.Equal(["contactIds"], contact.Problems.Select(p => p.Field));
        Assert.Equal(["npsContactId"], nps.Problems.Select(p => p.Field));
        Assert.Equal(["memberUserIds"], member.Problems.Select(p => p.Field));
        Assert.Equal(0, (await CountAsync()).Activities);
    }

    [Fact]
    public async Task Log_ACustomerOfAnotherWorkspace_IsNotFound()
    {

        Assert.Equal(ChangeOutcome.NotFound, (await LogAsync(bCustomer, new NewActivity(ActivityType.Note, "n"), "director")).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await LogAsync(c2, new NewActivity(ActivityType.Note, "n"), "outsider", b)).Outcome);
        Assert.Equal(0, (await CountAsync()).Activities);
    }

    [Fact]
    public async Task Log_KamOnTheTeamOfAnUndesignatedCustomer_MayNot()
    {
        await using (var db = Db())
        {
            Assert.True((await Designations.SetAsync(db, a, c1, false, "Lost the contract", null, clock)).Succeeded);
        }

        Assert.Equal(ChangeOutcome.Forbidden, (await LogAsync(c1, new NewActivity(ActivityType.Note, "n"), "kam")).Outcome);
        Assert.Equal(ChangeOutcome.Done, (await LogAsync(c1, new NewActivity(ActivityType.Note, "n"), "lead")).Outcome);
    }

    [Fact]
    public async Task Timeline_ActivitiesDesignationsAndTasks_NewestFirst_OnlyOfThatCustomer()
    {
        await using (var db = Db())
        {
            Assert.True((await Designations.UndesignateAsync(db, a, c1, "Review", users["director"], clock)).Succeeded);
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True((await Designations.DesignateAsync(db, a, c1, null, "Largest customer", users["director"], clock)).Succeeded);
        }

        clock.Advance(TimeSpan.FromHours(1));
        var logged = await LogAsync(c1, new NewActivity(ActivityType.Call, "Check-in call", IsCheckin: true, Csat: 4,
            NextSteps: [new NextStep("Send the quote", users["kam"], new DateOnly(2026, 3, 9))]), "kam");
        clock.Advance(TimeSpan.FromHours(1));
        await using (var db = Db())
        {
            Assert.Equal(TaskOutcome.Changed, (await Tasks.CompleteAsync(db, a, logged.Activity!.TaskIds[0], users["kam"], clock)).Outcome);
        }

        clock.Advance(TimeSpan.FromHours(1));
        await LogAsync(c2, new NewActivity(ActivityType.Note, "Another customer's note"), "kam2");
        var backdated = await LogAsync(c1, new NewActivity(ActivityType.Email, "Old email", Now.AddDays(-10)), "kam");

        await using var read = Db();
        var timeline = await Timeline.ForAccountAsync(read, a, c1);

        Assert.Equal([TimelineKind.TaskDone, TimelineKind.Activity, TimelineKind.TaskCreated, TimelineKind.Designation, TimelineKind.Designation, TimelineKind.Activity],
            timeline.Select(e => e.Kind));
        Assert.Equal("Check-in call", timeline[1].Activity!.Summary);
        Assert.Equal("Send the quote", timeline[0].Task!.Title);
        Assert.Equal("Key", timeline[3].Designation!.ToTier);
        Assert.Null(timeline[4].Designation!.ToTier);
        Assert.Equal(backdated.Activity!.Id, timeline[5].Activity!.Id);
        Assert.True(timeline.Zip(timeline.Skip(1)).All(p => p.First.At >= p.Second.At));
        Assert.Empty(await Timeline.ForAccountAsync(read, b, c1));
    }

    [Fact]
    public async Task Log_SixteenAtOnce_GetDistinctIds()
    {

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => LogAsync(c1, new NewActivity(ActivityType.Note, $"note {i}"), "kam")));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Problems)));
        Assert.Equal(16, results.Select(r => r.Activity!.Id).Distinct().Count());
    }

    private static (ChangeOutcome, string) Outcome(ActivityResult r) => (r.Outcome, r.Problems.Single().Field);
}

public sealed class SqliteActivityLogTests() : ActivityLogTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresActivityLogTests() : ActivityLogTests(Engine.Postgres);
