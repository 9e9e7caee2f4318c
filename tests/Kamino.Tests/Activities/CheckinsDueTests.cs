using Ical.Net.CalendarComponents;
using Kamino.Activities;
using Kamino.Calendar;
using Kamino.Customers;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Activities;

/// <summary>"Check-ins due", the check-in notifications and the calendar feed on SQLite and PostgreSQL (sealed subclasses at the end).</summary>
public abstract class CheckinsDueTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(CadenceWorld.At(0));
    private CadenceWorld w = null!;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        w = await CadenceWorld.SeedAsync(db);
    }

    private static DateOnly Today => CadenceWorld.Today;

    [Fact]
    public async Task Workspace_EveryKeyAccountWithACadence_MostOverdueFirst_OnlyThisWorkspace()
    {
        await using var db = Db();

        var rows = await CheckinsDue.ListAsync(db, w.A, CheckinScope.Workspace, w.Users["director"], Today);

        Assert.Equal(["K2", "K1", "K3", "K4"], rows.Select(r => r.CustomerId));
        Assert.Equal(new CheckinDue("K2", "Customer K2", "Key", "karl@a.test", null, null, CheckinStatus.NeverContacted, 0), rows[0]);
        Assert.Equal(new CheckinDue("K1", "Customer K1", "Key", "karl@a.test", Today.AddDays(-40), Today.AddDays(-10), CheckinStatus.Overdue, 10), rows[1]);
        Assert.Equal(new CheckinDue("K3", "Customer K3", "Key", "kora@a.test", Today.AddDays(-5), Today.AddDays(3), CheckinStatus.DueSoon, 0), rows[2]);
        Assert.Equal((Today.AddDays(29), CheckinStatus.UpToDate), (rows[3].NextDue, rows[3].Status));
        Assert.Equal(["B1"], (await CheckinsDue.ListAsync(db, w.B, CheckinScope.Workspace, w.Users["kam"], Today)).Select(r => r.CustomerId));
    }

    [Fact]
    public async Task Scopes_Mine_IsMyTeams_Team_AddsTheAccountsOfSupervisedKams()
    {
        await using var db = Db();
        async Task<IEnumerable<string>> Keys(CheckinScope scope, string user) =>
            (await CheckinsDue.ListAsync(db, w.A, scope, w.Users[user], Today)).Select(r => r.CustomerId);

        Assert.Equal(["K2", "K1"], await Keys(CheckinScope.Mine, "kam"));
        Assert.Equal(["K2", "K1"], await Keys(CheckinScope.Team, "kam"));
        Assert.Equal(["K4"], await Keys(CheckinScope.Mine, "lead"));
        Assert.Equal(["K2", "K1", "K4"], await Keys(CheckinScope.Team, "lead"));
        Assert.Empty(await Keys(CheckinScope.Mine, "director"));
    }

    [Fact]
    public async Task StoredTiers_TheTiersInterval_AndATierWithoutCadenceIsNeverDue()
    {
        await using var db = Db();
        db.Tiers.AddRange(
            new Tier { WorkspaceId = w.A, Id = 1, Name = "Gold", Rank = 1, CheckinDays = 14 },
            new Tier { WorkspaceId = w.A, Id = 2, Name = "Silver", Rank = 2, CheckinDays = null },
            new Tier { WorkspaceId = w.A, Id = 3, Name = "Standard", Rank = 3 });
        await db.SaveChangesAsync();
        await db.Customers.Where(c => c.WorkspaceId == w.A && c.Key != "K2").ExecuteUpdateAsync(s => s.SetProperty(c => c.TierId, 1L));
        await db.Customers.Where(c => c.WorkspaceId == w.A && c.Key == "K2").ExecuteUpdateAsync(s => s.SetProperty(c => c.TierId, 2L));

        var rows = await CheckinsDue.ListAsync(db, w.A, CheckinScope.Workspace, w.Users["director"], Today);

        Assert.Equal(["K1", "K3", "K4"], rows.Select(r => r.CustomerId));
        Assert.Equal((Today.AddDays(-26), 26, "Gold"), (rows[0].NextDue, rows[0].DaysOverdue, rows[0].Tier));
        Assert.Equal(Today.AddDays(3), rows[1].NextDue); // "call me back" still wins over 14 days
        Assert.Equal(Today.AddDays(13), rows[2].NextDue);
    }

    [Fact]
    public async Task Notifications_OnePerAccountAndDueDate_ForTheOwner_NotRepeated_NewOneWhenTheDateMoves()
    {
        await using (var db = Db())
        {
            // "other" reads Kamino in Spanish: their notification is written in Spanish, the date as Spain writes it.
            await db.Users.Where(u => u.Id == w.Users["other"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es"));
            Assert.Equal(4, await CheckinReminders.NotifyOwnersAsync(db, Today, clock)); // K1, K2, K3 in a; B1 in b
            Assert.Equal(0, await CheckinReminders.NotifyOwnersAsync(db, Today, clock));
            Assert.Equal(0, await CheckinReminders.NotifyOwnersAsync(db, Today.AddDays(1), clock));

            // "kam" switches to Spanish: the due dates have not moved, so no reminder again in the other language.
            await db.Users.Where(u => u.Id == w.Users["kam"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es"));
            Assert.Equal(0, await CheckinReminders.NotifyOwnersAsync(db, Today, clock));
            await db.Users.Where(u => u.Id == w.Users["kam"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "en"));
        }

        await using (var db = Db())
        {
            var kam = await db.Notifications.Where(n => n.WorkspaceId == w.A && n.UserId == w.Users["kam"]).OrderBy(n => n.Id).ToListAsync();
            Assert.Equal(["Check-in with Customer K2 due now (never contacted)", "Check-in with Customer K1 due 2/28/2026"], kam.Select(n => n.Text));
            Assert.Equal("/w/a/accounts/K1", kam[1].Link);
            Assert.Equal(["Seguimiento con Customer K3 para el 13/3/2026"],
                await db.Notifications.Where(n => n.UserId == w.Users["other"]).Select(n => n.Text).ToListAsync());
            Assert.False(await db.Notifications.AnyAsync(n => n.UserId == w.Users["lead"])); // K4 is up to date
            Assert.Equal(["Check-in with Customer B1 due now (never contacted)"],
                await db.Notifications.Where(n => n.WorkspaceId == w.B).Select(n => n.Text).ToListAsync());

            // Checked in, "call me back in 5 days": a new due date within the week, a new notification.
            await w.CheckinAsync(db, w.A, "K1", 0, next: Today.AddDays(5));
            Assert.Equal(1, await CheckinReminders.NotifyOwnersAsync(db, Today, clock));
            Assert.Equal("Check-in with Customer K1 due 3/15/2026",
                await db.Notifications.Where(n => n.UserId == w.Users["kam"]).OrderByDescending(n => n.Id).Select(n => n.Text).FirstAsync());
        }
    }

    [Fact]
    public async Task Feed_TwoCreatesAtOnce_OneFeed_AndTheLastAddressReturnedWorks()
    {
        using var start = new Barrier(2);
        async Task<string?> CreateAsync()
        {
            await using var db = Db();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return await CalendarFeeds.CreateAsync(db, w.A, w.Users["kam"], clock);
        }

        var tokens = await Task.WhenAll(Task.Run(CreateAsync), Task.Run(CreateAsync));

        Assert.All(tokens, Assert.NotNull);
        await using var read = Db();
        Assert.Equal(1, await read.CalendarFeeds.CountAsync(f => f.WorkspaceId == w.A && f.UserId == w.Users["kam"]));
        var working = 0;
        foreach (var token in tokens)
        {
            working += await CalendarFeeds.FindAsync(read, token!) is null ? 0 : 1;
        }

        Assert.Equal(1, working);
    }

    [Fact]
    public async Task Feed_TokenOnlyHashed_NewTokenReplacesTheOld_RevokedIsGone()
    {
        await using var db = Db();
        var first = await CalendarFeeds.CreateAsync(db, w.A, w.Users["kam"], clock);
        Assert.NotNull(first);
        Assert.True(first.Length >= 22); // ≥ 128 bits in base64url
        Assert.Equal(new FeedOwner(w.A, "a", "A", w.Users["kam"]), await CalendarFeeds.FindAsync(db, first));
        Assert.False(await db.CalendarFeeds.AnyAsync(f => f.TokenHash.Contains(first)));

        var second = await CalendarFeeds.CreateAsync(db, w.A, w.Users["kam"], clock);
        Assert.NotEqual(first, second);
        Assert.Null(await CalendarFeeds.FindAsync(db, first));
        Assert.NotNull(await CalendarFeeds.FindAsync(db, second!));
        Assert.Null(await CalendarFeeds.CreateAsync(db, w.B, w.Users["lead"], clock)); // not a member of b

        Assert.True(await CalendarFeeds.RevokeAsync(db, w.A, w.Users["kam"], clock));
        Assert.False(await CalendarFeeds.RevokeAsync(db, w.A, w.Users["kam"], clock));
        Assert.Null(await CalendarFeeds.FindAsync(db, second!));
        Assert.Null(await CalendarFeeds.FindAsync(db, ""));
        Assert.Equal(["created", "regenerated", "revoked"],
            await db.AuditEntries.Where(e => e.WorkspaceId == w.A && e.Entity == "calendar-feed").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task Feed_OwnedCheckinsAndOpenTasks_AllDay_ParsedByIcalNet_NothingOfAnotherWorkspace()
    {
        await using var db = Db();
        await w.TaskAsync(db, w.A, "kam", "Send the new catalogue, with prices for the whole of next year's range of scooters and spare parts", 4);
        await w.TaskAsync(db, w.A, "kam", "Done already", 1, Kamino.WorkTasks.WorkTaskStatus.Done);
        await w.TaskAsync(db, w.A, "other", "Someone else's task", 2);

        var entries = await CalendarEntries.ForUserAsync(db, w.A, "a", w.Users["kam"], Today);
        var ics = CalendarEntries.ToICalendar(entries, "Kamino · A", CadenceWorld.At(0), "https://kamino.example.com");

        Assert.Contains("\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain(ics.Replace("\r\n", "", StringComparison.Ordinal), c => c == '\n');
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var events = calendar.Events.OrderBy(e => e.Uid, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [$"checkin-{w.A}-{w.Customers["K1"]}@kamino", $"checkin-{w.A}-{w.Customers["K2"]}@kamino", $"task-{w.A}-1@kamino"],
            events.Select(e => e.Uid));
        Assert.All(events, e => Assert.True(e.IsAllDay));
        Assert.All(events, e => Assert.False(e.Start!.HasTime));
        Assert.Equal(Today, Day(events[0]));   // overdue: on today
        Assert.Equal(Today, Day(events[1]));   // never contacted: on today
        Assert.Equal(Today.AddDays(4), Day(events[2]));
        Assert.Equal("Check-in: Customer K1", events[0].Summary);
        Assert.Equal(new Uri("https://kamino.example.com/w/a/accounts/K1"), events[0].Url);
        Assert.StartsWith("Task #1: Send the new catalogue", events[2].Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("B1", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone else", ics, StringComparison.Ordinal);

        // The same entries give the same UIDs tomorrow: calendar apps update the events rather than add new ones.
        var tomorrow = await CalendarEntries.ForUserAsync(db, w.A, "a", w.Users["kam"], Today.AddDays(1));
        Assert.Equal(entries.Select(e => e.Uid).Order(StringComparer.Ordinal), tomorrow.Select(e => e.Uid).Order(StringComparer.Ordinal));
    }

    private static DateOnly Day(CalendarEvent e) => new(e.Start!.Year, e.Start.Month, e.Start.Day);
}

public sealed class SqliteCheckinsDueTests() : CheckinsDueTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresCheckinsDueTests() : CheckinsDueTests(Engine.Postgres);
