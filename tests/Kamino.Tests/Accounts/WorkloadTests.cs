using Kamino.Accounts;
using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Import;
using Kamino.People;
using Kamino.WorkTasks;
using Kamino.Workspaces;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Accounts;

/// <summary>
/// The workload per owner of key accounts and the suggestions bounded by the team's capacity, on SQLite and PostgreSQL
/// (sealed subclasses at the end). Sales in the 12 months up to 2025-06-30: A 500, B 300, C 150, D 30, E 20 (total 1,000).
/// A and B (owned by Karl) and C (owned by Kira) are key accounts; D and E are not. Another workspace, where Karl owns a
/// key account too, must never count.
/// </summary>
public abstract class WorkloadTests(Engine engine) : DatabaseTests(engine)
{
    private const string Sales = """
        invoice,date,customer_id,customer_name,net_amount
        F-1,2025-01-10,A,Alpha,500.00
        F-2,2025-02-10,B,Beta,300.00
        F-3,2025-03-10,C,Gamma,150.00
        F-4,2025-04-10,D,Delta,30.00
        F-5,2025-06-30,E,Epsilon,20.00
        """;

    private static readonly DateOnly Today = new(2025, 7, 1);
    private readonly FakeTimeProvider clock = new(TeamData.Start);
    private int ws;
    private string karl = "";
    private string kira = "";
    private string lead = "";

    protected override async Task SeedAsync()
    {
        var importer = new SalesImporter(Test.Database, clock);
        Assert.True((await importer.ImportAsync(new ImportRequest("acme", Folder.Write("sales.csv", Sales)))).Imported);
        Assert.True((await importer.ImportAsync(new ImportRequest("other", Folder.Write("other.csv", "invoice,date,customer_id,customer_name,net_amount\nX-1,2025-06-01,Z,Zeta,9000.00")))).Imported);
        await using var db = Db();
        ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        var other = await db.Workspaces.Where(w => w.Slug == "other").Select(w => w.Id).SingleAsync();
        TestUsers.Add(db, "karl@acme.test", "Karl Mayer");
        TestUsers.Add(db, "kira@acme.test", "");
        await db.SaveChangesAsync();
        karl = await TeamData.MemberAsync(db, ws, "karl@acme.test", Role.Kam);
        kira = await TeamData.MemberAsync(db, ws, "kira@acme.test", Role.Kam);
        lead = await TeamData.MemberAsync(db, ws, "lena@acme.test", Role.LeadKam);
        await TeamData.MemberAsync(db, other, "karl@acme.test", Role.Kam);

        var ids = await db.Customers.Where(c => c.WorkspaceId == ws).ToDictionaryAsync(c => c.Key, c => c.Id);
        foreach (var c in await db.Customers.Where(c => (c.WorkspaceId == ws && (c.Key == "A" || c.Key == "B" || c.Key == "C")) || c.WorkspaceId == other).ToListAsync())
        {
            c.IsKeyAccount = true;
        }

        await db.SaveChangesAsync();
        await TeamData.TeamRowAsync(db, ws, ids["A"], karl, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, ws, ids["B"], karl, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, ws, ids["C"], kira, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, ws, ids["B"], kira, Department.Marketing); // a member, not the owner: not Kira's load
        var zeta = await db.Customers.Where(c => c.WorkspaceId == other).Select(c => c.Id).SingleAsync();
        await TeamData.TeamRowAsync(db, other, zeta, karl, Department.Sales, isOwner: true);

        // Check-ins (the top tier's cadence is 30 days): A last seen 60 days ago (overdue), B never (due now), C 2 days ago (up to date).
        db.Activities.Add(Checkin(1, ids["A"], Today.AddDays(-60)));
        db.Activities.Add(Checkin(2, ids["C"], Today.AddDays(-2)));
        // Karl: two open tasks (one past due) and a done one; Kira none; Lena one, though she owns nothing.
        db.Tasks.Add(NewTask(1, karl, Today.AddDays(-1), WorkTaskStatus.Open));
        db.Tasks.Add(NewTask(2, karl, Today.AddDays(5), WorkTaskStatus.Open));
        db.Tasks.Add(NewTask(3, karl, Today.AddDays(-9), WorkTaskStatus.Done));
        db.Tasks.Add(NewTask(4, lead, Today, WorkTaskStatus.Open));
        await db.SaveChangesAsync();
    }

