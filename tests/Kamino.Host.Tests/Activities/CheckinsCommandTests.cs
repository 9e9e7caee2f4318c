using Kamino.Activities;

namespace Kamino.Host.Tests.Activities;

/// <summary>
/// <c>kamino checkins due</c>, <c>kamino calendar url|revoke</c> and <c>kamino notify checkins</c> on a real SQLite
/// file, on fixed days (<c>--today</c>, <c>--date</c>): C1 (owned by the KAM, checked in 2026-01-20, due
/// 2026-02-19), C2 (owned by the second KAM, never contacted), C3 not a key account; O1 in another workspace.
/// </summary>
public sealed class CheckinsCommandTests : CliDatabaseTests
{
    [Fact]
    public async Task Due_Json_OnAGivenDay_MostOverdueFirst_WithEveryField()
    {
        var result = await RunAsync("checkins", "due", "--today", "2026-03-01", "--format", "json");

        Assert.Equal(0, result.Exit);
        var rows = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["C2", "C1"], rows.Select(r => r.GetProperty("customerId").GetString()));
        Assert.Equal("neverContacted", rows[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("nextDue").ValueKind);
        var c1 = rows[1];
        Assert.Equal(
            ["customerId", "name", "tier", "owner", "lastCheckin", "nextDue", "status", "daysOverdue"],
            c1.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Cliente Uno", "Key", "kam@acme.test"), (c1.GetProperty("name").GetString(), c1.GetProperty("tier").GetString(), c1.GetProperty("owner").GetString()));
        Assert.Equal(("2026-01-20", "2026-02-19", "overdue", 10),
            (c1.GetProperty("lastCheckin").GetString(), c1.GetProperty("nextDue").GetString(), c1.GetProperty("status").GetString(), c1.GetProperty("daysOverdue").GetInt32()));
    }

    [Fact]
    public async Task Due_TodayDecidesTheStatus_AndScopesNeedAUser()
    {
        var early = await RunAsync("checkins", "due", "--today", "2026-02-15", "--mine", "--user", "kam@acme.test", "--format", "csv");
        var team = await RunAsync("checkins", "due", "--today", "2026-02-15", "--team", "--user", "lead@acme.test", "--format", "csv");
        var noUser = await RunAsync("checkins", "due", "--mine");
        var badDay = await RunAsync("checkins", "due", "--today", "15/02/2026");
        var stranger = await RunAsync("checkins", "due", "--mine", "--user", "outsider@other.test");
        var table = await RunAsync("checkins", "due", "--today", "2026-03-01");

        Assert.Equal(0, early.Exit);
        Assert.Equal(
            ["customerId,name,tier,owner,lastCheckin,nextDue,status,daysOverdue", "C1,Cliente Uno,Key,kam@acme.test,2026-01-20,2026-02-19,dueSoon,0"],
            early.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Equal(early.Out, team.Out); // the Lead KAM supervises the KAM
        Assert.Equal(2, noUser.Exit);
        Assert.Equal(2, badDay.Exit);
        Assert.Equal(1, stranger.Exit);
        Assert.Contains("overdue", table.Out, StringComparison.Ordinal);
        Assert.Contains("Cliente Uno", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarUrl_PrintsTheAddressOnce_StoresOnlyTheHash_RevokeStopsIt()
    {
        var url = await RunAsync("calendar", "url", "--user", "kam@acme.test", "--public-url", "https://kamino.example.com/");

        Assert.Equal(0, url.Exit);
        var printed = url.Out.Trim();
        Assert.Matches("^https://kamino\\.example\\.com/calendar/[A-Za-z0-9_-]{43}\\.ics$", printed);
        var token = printed[(printed.LastIndexOf('/') + 1)..^4];
        await using (var db = Database.CreateDbContext())
        {
            var feed = await db.CalendarFeeds.SingleAsync();
            Assert.NotEqual(token, feed.TokenHash);
            Assert.NotNull(await Kamino.Calendar.CalendarFeeds.FindAsync(db, token));
        }

        var path = await RunAsync("calendar", "url", "--user", "kam@acme.test");
        Assert.StartsWith("/calendar/", path.Out.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("calendar", "revoke", "--user", "kam@acme.test")).Exit);
        Assert.Equal(1, (await RunAsync("calendar", "revoke", "--user", "kam@acme.test")).Exit);
        Assert.Equal(2, (await RunAsync("calendar", "url", "--user", "kam@acme.test", "--public-url", "ftp://x")).Exit);
        await using var check = Database.CreateDbContext();
        Assert.False(await check.CalendarFeeds.AnyAsync());
    }

    [Fact]
    public async Task NotifyCheckins_OncePerAccountAndDueDate_NoSmtpNeeded()
    {
        var first = await CliRunner.RunAsync("notify", "checkins", "--date", "2026-03-01", "--db", Db);
        var again = await CliRunner.RunAsync("notify", "checkins", "--date", "2026-03-02", "--db", Db);

        Assert.Equal((0, "3 check-in notification(s) made"), (first.Exit, first.Out.Trim())); // C1, C2 and O1
        Assert.Equal("0 check-in notification(s) made", again.Out.Trim());
        await using var db = Database.CreateDbContext();
        var kam = await db.Notifications.Where(n => n.UserId == db.Users.Single(u => u.Email == "kam@acme.test").Id).SingleAsync();
        Assert.Equal(("Check-in with Cliente Uno due 2/19/2026", "/w/acme/accounts/C1"), (kam.Text, kam.Link));
    }

    [Fact]
    public async Task NotifyCheckins_TwiceOnTheSameDay_SecondRunSaysWhoDidIt_AndDoesNothing()
    {
        var first = await CliRunner.RunAsync("notify", "checkins", "--date", "2026-03-01", "--db", Db);
        var second = await CliRunner.RunAsync("notify", "checkins", "--date", "2026-03-01", "--db", Db);

        Assert.Equal((0, "3 check-in notification(s) made"), (first.Exit, first.Out.Trim()));
        Assert.Equal(0, second.Exit);
        Assert.StartsWith("The checkins job of 2026-03-01 already ran on ", second.Out.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("(3 notification(s) made); nothing done.", second.Out.Trim(), StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(3, await db.Notifications.CountAsync());
        Assert.Equal("3 notification(s) made", (await db.JobRuns.SingleAsync()).Result);
    }

    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var acme = await CliTeamSeed.AddAsync(db);
        db.Activities.Add(new Activity
        {
            WorkspaceId = acme.Acme, Id = 1, CustomerId = 1, Type = ActivityType.Visit, IsCheckin = true, Csat = 5, Summary = "Visit",
            At = new DateTimeOffset(2026, 1, 20, 11, 0, 0, TimeSpan.Zero), CreatedAt = new DateTimeOffset(2026, 1, 20, 11, 0, 0, TimeSpan.Zero),
        });
        await db.SaveChangesAsync();
    }
}
