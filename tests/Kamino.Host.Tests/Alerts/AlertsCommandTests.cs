using Kamino.Activities;

namespace Kamino.Host.Tests.Alerts;

/// <summary>
/// <c>kamino alerts</c>, <c>alerts ack|snooze|undo</c> and <c>notify alerts</c> on a real SQLite file, on fixed days: C1 (the
/// KAM's) checked in 2026-01-20 with CSAT 5 and 2026-02-01 with CSAT 2 (due 2026-03-03); C2 (the second KAM's) never
/// contacted; O1 in another workspace.
/// </summary>
public sealed class AlertsCommandTests : CliDatabaseTests
{
    private const string Day = "2026-03-10";

    [Fact]
    public async Task List_Json_EveryAlertWithTheIssuesFields_OnAGivenDay()
    {
        var result = await RunAsync("alerts", "--today", Day, "--format", "json");

        Assert.Equal(0, result.Exit);
        var rows = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal([("csatLow", "C1"), ("csatDrop", "C1"), ("checkinOverdue", "C1"), ("checkinOverdue", "C2")],
            rows.Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("customerId").GetString())));
        var overdue = rows[2];
        Assert.Equal(("2026-03-04", "/w/acme/accounts/C1", "checkinOverdue:1"),
            (overdue.GetProperty("since").GetString(), overdue.GetProperty("link").GetString(), overdue.GetProperty("key").GetString()));
        Assert.StartsWith("Check-in overdue by 7 day(s)", overdue.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(7, overdue.GetProperty("figures").GetProperty("days").GetInt32());

        var before = await RunAsync("alerts", "--today", "2026-03-03", "--format", "csv");
        Assert.DoesNotContain("checkinOverdue,C1", before.Out, StringComparison.Ordinal); // due that day, not overdue yet
        Assert.StartsWith("kind,customerId,customerName,reason,since,link,key", before.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mine_Ack_Snooze_Undo_ForOneUser()
    {
        var mine = await RunAsync("alerts", "--mine", "--user", "kam2@acme.test", "--today", Day, "--format", "csv");
        Assert.Contains("checkinOverdue,C2", mine.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(",C1,", mine.Out, StringComparison.Ordinal);

        var ack = await RunAsync("alerts", "ack", "checkinOverdue:2", "--user", "kam2@acme.test", "--today", Day);
        Assert.Equal((0, "alert checkinOverdue:2 acknowledged"), (ack.Exit, ack.Out.Trim()));
        Assert.DoesNotContain("C2", (await RunAsync("alerts", "--mine", "--user", "kam2@acme.test", "--today", Day, "--format", "csv")).Out, StringComparison.Ordinal);
        Assert.Contains("C2", (await RunAsync("alerts", "--user", "kam@acme.test", "--today", Day, "--format", "csv")).Out, StringComparison.Ordinal);

        var snooze = await RunAsync("alerts", "snooze", "csatLow:1", "--until", "2026-03-12", "--user", "kam@acme.test", "--today", Day);
        Assert.Equal(0, snooze.Exit);
        Assert.DoesNotContain("csatLow", (await RunAsync("alerts", "--mine", "--user", "kam@acme.test", "--today", "2026-03-12", "--format", "csv")).Out, StringComparison.Ordinal);
        Assert.Contains("csatLow", (await RunAsync("alerts", "--mine", "--user", "kam@acme.test", "--today", "2026-03-13", "--format", "csv")).Out, StringComparison.Ordinal);

        var undo = await RunAsync("alerts", "undo", "checkinOverdue:2", "--user", "kam2@acme.test");
        Assert.Equal(0, undo.Exit);
        Assert.Contains("C2", (await RunAsync("alerts", "--mine", "--user", "kam2@acme.test", "--today", Day, "--format", "csv")).Out, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(["acknowledged", "snoozed", "restored"], await db.AuditEntries.Where(a => a.Entity == "alert").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Errors_UnknownAlert_OtherWorkspacesAlert_MissingUser_BadDay()
    {
        var unknown = await RunAsync("alerts", "ack", "csatLow:2", "--user", "kam@acme.test", "--today", Day);
        var noUser = await RunAsync("alerts", "ack", "csatLow:1");
        var mineNoUser = await RunAsync("alerts", "--mine");
        var badDay = await RunAsync("alerts", "--today", "10/03/2026");
        var outsider = await RunAsync("alerts", "ack", "csatLow:1", "--user", "outsider@other.test", "--today", Day);
        var other = await RunInAsync("other", "alerts", "--today", Day, "--format", "csv");

        Assert.Equal((1, 2, 2, 2), (unknown.Exit, noUser.Exit, mineNoUser.Exit, badDay.Exit));
        Assert.NotEqual(0, outsider.Exit); // not a member of acme
        Assert.Contains("checkinOverdue,O1", other.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("C1", other.Out, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.False(await db.AlertDismissals.AnyAsync());
    }

    [Fact]
    public async Task NotifyAlerts_OncePerWeek_InApp_WithoutSmtp()
    {
        var first = await CliRunner.RunAsync(["notify", "alerts", "--today", Day, "--db", Db]);
        var again = await CliRunner.RunAsync(["notify", "alerts", "--today", "2026-03-12", "--db", Db]);

        Assert.Equal(0, first.Exit);
        Assert.StartsWith("5 alert digest(s) made", first.Out, StringComparison.Ordinal); // director, lead (team), KAM, KAM 2; the Director of other
        Assert.StartsWith("0 alert digest(s) made", again.Out, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(5, await db.Notifications.CountAsync(n => n.Link != null && n.Link.EndsWith("/alerts")));
    }

    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var acme = (await CliTeamSeed.AddAsync(db)).Acme;
        foreach (var (id, day, csat) in new[] { (1L, 20, 5), (2L, 32, 2) })
        {
            var at = new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero).AddDays(day - 1);
            db.Activities.Add(new Activity
            {
                WorkspaceId = acme, Id = id, CustomerId = 1, Type = ActivityType.Visit, IsCheckin = true, Csat = csat, Summary = "Visit", At = at, CreatedAt = at,
            });
        }

        await db.SaveChangesAsync();
    }
}