    private Activity Checkin(long id, long customer, DateOnly day) => new()
    {
        WorkspaceId = ws, Id = id, CustomerId = customer, Type = ActivityType.Call, At = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
        Summary = "Check-in", IsCheckin = true, Csat = 4, CreatedAt = TeamData.Start,
    };

    private WorkTask NewTask(long id, string assignee, DateOnly due, WorkTaskStatus status) => new()
    {
        WorkspaceId = ws, Id = id, Title = "Task " + id, AssigneeUserId = assignee, DueDate = due, Status = status, CreatedByUserId = lead, CreatedAt = TeamData.Start,
    };

    [Fact]
    public async Task GetAsync_OneRowPerOwner_WithTheirAccountsRevenueCheckinsAndTasks()
    {
        await using var db = Db();
        var report = (await Workload.GetAsync(db, ws, Today))!;

        Assert.Equal((3, 0, 1000.00m, KeyAccountSettings.DefaultKamCapacity), (report.KeyAccounts, report.Unowned, report.TotalRevenue, report.KamCapacity));
        Assert.Equal(new DateOnly(2024, 7, 1), report.Period.From);
        Assert.Equal([karl, kira], report.People.Select(p => p.UserId)); // most key accounts first; Lena owns none, so no row
        var k = report.People[0];
        Assert.Equal("Karl Mayer", k.Name); // the display name, not the email
        Assert.Equal(Role.Kam, k.Role);
        Assert.Equal((2, 800.00m, 0.8m), (k.KeyAccounts, k.Revenue, k.Share)); // Zeta of the other workspace never counts
        Assert.Equal((1, 1), (k.CheckinsDue, k.CheckinsOverdue)); // B never contacted, A overdue
        Assert.Equal((2, 1), (k.OpenTasks, k.OverdueTasks));
        var i = report.People[1];
        Assert.Equal("kira@acme.test", i.Name); // no display name: the email
        Assert.Equal((1, 150.00m, 0.15m, 0, 0, 0), (i.KeyAccounts, i.Revenue, i.Share, i.CheckinsDue, i.CheckinsOverdue, i.OpenTasks));
        Assert.DoesNotContain(report.People, p => p.OverCapacity);
    }

    [Fact]
    public async Task GetAsync_OnePersonOverTheCapacitySetting_IsFlagged_AndUnownedAccountsCounted()
    {
        await using (var db = Db())
        {
            Assert.True((await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(KamCapacity: 1), null, clock)).Succeeded);
            await db.AccountTeamMembers.Where(t => t.WorkspaceId == ws && t.UserId == kira).ExecuteDeleteAsync();
        }

