using Kamino.Activities;
using Kamino.Health;
using Kamino.Import;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Health;

/// <summary>
/// <see cref="AccountSignalsQuery"/> and <see cref="AccountHealth"/> on real rows, SQLite and PostgreSQL (sealed
/// subclasses at the end), judged on <see cref="Today"/> (2026-03-10) and earlier days. In workspace <c>a</c>: H1
/// (owned by the KAM) checked in 60 days ago with CSAT 5 and 40 days ago with CSAT 3, five tasks, and a sale every
/// fifth day for 500 days: 100 € a line, 60 € in the last 90 days (a known fall of 40% against the same 90 days a
/// year before); H2 (the KAM's) never contacted, with sales only in the last 180 days (2,000 € then 500 €: no year of
/// history, so the previous 90 days are the comparison); H3 (another KAM's) checked in yesterday with CSAT 5, no
/// sales, no tasks. In workspace <c>b</c>: B1, with the same customer id as H1, a CSAT 1, a big sale and an overdue
/// task, none of which may count in <c>a</c>.
/// </summary>
public abstract class AccountHealthTests(Engine engine) : DatabaseTests(engine)
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private int a;
    private int b;
    private readonly Dictionary<string, string> users = [];
    private readonly Dictionary<string, long> customers = [];
    private int lines;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        users["director"] = await TeamData.MemberAsync(db, a, "dora@a.test", Role.Director);
        users["kam"] = await TeamData.MemberAsync(db, a, "karl@a.test", Role.Kam);
        users["other"] = await TeamData.MemberAsync(db, a, "kora@a.test", Role.Kam);
        await TeamData.MemberAsync(db, b, "karl@a.test", Role.Kam);
        foreach (var key in new[] { "H1", "H2", "H3" })
        {
            customers[key] = await TeamData.CustomerAsync(db, a, key);
        }

        customers["N1"] = await TeamData.CustomerAsync(db, a, "N1", isKeyAccount: false);
        customers["B1"] = await TeamData.CustomerAsync(db, b, "B1", id: customers["H1"]);
        await TeamData.TeamRowAsync(db, a, customers["H1"], users["kam"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, customers["H2"], users["kam"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, customers["H3"], users["other"], Department.Sales, isOwner: true);

        await CheckinAsync(db, a, "H1", -60, csat: 5);
        await CheckinAsync(db, a, "H1", -40, csat: 3);
        await CheckinAsync(db, a, "H3", -1, csat: 5);
        await CheckinAsync(db, b, "B1", -1, csat: 1);

        await TaskAsync(db, a, "H1", due: -5);                  // open, overdue
        await TaskAsync(db, a, "H1", due: -3, completed: -4);   // done in time
        await TaskAsync(db, a, "H1", due: -2, completed: 2);    // done after today: overdue today
        await TaskAsync(db, a, "H1", due: 5);                   // open, not due yet
        await TaskAsync(db, a, "H1", due: -50, completed: -40); // overdue only between its due day and -40
        await TaskAsync(db, b, "B1", due: -5);

        for (var day = -500; day <= 0; day += 5)
        {
            Sale(db, a, "H1", day, day > -90 ? 60_00 : 100_00);
        }

        Sale(db, a, "H1", 3, 1_000_000_00); // after today: never counts
        Sale(db, a, "H2", -150, 2_000_00);
        Sale(db, a, "H2", -10, 500_00);
        Sale(db, b, "B1", -10, 1_000_000_00);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task H1_EachPartFromItsRows_PointsSumToTheScore()
    {
        await using var db = Db();

        var h1 = (await AccountHealth.OfAsync(db, a, customers["H1"], Today))!;

        var s = h1.Signals;
        Assert.Equal(("H1", "Customer H1", "Key", "karl@a.test"), (s.Key, s.Name, s.Tier, s.OwnerEmail));
        Assert.Equal((CheckinStatus.Overdue, 10), (s.Cadence.Status, s.Cadence.DaysOverdue));
        Assert.Equal((3, 5, Today.AddDays(-40)), (s.LatestCsat, s.PreviousCsat, s.LatestCsatOn));
        Assert.Equal(2, s.OverdueTasks);
        Assert.Equal(new RevenueSums(18 * 60_00, 18 * 100_00, 18 * 100_00, true), s.Revenue);
        Assert.Equal(new RevenueTrendResult(RevenueComparison.YearBefore, 18 * 60_00, 18 * 100_00, -0.4m), s.RevenueTrend);
        Assert.True(RevenueTrend.IsDrop(s.RevenueTrend));

        var h = h1.Health;
        Assert.Equal((24, HealthBand.Red), (h.Score, h.Band));
        Assert.Equal(h.Score, h.Parts.Sum(p => p.Points));
        Assert.Equal([12, 6, 6, 0], h.Parts.Select(p => p.Points));
        Assert.Equal([0.3333m, 0.25m, 0.2m, 0m], h.Parts.Select(p => p.Value));
        Assert.Equal([HealthReasonKind.Overdue, HealthReasonKind.CsatFell, HealthReasonKind.RevenueChange, HealthReasonKind.OverdueTasks], h.Parts.Select(p => p.Reason.Kind));
        Assert.Equal("last 90 days -40% against the same 90 days a year before", h.Parts[2].Reason.Text);
        Assert.Equal("2 overdue tasks", h.Parts[3].Reason.Text);
    }

    [Fact]
    public async Task AnEarlierToday_OnlyWhatHadHappenedThen_ATaskDoneLaterWasOverdue()
    {
        await using var db = Db();
        var day = Today.AddDays(-45);

        var h1 = (await AccountHealth.OfAsync(db, a, customers["H1"], day))!;

        var s = h1.Signals;
        Assert.Equal((CheckinStatus.UpToDate, Today.AddDays(-30)), (s.Cadence.Status, s.Cadence.NextDue)); // the check-in of day −40 had not happened
        Assert.Equal((5, (int?)null), (s.LatestCsat, s.PreviousCsat));
        Assert.Equal(1, s.OverdueTasks); // due −50, done −40: still open on −45
        Assert.Equal((-0.2m, RevenueComparison.YearBefore), (s.RevenueTrend.Change, s.RevenueTrend.Comparison)); // half of the fall is in its window
        Assert.Equal((83, HealthBand.Green), (h1.Health.Score, h1.Health.Band));
        Assert.Equal([35, 25, 18, 5], h1.Health.Parts.Select(p => p.Points));
    }

    [Fact]
    public async Task H2_WithoutAYearOfHistory_ThePrevious90Days_AndNeverContacted()
    {
        await using var db = Db();

        var h2 = (await AccountHealth.OfAsync(db, a, customers["H2"], Today))!;

        Assert.Equal(new RevenueTrendResult(RevenueComparison.Previous90Days, 500_00, 2_000_00, -0.75m), h2.Signals.RevenueTrend);
        Assert.True(RevenueTrend.IsDrop(h2.Signals.RevenueTrend));
        Assert.Equal((23, HealthBand.Red), (h2.Health.Score, h2.Health.Band));
        Assert.Equal([0, 13, 0, 10], h2.Health.Parts.Select(p => p.Points));
        Assert.Equal([HealthReasonKind.NeverContacted, HealthReasonKind.NoCsat, HealthReasonKind.RevenueChange, HealthReasonKind.NoOverdueTasks],
            h2.Health.Parts.Select(p => p.Reason.Kind));
        Assert.Equal("last 90 days -75% against the previous 90 days", h2.Health.Parts[2].Reason.Text);
    }

    [Fact]
    public async Task List_WorstFirst_KeyAccountsOnly_ByScope_AndNeverAnotherWorkspacesRows()
    {
        await using var db = Db();

        var all = await AccountHealth.ListAsync(db, a, CheckinScope.Workspace, users["director"], Today);
        var mine = await AccountHealth.ListAsync(db, a, CheckinScope.Mine, users["other"], Today);
        var inB = await AccountHealth.ListAsync(db, b, CheckinScope.Workspace, users["kam"], Today);

        Assert.Equal(["H2", "H1", "H3"], all.Select(r => r.Signals.Key));
        Assert.Equal([23, 24, 100], all.Select(r => r.Health.Score));
        Assert.All(all, r => Assert.Equal(r.Health.Score, r.Health.Parts.Sum(p => p.Points)));
        Assert.Equal(["H3"], mine.Select(r => r.Signals.Key));
        Assert.Null(await AccountHealth.OfAsync(db, a, customers["N1"], Today));

        var b1 = Assert.Single(inB);
        Assert.Equal(("B1", 1, 1), (b1.Signals.Key, b1.Signals.LatestCsat, b1.Signals.OverdueTasks));
        Assert.Equal(1_000_000_00, b1.Signals.Revenue.CurrentCents);
        var dto = all[1].AsDto();
        Assert.Equal(("H1", 24, HealthBand.Red, "karl@a.test"), (dto.CustomerId, dto.Score, dto.Band, dto.Owner));
        Assert.Equal([HealthPartName.Freshness, HealthPartName.Satisfaction, HealthPartName.RevenueTrend, HealthPartName.OverdueTasks], dto.Parts.Select(p => p.Name));
    }

    [Fact]
    public async Task Weights_SavedAllOrNothing_Audited_AndTheScoreFollowsThem()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await using var db = Db();

        var refused = await HealthSettings.SetAsync(db, a, new HealthWeightsChange(Freshness: 50), users["director"], clock);
        var outOfRange = await HealthSettings.SetAsync(db, a, new HealthWeightsChange(Freshness: -5, Tasks: 101), users["director"], clock);
        Assert.Equal(ChangeOutcome.Invalid, refused.Change.Outcome);
        Assert.Equal([HealthWeightField.Sum], refused.Problems.Select(p => p.Field));
        Assert.Equal([HealthWeightField.Freshness, HealthWeightField.Tasks], outOfRange.Problems.Select(p => p.Field));
        Assert.Equal(HealthWeights.Default, await HealthSettings.GetAsync(db, a));
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.WorkspaceId == a));

        var done = await HealthSettings.SetAsync(db, a, new HealthWeightsChange(0, 0, 100, 0), users["director"], clock);

        Assert.True(done.Change.Succeeded);
        await using var read = Db();
        Assert.Equal(new HealthWeights(0, 0, 100, 0), await HealthSettings.GetAsync(read, a));
        Assert.Equal(HealthWeights.Default, await HealthSettings.GetAsync(read, b));
        var entry = await read.AuditEntries.SingleAsync(e => e.WorkspaceId == a);
        Assert.Equal(("health-weights", users["director"], "health weights: freshness 0, satisfaction 0, revenue trend 100, overdue tasks 0"),
            (entry.Action, entry.UserId, entry.Summary));
        var h1 = (await AccountHealth.OfAsync(read, a, customers["H1"], Today))!;
        Assert.Equal((20, HealthBand.Red), (h1.Health.Score, h1.Health.Band)); // 100 × 0.2
    }

    private static DateTimeOffset At(int days) => new(Today.AddDays(days).ToDateTime(new TimeOnly(10, 30)), TimeSpan.Zero);

    private async Task CheckinAsync(KaminoDb db, int workspaceId, string key, int days, int csat)
    {
        db.Activities.Add(new Activity
        {
            WorkspaceId = workspaceId, Id = await db.NextIdAsync(db.Activities, workspaceId), CustomerId = customers[key], Type = ActivityType.Call, At = At(days),
            Summary = "Check-in", IsCheckin = true, Csat = csat, CreatedAt = At(days),
        });
        await db.SaveChangesAsync();
    }

    private async Task TaskAsync(KaminoDb db, int workspaceId, string key, int due, int? completed = null)
    {
        db.Tasks.Add(new WorkTask
        {
            WorkspaceId = workspaceId, Id = await db.NextIdAsync(db.Tasks, workspaceId), Title = "Task " + due, CustomerId = customers[key],
            AssigneeUserId = users["kam"], DueDate = Today.AddDays(due), Status = completed is null ? WorkTaskStatus.Open : WorkTaskStatus.Done,
            CompletedAt = completed is { } c ? At(c) : null, CreatedByUserId = users["kam"], CreatedAt = At(-100),
        });
        await db.SaveChangesAsync();
    }

    private void Sale(KaminoDb db, int workspaceId, string key, int day, long cents) => db.SaleLines.Add(new SaleLine
    {
        WorkspaceId = workspaceId, DocumentNumber = "F-" + ++lines, LineNumber = 1, Date = Today.AddDays(day), CustomerId = customers[key], ImportId = 1,
        Quantity = 1, UnitPrice = cents / 100m, NetCents = cents, Currency = "EUR",
    });
}

public sealed class SqliteAccountHealthTests() : AccountHealthTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresAccountHealthTests() : AccountHealthTests(Engine.Postgres);
