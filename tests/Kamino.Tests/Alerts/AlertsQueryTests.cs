using System.Globalization;
using System.Text;
using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Import;
using Kamino.Tests.Activities;
using Kamino.WorkTasks;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Alerts;

/// <summary>
/// Alerts derived from stored data on SQLite and PostgreSQL (sealed subclasses at the end), in <see cref="CadenceWorld"/>:
/// K1 checked in 40 days ago (overdue 10 days), K2 never contacted (both the KAM's), K3 due soon, K4 up to date.
/// </summary>
public abstract class AlertsQueryTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(CadenceWorld.At(0));
    private CadenceWorld w = null!;

    protected CadenceWorld World => w;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        w = await CadenceWorld.SeedAsync(db);
    }

    private static DateOnly Today => CadenceWorld.Today;

    private async Task<List<Alert>> AlertsAsync(CheckinScope scope = CheckinScope.Workspace, string user = "director", DateOnly? today = null)
    {
        await using var db = Db();
        return (await AlertsQuery.ListAsync(db, w.A, scope, w.Users[user], today ?? Today)).Open.ToList();
    }

    [Fact]
    public async Task Workspace_CheckinOverdueAndNeverContacted_OnlyThisWorkspace()
    {
        var alerts = await AlertsAsync();

        // Oldest first: K1 since the day after its due day; K2, never contacted and with no designation stored, since today.
        Assert.Equal([("checkinOverdue", "K1"), ("checkinOverdue", "K2")], alerts.Select(a => (Key: a.Key.Split(':')[0], a.CustomerId)));
        var k1 = alerts.Single(a => a.CustomerId == "K1");
        Assert.Equal((Today.AddDays(-9), "/w/a/accounts/K1", 10), (k1.Since, k1.Link, k1.Figures.Days));
        await using var db = Db();
        Assert.Equal(["B1"], (await AlertsQuery.DeriveAsync(db, w.B, CheckinScope.Workspace, w.Users["kam"], Today)).Select(a => a.CustomerId));
    }

    [Fact]
    public async Task CheckinOverdue_RaisedTheDayAfterTheDueDay_ClearedByACheckin()
    {
        Assert.DoesNotContain(await AlertsAsync(today: Today.AddDays(-10)), a => a.CustomerId == "K1");
        Assert.Contains(await AlertsAsync(today: Today.AddDays(-9)), a => a.CustomerId == "K1" && a.Since == Today.AddDays(-9));

        await using (var db = Db())
        {
            await w.CheckinAsync(db, w.A, "K1", 0);
        }

        Assert.DoesNotContain(await AlertsAsync(), a => a.CustomerId == "K1");
        Assert.Contains(await AlertsAsync(today: Today.AddDays(-1)), a => a.CustomerId == "K1"); // the check-in did not happen yet then
    }

    [Fact]
    public async Task Satisfaction_LowDropAndDetractor_RaisedOnTheCheckinsDay()
    {
        await using (var db = Db())
        {
            db.Activities.Add(new Activity
            {
                WorkspaceId = w.A, Id = await db.NextIdAsync(db.Activities, w.A), CustomerId = w.Customers["K4"], Type = ActivityType.Visit, At = CadenceWorld.At(0),
                Summary = "Unhappy", IsCheckin = true, Csat = 1, Nps = 6, CreatedAt = CadenceWorld.At(0),
            });
            await db.SaveChangesAsync();
        }

        var alerts = (await AlertsAsync()).Where(a => a.CustomerId == "K4").ToList();

        Assert.Equal([AlertKind.CsatLow, AlertKind.CsatDrop, AlertKind.NpsDetractor], alerts.Select(a => a.Kind).Order());
        Assert.All(alerts, a => Assert.Equal(Today, a.Since));
        Assert.Equal((1, 4), (alerts.Single(a => a.Kind == AlertKind.CsatDrop).Figures.Score, alerts.Single(a => a.Kind == AlertKind.CsatDrop).Figures.Previous));
        Assert.DoesNotContain(await AlertsAsync(today: Today.AddDays(-1)), a => a.CustomerId == "K4"); // the day before the check-in
    }

    [Fact]
    public async Task TaskOverdue_OnePerTask_LinkedToIt_InTheAssigneesMine_ClearedWhenDone()
    {
        long taskId;
        await using (var db = Db())
        {
            var task = new WorkTask
            {
                WorkspaceId = w.A, Id = await db.NextIdAsync(db.Tasks, w.A), Title = "Send the quote", CustomerId = w.Customers["K3"], AssigneeUserId = w.Users["kam"],
                DueDate = Today.AddDays(-3), CreatedByUserId = w.Users["director"], CreatedAt = CadenceWorld.At(-10),
            };
            db.Tasks.Add(task);
            await db.SaveChangesAsync();
            taskId = task.Id;
            await w.TaskAsync(db, w.A, "kam", "A task without an account", -5); // not about a key account: no alert
        }

        var mine = await AlertsAsync(CheckinScope.Mine, "kam");
        var alert = mine.Single(a => a.Kind == AlertKind.TaskOverdue);

        Assert.Equal(("K3", $"/w/a/tasks/{taskId}", Today.AddDays(-2), $"taskOverdue:{w.Customers["K3"]}:{taskId}"), (alert.CustomerId, alert.Link, alert.Since, alert.Key));
        Assert.DoesNotContain(mine, a => a.CustomerId == "K3" && a.Kind != AlertKind.TaskOverdue); // K3 itself is not the KAM's account
        Assert.DoesNotContain(await AlertsAsync(today: Today.AddDays(-3)), a => a.Kind == AlertKind.TaskOverdue); // due that day
        Assert.DoesNotContain(await AlertsAsync(CheckinScope.Mine, "lead"), a => a.Kind == AlertKind.TaskOverdue);

        await using (var db = Db())
        {
            Assert.Equal(TaskOutcome.Changed, (await Tasks.CompleteAsync(db, w.A, taskId, w.Users["kam"], clock)).Outcome);
        }

        Assert.DoesNotContain(await AlertsAsync(), a => a.Kind == AlertKind.TaskOverdue);
        Assert.Contains(await AlertsAsync(today: Today.AddDays(-1)), a => a.Kind == AlertKind.TaskOverdue); // still open that day
    }

    [Fact]
    public async Task Scopes_Mine_Team_Workspace()
    {
        Assert.Equal(["K1", "K2"], (await AlertsAsync(CheckinScope.Mine, "kam")).Select(a => a.CustomerId).Order());
        Assert.Empty(await AlertsAsync(CheckinScope.Mine, "lead"));
        Assert.Equal(["K1", "K2"], (await AlertsAsync(CheckinScope.Team, "lead")).Select(a => a.CustomerId).Order());
        Assert.Empty(await AlertsAsync(CheckinScope.Mine, "other"));
    }

    [Fact]
    public async Task RevenueDrop_FromGeneratedSales_RaisedOnTheDayTheFallReaches30Percent_ClearedWhenRevenueRecovers()
    {
        // K4 buys 100.00 every day from 2024-11-01 to 2026-01-31, then nothing: on day d the last 90 days hold the days up
        // to 01-31, the same 90 days a year before hold 9,000.00. 63 days of sales (6,300.00) is the 30% fall: 2026-02-27.
        var csv = new StringBuilder("invoice,date,customer_id,customer_name,net_amount\n");
        var n = 0;
        for (var d = new DateOnly(2024, 11, 1); d <= new DateOnly(2026, 1, 31); d = d.AddDays(1))
        {
            csv.Append(CultureInfo.InvariantCulture, $"F-{++n},{d:yyyy-MM-dd},K4,Customer K4,100.00\n");
        }

        Assert.True((await new SalesImporter(Test.Database, clock).ImportAsync(new ImportRequest("a", Folder.Write("sales.csv", csv.ToString())))).Imported);

        Assert.DoesNotContain(await AlertsAsync(today: new DateOnly(2026, 2, 26)), a => a.Kind == AlertKind.RevenueDrop);
        var raised = (await AlertsAsync(today: new DateOnly(2026, 2, 27))).Single(a => a.Kind == AlertKind.RevenueDrop);
        Assert.Equal(("K4", new DateOnly(2026, 2, 27), -0.30m), (raised.CustomerId, raised.Since, raised.Figures.Change));
        var later = (await AlertsAsync()).Single(a => a.Kind == AlertKind.RevenueDrop);
        Assert.Equal((raised.Key, raised.Fingerprint, raised.Since), (later.Key, later.Fingerprint, later.Since)); // the same alert while it lasts

        // A big order on the day: 5,200.00 + 2,000.00 against 9,000.00 is −20%, no longer a drop.
        Assert.True((await new SalesImporter(Test.Database, clock).ImportAsync(new ImportRequest("a", Folder.Write("more.csv",
            "invoice,date,customer_id,customer_name,net_amount\nG-1,2026-03-10,K4,Customer K4,2000.00\n")))).Imported);
        Assert.DoesNotContain(await AlertsAsync(), a => a.Kind == AlertKind.RevenueDrop);
        Assert.Contains(await AlertsAsync(today: Today.AddDays(-1)), a => a.Kind == AlertKind.RevenueDrop);
    }

    [Fact]
    public async Task Acknowledge_HidesForThatUserOnly_UntilTheAlertChanges_Audited()
    {
        await using (var db = Db())
        {
            var result = await AlertDismissals.AcknowledgeAsync(db, w.A, w.Users["kam"], $"checkinOverdue:{w.Customers["K1"]}", Today, clock);
            Assert.True(result.Succeeded, result.Problem);
        }

        Assert.Equal(["K2"], (await AlertsAsync(CheckinScope.Mine, "kam")).Select(a => a.CustomerId));
        await using (var db = Db())
        {
            Assert.Equal(1, (await AlertsQuery.ListAsync(db, w.A, CheckinScope.Mine, w.Users["kam"], Today)).Hidden);
            var audit = await db.AuditEntries.SingleAsync(a => a.WorkspaceId == w.A && a.Entity == "alert");
            Assert.Equal((w.Users["kam"], "acknowledged", (long?)w.Customers["K1"]), (audit.UserId, audit.Action, audit.CustomerId));
        }

        Assert.Contains(await AlertsAsync(CheckinScope.Team, "lead"), a => a.CustomerId == "K1"); // another user still sees it
        Assert.DoesNotContain(await AlertsAsync(CheckinScope.Mine, "kam", Today.AddDays(3)), a => a.CustomerId == "K1"); // the same alert days later

        // A check-in that leaves it overdue with another due day is a changed alert: shown again.
        await using (var db = Db())
        {
            await w.CheckinAsync(db, w.A, "K1", -35);
        }

        Assert.Contains(await AlertsAsync(CheckinScope.Mine, "kam"), a => a.CustomerId == "K1");
    }

    [Fact]
    public async Task Snooze_HidesUpToItsDay_Undo_ShowsAgain()
    {
        var key = $"checkinOverdue:{w.Customers["K1"]}";
        await using (var db = Db())
        {
            Assert.True((await AlertDismissals.SnoozeAsync(db, w.A, w.Users["kam"], key, Today.AddDays(2), Today, clock)).Succeeded);
            Assert.Equal(ChangeOutcome.Invalid, (await AlertDismissals.SnoozeAsync(db, w.A, w.Users["kam"], key, Today.AddDays(-1), Today, clock)).Outcome);
        }

        Assert.DoesNotContain(await AlertsAsync(CheckinScope.Mine, "kam", Today.AddDays(2)), a => a.CustomerId == "K1");
        Assert.Contains(await AlertsAsync(CheckinScope.Mine, "kam", Today.AddDays(3)), a => a.CustomerId == "K1");

        await using (var db = Db())
        {
            Assert.True((await AlertDismissals.UndoAsync(db, w.A, w.Users["kam"], key, clock)).Succeeded);
            Assert.Equal(ChangeOutcome.NotFound, (await AlertDismissals.UndoAsync(db, w.A, w.Users["kam"], key, clock)).Outcome);
            Assert.Equal(["snoozed", "restored"], await db.AuditEntries.Where(a => a.Entity == "alert").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }

        Assert.Contains(await AlertsAsync(CheckinScope.Mine, "kam"), a => a.CustomerId == "K1");
    }

    [Fact]
    public async Task Dismiss_NoSuchAlert_IsNotFound_NothingStored_AndADismissalStaysInItsWorkspace()
    {
        await using var db = Db();

        Assert.Equal(ChangeOutcome.NotFound, (await AlertDismissals.AcknowledgeAsync(db, w.A, w.Users["kam"], "checkinOverdue:999", Today, clock)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await AlertDismissals.AcknowledgeAsync(db, w.A, w.Users["kam"], $"checkinOverdue:{w.Customers["K4"]}", Today, clock)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await AlertDismissals.SnoozeAsync(db, w.A, w.Users["kam"], "nonsense", null, Today, clock)).Outcome);
        Assert.False(await db.AlertDismissals.AnyAsync());

        // Keys name a workspace's own customer ids, so the same key can exist in two workspaces: dismissing in b hides nothing in a.
        var b1 = $"checkinOverdue:{w.Customers["B1"]}";
        Assert.True((await AlertDismissals.AcknowledgeAsync(db, w.B, w.Users["kam"], b1, Today, clock)).Succeeded);
        Assert.Empty((await AlertsQuery.ListAsync(db, w.B, CheckinScope.Workspace, w.Users["kam"], Today)).Open);
        Assert.Equal(0, (await AlertsQuery.ListAsync(db, w.A, CheckinScope.Workspace, w.Users["kam"], Today)).Hidden);
    }

    [Fact]
    public async Task Digest_OncePerUserAndWeek_EvenWhenTwoRunsRace()
    {
        async Task<AlertDigestReport> Run(DateOnly day)
        {
            await using var db = Db();
            return await AlertDigests.SendAsync(db, day, null, clock);
        }

        var reports = await Task.WhenAll(Run(Today), Run(Today));

        // In a: the director (workspace), the lead (team) and the KAM (mine) have alerts; in b the KAM.
        Assert.Equal(4, reports.Sum(r => r.Digests));
        Assert.Equal(0, (await Run(Today.AddDays(2))).Digests); // same week
        await using (var db = Db())
        {
            Assert.Equal(4, await db.AlertDigests.CountAsync(d => d.Week == AlertDigests.WeekOf(Today)));
            var notes = await db.Notifications.Where(n => n.Link != null && n.Link.EndsWith("/alerts")).ToListAsync();
            Assert.Equal(4, notes.Count);
            Assert.Contains(notes, n => n.UserId == w.Users["kam"] && n.WorkspaceId == w.A && n.Text.Contains("2 open alert(s)", StringComparison.Ordinal));
            Assert.DoesNotContain(notes, n => n.UserId == w.Users["other"]);
        }

        Assert.Equal(5, (await Run(Today.AddDays(7))).Digests); // next week, when K3 (the other KAM's) is overdue too
    }
}

public sealed class AlertsQueryTestsSqlite() : AlertsQueryTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class AlertsQueryTestsPostgres() : AlertsQueryTests(Engine.Postgres);
