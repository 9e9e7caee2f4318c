using Kamino.People;
using Kamino.WorkTasks;

namespace Kamino.Tests.WorkTasks;

/// <summary>The task service and queries on SQLite and PostgreSQL (sealed subclasses at the end).</summary>
public abstract class TasksTests(Engine engine) : DatabaseTests(engine)
{
    [Fact]
    public async Task Create_ForSomeoneElse_SavesTaskWithAuditAndNotification()
    {
        var w = await TaskWorld.SeedAsync(Test.Database, withTasks: false);

        await using (var db = Db())
        {
            var input = new NewTask("  Prepare the Q2 plan ", w.Users["kam1"], TaskWorld.Today.AddDays(4), "With figures", w.Customers["C1"], Department.Sales);
            var result = await Tasks.CreateAsync(db, w.Acme, input, w.Users["director"], w.Clock);
            Assert.Equal(TaskOutcome.Changed, result.Outcome);
        }

        await using var read = Db();
        var task = await read.Tasks.SingleAsync();
        Assert.Equal((w.Acme, 1L, "Prepare the Q2 plan", WorkTaskStatus.Open), (task.WorkspaceId, task.Id, task.Title, task.Status));
        Assert.Equal(w.Users["kam1"], task.AssigneeUserId);
        Assert.Equal(w.Users["director"], task.CreatedByUserId);
        Assert.Equal(w.Customers["C1"], task.CustomerId);
        Assert.Equal(TaskWorld.Today.AddDays(4), task.DueDate);
        Assert.Equal(TaskWorld.Start, task.CreatedAt);

        var audit = await read.AuditEntries.SingleAsync();
        Assert.Equal(("task", "1", "create", w.Users["director"], w.Customers["C1"]), (audit.Entity, audit.EntityId, audit.Action, audit.UserId, (long?)audit.CustomerId));
        Assert.Contains("kam1@acme.test", audit.Summary, StringComparison.Ordinal);

        var note = await read.Notifications.SingleAsync();
        Assert.Equal(w.Users["kam1"], note.UserId);
        Assert.Equal(w.Acme, note.WorkspaceId);
        Assert.Equal("/w/acme/tasks/1", note.Link);
        Assert.Contains("Prepare the Q2 plan", note.Text, StringComparison.Ordinal);
        Assert.Null(note.ReadAt);
    }

