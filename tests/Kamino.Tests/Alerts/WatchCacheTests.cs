using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Analysis;
using Kamino.Contacts;
using Kamino.Tests.Activities;
using Kamino.WorkTasks;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Alerts;

/// <summary>
/// A user's alerts and the key-accounts panel are kept in memory per watch version (<see cref="SalesCache"/>), yet a
/// check-in, a task done, a dismissal and its undo, a contact removed and an owner renamed each show in the next
/// answer, equal to what a process with nothing kept computes (SQLite and PostgreSQL, sealed subclasses at the end).
/// </summary>
public abstract class WatchCacheTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(CadenceWorld.At(0));
    private CadenceWorld w = null!;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        w = await CadenceWorld.SeedAsync(db);
    }

    /// <summary>What the header and the dashboard show <paramref name="user"/> (alerts in their scope, the panel's rows), kept and computed afresh.</summary>
    private async Task<string> ShownAsync(string user, CheckinScope scope)
    {
        var kept = await ShownAsync(Test.Database, user, scope);
        Assert.Equal(await ShownAsync(new KaminoDatabase(Test.Database.Target), user, scope), kept);
        return kept;
    }

    private async Task<string> ShownAsync(KaminoDatabase database, string user, CheckinScope scope)
    {
        await using var db = database.CreateDbContext();
        var alerts = await AlertsQuery.ListAsync(db, w.A, scope, w.Users[user], CadenceWorld.Today);
        var panel = await KeyAccountWatch.ListAsync(db, w.A, scope, w.Users[user], CadenceWorld.Today);
        return string.Join(';', alerts.Open.Select(a => a.Key)) + $" hidden {alerts.Hidden} | "
            + string.Join(';', panel.Select(p => $"{p.CustomerId}/{p.Owner}/{p.Health.Score}/{p.Cadence.Status}/{p.OpenAlerts}"));
    }

    [Fact]
    public async Task EveryKindOfChange_ShowsInTheNextAnswer()
    {
        var before = await ShownAsync("director", CheckinScope.Workspace);
        Assert.Equal(before, await ShownAsync("director", CheckinScope.Workspace)); // kept, and still equal
        Assert.Contains("checkinOverdue:" + w.Customers["K1"], before);

        // A check-in clears K1's overdue alert.
        await using (var db = Db())
        {
            await w.CheckinAsync(db, w.A, "K1", 0);
        }

        var checkedIn = await ShownAsync("director", CheckinScope.Workspace);
        Assert.DoesNotContain("checkinOverdue:" + w.Customers["K1"], checkedIn);

        // A task of a key account, overdue; then done.
        long taskId;
        await using (var db = Db())
        {
            var task = new WorkTask
            {
                WorkspaceId = w.A, Id = await db.NextIdAsync(db.Tasks, w.A), Title = "Quote", CustomerId = w.Customers["K3"], AssigneeUserId = w.Users["kam"],
                DueDate = CadenceWorld.Today.AddDays(-2), CreatedByUserId = w.Users["director"], CreatedAt = CadenceWorld.At(-5),
            };
            db.Tasks.Add(task);
            await db.SaveChangesAsync();
            taskId = task.Id;
        }

        var overdue = await ShownAsync("director", CheckinScope.Workspace);
        Assert.Contains($"taskOverdue:{w.Customers["K3"]}:{taskId}", overdue);
        await using (var db = Db())
        {
            Assert.Equal(TaskOutcome.Changed, (await Tasks.CompleteAsync(db, w.A, taskId, w.Users["kam"], clock)).Outcome);
        }

        Assert.DoesNotContain("taskOverdue", await ShownAsync("director", CheckinScope.Workspace));

        // The KAM dismisses K2's alert; the Director still sees it. Undone, it is back.
        var k2 = "checkinOverdue:" + w.Customers["K2"];
        Assert.Contains(k2, await ShownAsync("kam", CheckinScope.Mine));
        await using (var db = Db())
        {
            Assert.True((await AlertDismissals.AcknowledgeAsync(db, w.A, w.Users["kam"], k2, CadenceWorld.Today, clock)).Succeeded);
        }

        var dismissed = await ShownAsync("kam", CheckinScope.Mine);
        Assert.DoesNotContain(k2, dismissed);
        Assert.Contains("hidden 1", dismissed);
        Assert.Contains(k2, await ShownAsync("director", CheckinScope.Workspace));
        await using (var db = Db())
        {
            Assert.True((await AlertDismissals.UndoAsync(db, w.A, w.Users["kam"], k2, clock)).Succeeded);
        }

        Assert.Contains(k2, await ShownAsync("kam", CheckinScope.Mine));

        // The owner renamed: the panel names them by the new name.
        await using (var db = Db())
        {
            var kam = await db.Users.SingleAsync(u => u.Id == w.Users["kam"]);
            kam.DisplayName = "Karl Renamed";
            await db.SaveChangesAsync();
        }

        Assert.Contains("K1/Karl Renamed/", await ShownAsync("director", CheckinScope.Workspace));

        // A contact added and removed (the removal deletes with SQL): every answer still equals a fresh one.
        await using (var db = Db())
        {
            var added = await CustomerContacts.AddAsync(db, w.A, w.Customers["K4"], new ContactFields("Ana", Email: "ana@k4.test"), w.Users["director"], clock);
            Assert.True(added.Change.Succeeded, string.Join(", ", added.Problems.Select(p => p.Message)));
            await ShownAsync("director", CheckinScope.Workspace);
            Assert.True((await CustomerContacts.RemoveAsync(db, w.A, w.Customers["K4"], added.Contact!.Id, w.Users["director"], clock)).Succeeded);
        }

        await ShownAsync("director", CheckinScope.Workspace);
    }
}

public sealed class SqliteWatchCacheTests() : WatchCacheTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresWatchCacheTests() : WatchCacheTests(Engine.Postgres);