        await using var check = Db();
        var report = (await Workload.GetAsync(check, ws, Today))!;
        Assert.Equal((1, 1), (report.KamCapacity, report.Unowned));
        Assert.Equal([(karl, true)], report.People.Select(p => (p.UserId, p.OverCapacity)));
    }

    [Fact]
    public async Task GetAsync_OnlyOneUser_GivesTheirRowAndTheWorkspaceTotals()
    {
        await using var db = Db();
        var report = (await Workload.GetAsync(db, ws, Today, kira))!;

        Assert.Equal([kira], report.People.Select(p => p.UserId));
        Assert.Equal((3, 1000.00m), (report.KeyAccounts, report.TotalRevenue));
        Assert.Empty((await Workload.GetAsync(db, ws, Today, lead))!.People);
        Assert.Null(await Workload.GetAsync(db, 999_999, Today));
    }

    /// <summary>Who is suggested, not designated, and who meets the rule beyond the capacity, as the kept list and a fresh one show it.</summary>
    private async Task<(List<string> Suggested, List<string> Over, SuggestionCapacity Capacity)> SuggestionsAsync()
    {
        var kept = await ListAsync(Test.Database);
        var fresh = await ListAsync(new KaminoDatabase(Test.Database.Target));
        Assert.Equal(fresh.Suggested, kept.Suggested);
        Assert.Equal(fresh.Over, kept.Over);
        Assert.Equal(fresh.Capacity, kept.Capacity);
        return kept;

        async Task<(List<string> Suggested, List<string> Over, SuggestionCapacity Capacity)> ListAsync(KaminoDatabase database)
        {
            await using var db = database.CreateDbContext();
            var list = (await KeyAccounts.ListAsync(db, ws))!;
            var page = (await KeyAccounts.PageAsync(db, ws, new ParetoRequest(), new AccountPageRequest(view: AccountListView.OverCapacity), Today))!;
            Assert.Equal(list.OverCapacity.Select(r => r.Key).Order(StringComparer.Ordinal), page.Items.Select(r => r.Key).Order(StringComparer.Ordinal));
            Assert.All(page.Items, r => Assert.True(r.OverCapacity && !r.Suggested));
            Assert.Equal(list.Capacity, page.Capacity);
            Assert.Equal(list.SuggestedNotDesignated.Count, page.SuggestedNotDesignated);
            return ([.. list.SuggestedNotDesignated.Select(r => r.Key)], [.. list.OverCapacity.Select(r => r.Key).Order(StringComparer.Ordinal)], list.Capacity);
        }
    }

    [Fact]
    public async Task Suggestions_FitTheTeam_AndFollowTheCapacityAndTheKams()
    {
        // Threshold 0: every customer meets the rule, so only the capacity decides. D (score above E) comes first.
        await using (var db = Db())
        {
            Assert.True((await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(SuggestThreshold: 0m, KamCapacity: 2), null, clock)).Succeeded);
        }

        var two = await SuggestionsAsync(); // 2 per KAM × 2 KAMs = 4, 3 designated: room for 1
        Assert.Equal(new SuggestionCapacity(2, 2, 4, 3, 1, 1), two.Capacity);
        Assert.Equal(["D"], two.Suggested);
        Assert.Equal(["E"], two.Over);

        await using (var db = Db())
        {
            await TeamData.MemberAsync(db, ws, "kai@acme.test", Role.Kam); // a third KAM: 6, room for 3
        }

        var three = await SuggestionsAsync();
        Assert.Equal(new SuggestionCapacity(2, 3, 6, 3, 3, 0), three.Capacity);
        Assert.Equal(["D", "E"], three.Suggested);
        Assert.Empty(three.Over);

        await using (var db = Db())
        {
            Assert.True((await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(KamCapacity: 1), null, clock)).Succeeded); // 3: no room
            var entry = await db.AuditEntries.Where(a => a.WorkspaceId == ws && a.Action == "settings").OrderByDescending(a => a.Id).FirstAsync();
            Assert.Contains("1 key accounts per KAM", entry.Summary, StringComparison.Ordinal);
        }

        var full = await SuggestionsAsync();
        Assert.Equal((0, 2), (full.Capacity.Room, full.Capacity.OverCapacity));
        Assert.Empty(full.Suggested);
        Assert.Equal(["D", "E"], full.Over);
    }

    [Fact]
    public async Task KamCapacity_OutsideOneToAThousand_IsRefused_AndNothingChanges()
    {
        await using var db = Db();
        foreach (var bad in new[] { 0, -3, KeyAccountSettings.MaxKamCapacity + 1 })
        {
            var result = await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(Alpha: 0.5m, KamCapacity: bad), null, clock);
            Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
            Assert.Contains(KeyAccountSettings.Problems(new KeyAccountSettingsChange(KamCapacity: bad), 0.8m, 0.95m), p => p.Field == SettingsField.KamCapacity);
        }

        var settings = (await KeyAccountSettings.GetAsync(db, ws))!;
        Assert.Equal((0.7m, KeyAccountSettings.DefaultKamCapacity), (settings.Alpha, settings.KamCapacity));
        Assert.True((await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(KamCapacity: KeyAccountSettings.MaxKamCapacity), null, clock)).Succeeded);
        Assert.Equal(KeyAccountSettings.MaxKamCapacity, (await KeyAccountSettings.GetAsync(db, ws))!.KamCapacity);
    }
}

public sealed class SqliteWorkloadTests() : WorkloadTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresWorkloadTests() : WorkloadTests(Engine.Postgres);