    [Fact]
    public async Task Create_ForOneself_NoNotification()
    {
        var w = await TaskWorld.SeedAsync(Test.Database, withTasks: false);
        await using var db = Db();

        var result = await Tasks.CreateAsync(db, w.Acme, new NewTask("Mine", w.Users["kam2"], TaskWorld.Today), w.Users["kam2"], w.Clock);

        Assert.Equal(TaskOutcome.Changed, result.Outcome);
        Assert.Equal(0, await db.Notifications.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Create_AssigneeOrAccountOfAnotherWorkspace_IsRefusedAndWritesNothing()
    {
        var w = await TaskWorld.SeedAsync(Test.Database, withTasks: false);
        await using var db = Db();
        // O1 of "other" has number 1 there; acme's C1 also has number 1, so use a number only "other" has.
        db.Customers.Add(new Kamino.Customers.Customer { WorkspaceId = w.Other, Id = 99, Key = "O99", Name = "Other's" });
        await db.SaveChangesAsync();

        var outsider = await Tasks.CreateAsync(db, w.Acme, new NewTask("x", w.Users["outsider"], TaskWorld.Today), w.Users["director"], w.Clock);
        var viewer = await Tasks.CreateAsync(db, w.Acme, new NewTask("x", w.Users["viewer"], TaskWorld.Today), w.Users["director"], w.Clock);
        var account = await Tasks.CreateAsync(db, w.Acme, new NewTask("x", w.Users["kam1"], TaskWorld.Today, CustomerId: 99), w.Users["director"], w.Clock);
        var untitled = await Tasks.CreateAsync(db, w.Acme, new NewTask(" ", w.Users["kam1"], TaskWorld.Today), w.Users["director"], w.Clock);

        Assert.Equal("assignee", Assert.Single(outsider.Problems).Field);
        Assert.Equal("assignee", Assert.Single(viewer.Problems).Field);
        Assert.Equal("customerId", Assert.Single(account.Problems).Field);
        Assert.Equal("title", Assert.Single(untitled.Problems).Field);
        Assert.All(new[] { outsider, viewer, account, untitled }, r => Assert.Equal(TaskOutcome.Invalid, r.Outcome));
        await using var read = Db();
        Assert.Equal((0, 0, 0), (await read.Tasks.CountAsync(), await read.AuditEntries.CountAsync(), await read.Notifications.CountAsync()));
    }

    [Fact]
    public async Task CompleteThenReopen_SetsStatusAndTime_AuditsEach_AndRepeatingChangesNothing()
    {
        var w = await TaskWorld.SeedAsync(Test.Database);
        var id = w.Tasks["t3"];
        var doneAt = TaskWorld.Start.AddHours(3);
        w.Clock.SetUtcNow(doneAt);

        await using (var db = Db())
        {
            Assert.Equal(TaskOutcome.Changed, (await Tasks.CompleteAsync(db, w.Acme, id, w.Users["kam1"], w.Clock)).Outcome);
            Assert.Equal(TaskOutcome.Unchanged, (await Tasks.CompleteAsync(db, w.Acme, id, w.Users["kam1"], w.Clock)).Outcome);
        }

        await using (var db = Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.WorkspaceId == w.Acme && t.Id == id);
            Assert.Equal(WorkTaskStatus.Done, task.Status);
            Assert.Equal(doneAt, task.CompletedAt);
            Assert.Equal(TaskOutcome.Changed, (await Tasks.ReopenAsync(db, w.Acme, id, w.Users["lead"], w.Clock)).Outcome);
        }

        await using var read = Db();
        var reopened = await read.Tasks.SingleAsync(t => t.WorkspaceId == w.Acme && t.Id == id);
        Assert.Equal((WorkTaskStatus.Open, (DateTimeOffset?)null), (reopened.Status, reopened.CompletedAt));
        var audit = await AuditLog(read, w.Acme);
        Assert.Equal([("complete", w.Users["kam1"]), ("reopen", w.Users["lead"])], audit.Select(a => (a.Action, a.UserId!)));
        Assert.All(audit, a => Assert.Equal(("task", "3"), (a.Entity, a.EntityId)));
    }

    [Fact]
    public async Task Complete_TaskOfAnotherWorkspace_IsNotFound()
    {
        var w = await TaskWorld.SeedAsync(Test.Database);
        await using var db = Db();

        // Task number 9 exists nowhere; "other" has only number 1, which acme also has, so ask "other" for acme's 2.
        Assert.Equal(TaskOutcome.NotFound, (await Tasks.CompleteAsync(db, w.Other, w.Tasks["t2"], w.Users["outsider"], w.Clock)).Outcome);
        Assert.Equal(TaskOutcome.NotFound, (await Tasks.CompleteAsync(db, w.Acme, 9, w.Users["director"], w.Clock)).Outcome);
        Assert.Equal(WorkTaskStatus.Open, (await db.Tasks.SingleAsync(t => t.WorkspaceId == w.Acme && t.Id == 2)).Status);
    }

    [Fact]
    public async Task Reassign_NotifiesTheNewAssignee_ResetsTheReminder_AndAuditsFromTo()
    {
        var w = await TaskWorld.SeedAsync(Test.Database);
        var id = w.Tasks["t4"];
        await using (var db = Db())
        {
            var t = await Tasks.FindAsync(db, w.Acme, id);
            t!.ReminderSentAt = TaskWorld.Start;
            await db.SaveChangesAsync();
        }

        await using (var db = Db())
        {
            var result = await Tasks.ReassignAsync(db, w.Acme, id, w.Users["collab"], w.Users["lead"], w.Clock);
            Assert.Equal(TaskOutcome.Changed, result.Outcome);
            var toOutsider = await Tasks.ReassignAsync(db, w.Acme, id, w.Users["outsider"], w.Users["lead"], w.Clock);
            Assert.Equal(TaskOutcome.Invalid, toOutsider.Outcome);
        }

        await using var read = Db();
        var task = await read.Tasks.SingleAsync(t => t.WorkspaceId == w.Acme && t.Id == id);
        Assert.Equal(w.Users["collab"], task.AssigneeUserId);
        Assert.Null(task.ReminderSentAt);
        var note = await read.Notifications.SingleAsync();
        Assert.Equal(w.Users["collab"], note.UserId);
        var audit = Assert.Single(await AuditLog(read, w.Acme));
        Assert.Equal(("reassign", w.Users["lead"], w.Customers["C1"]), (audit.Action, audit.UserId!, (long?)audit.CustomerId));
        Assert.Contains("kam2@acme.test", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("collab@acme.test", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_AuditsWhatChanged()
    {
        var w = await TaskWorld.SeedAsync(Test.Database);
        await using (var db = Db())
        {
            var edit = new TaskEdit("Task t5 renamed", "", TaskWorld.Today.AddDays(9), Department.Marketing, w.Customers["C2"]);
            Assert.Equal(TaskOutcome.Changed, (await Tasks.EditAsync(db, w.Acme, w.Tasks["t5"], edit, w.Users["kam2"], w.Clock)).Outcome);
            Assert.Equal(TaskOutcome.Unchanged, (await Tasks.EditAsync(db, w.Acme, w.Tasks["t5"], edit, w.Users["kam2"], w.Clock)).Outcome);
        }

        await using var read = Db();
        var task = await read.Tasks.SingleAsync(t => t.WorkspaceId == w.Acme && t.Id == w.Tasks["t5"]);
        Assert.Equal(("Task t5 renamed", Department.Marketing, TaskWorld.Today.AddDays(9), (long?)w.Customers["C2"]), (task.Title, task.Department, task.DueDate, task.CustomerId));
        var audit = Assert.Single(await AuditLog(read, w.Acme));
        Assert.Equal("edit", audit.Action);
        Assert.Contains("title: \"Task t5\" → \"Task t5 renamed\"", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("department: Direction → Marketing", audit.Summary, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> TeamCases() => new()
    {
        { "director", ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"] },
        { "lead", ["t2", "t3", "t4", "t7", "t8"] },
        { "kam1", ["t3", "t4", "t7"] },
        { "kam2", ["t4", "t5", "t6", "t8"] },
        { "collab", ["t4", "t6", "t7"] },
        { "viewer", ["t6"] },
    };

    [Theory]
    [MemberData(nameof(TeamCases))]
    public async Task Team_PerRole_ReturnsExactlyTheirTeamsTasks_OfThisWorkspaceOnly(string user, string[] expected)
    {
        var w = await TaskWorld.SeedAsync(Test.Database);
        await using var db = Db();
        var actor = await Tasks.ActorAsync(db, w.Acme, w.Users[user]);

        var ids = await db.Tasks.Team(db, w.Acme, actor!).Select(t => new { t.WorkspaceId, t.Id }).ToListAsync();

        Assert.All(ids, t => Assert.Equal(w.Acme, t.WorkspaceId));
        Assert.Equal(expected.Select(n => w.Tasks[n]).Order(), ids.Select(t => t.Id).Order());

        // The in-memory rule agrees with the query for every task of the workspace.
        var all = await db.Tasks.Where(t => t.WorkspaceId == w.Acme).ToListAsync();
        var owners = actor!.Supervised.Append(actor.UserId).ToHashSet(StringComparer.Ordinal);
        var teams = await db.AccountTeamMembers.Where(a => a.WorkspaceId == w.Acme).ToListAsync();
        var owned = teams.Where(a => a.IsOwner && owners.Contains(a.UserId)).Select(a => a.CustomerId).ToHashSet();
        var onTeam = teams.Where(a => a.UserId == actor.UserId).Select(a => a.CustomerId).ToHashSet();
        Assert.Equal(ids.Select(t => t.Id).Order(), all.Where(t => TaskRules.IsInTeam(actor, t, owned, onTeam)).Select(t => t.Id).Order());
    }

    [Fact]
    public async Task Team_KamOfTwoWorkspaces_SeesOnlyTheAskedWorkspace()
    {
        var w = await TaskWorld.SeedAsync(Test.Database);
        await using var db = Db();

        var inOther = await db.Tasks.Team(db, w.Other, (await Tasks.ActorAsync(db, w.Other, w.Users["kam1"]))!).ToListAsync();
        var mineInAcme = await db.Tasks.Mine(w.Acme, w.Users["kam1"]).ToListAsync();

        Assert.Equal("Task o1", Assert.Single(inOther).Title);
        Assert.Equal("Task t3", Assert.Single(mineInAcme).Title);
        Assert.Null(await Tasks.ActorAsync(db, w.Other, w.Users["director"]));
    }

    [Fact]
    public async Task ToRows_ListOrder_OverdueFirstThenByDueDate_WithNamesAndAccounts()
    {
        var w = await TaskWorld.SeedAsync(Test.Database);
        await using var db = Db();

        var rows = await db.Tasks.Where(t => t.WorkspaceId == w.Acme).ToRowsAsync(db, TaskWorld.Today);
        var sqlOrder = await db.Tasks.Where(t => t.WorkspaceId == w.Acme).InListOrder(TaskWorld.Today).Select(t => t.Id).ToListAsync();

        string[] expected = ["t3", "t7", "t6", "t5", "t2", "t1", "t8", "t4"];
        Assert.Equal(expected.Select(n => w.Tasks[n]), rows.Select(r => r.Id));
        Assert.Equal(expected.Select(n => w.Tasks[n]), sqlOrder);
        Assert.Equal([true, true], rows.Where(r => r.Overdue).Select(r => r.Overdue));
        var t7 = rows.Single(r => r.Id == w.Tasks["t7"]);
        Assert.Equal(("director@acme.test", "C1", "Customer C1", "director@acme.test"), (t7.AssigneeEmail, t7.AccountKey, t7.AccountName, t7.CreatedByEmail));
    }

    private static Task<List<Kamino.Audit.AuditEntry>> AuditLog(KaminoDb db, int workspaceId) =>
        Kamino.Audit.AuditLog.For(db, workspaceId).OrderBy(a => a.Id).ToListAsync();
}

public sealed class SqliteTasksTests() : TasksTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresTasksTests() : TasksTests(Engine.Postgres);
