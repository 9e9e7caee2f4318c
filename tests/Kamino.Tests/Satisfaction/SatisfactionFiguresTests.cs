using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Satisfaction;

namespace Kamino.Tests.Satisfaction;

/// <summary>Satisfaction figures from stored check-ins, on SQLite and PostgreSQL (sealed subclasses at the end).</summary>
public abstract class SatisfactionFiguresTests(Engine engine) : DatabaseTests(engine)
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private int ws;
    private int other;
    private long pizza;
    private long courier;
    private long nextId;

    protected override async Task SeedAsync()
    {
        await using var db = Test.Database.CreateDbContext();
        ws = await TeamData.WorkspaceAsync(db, "acme");
        other = await TeamData.WorkspaceAsync(db, "other");
        pizza = await TeamData.CustomerAsync(db, ws, "PIZZA");
        courier = await TeamData.CustomerAsync(db, ws, "COURIER");
        var outsider = await TeamData.CustomerAsync(db, other, "O1");

        // acme, the last 12 months: CSAT 5, 4, 2, 3 (average 3.5); NPS 10, 9, 7, 3 (2 promoters, 1 passive, 1 detractor: 25).
        Add(db, ws, pizza, new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero), 5, 10);
        Add(db, ws, pizza, new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero), 4, 9);
        Add(db, ws, pizza, new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), 2, 3);
        Add(db, ws, courier, new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero), 3, 7);
        // Outside the default period (before 2025-12-04), not a check-in, or another workspace: never counted.
        Add(db, ws, courier, new DateTimeOffset(2025, 12, 3, 23, 0, 0, TimeSpan.Zero), 1, 0);
        Add(db, ws, courier, new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), null, null, checkin: false);
        Add(db, other, outsider, new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), 1, 0);
        await db.SaveChangesAsync();
    }

    private void Add(KaminoDb db, int workspaceId, long customerId, DateTimeOffset at, int? csat, int? nps, bool checkin = true) =>
        db.Activities.Add(new Activity
        {
            WorkspaceId = workspaceId,
            Id = ++nextId,
            CustomerId = customerId,
            Type = ActivityType.Call,
            At = at,
            Summary = "Monthly call",
            IsCheckin = checkin,
            Csat = csat,
            Nps = nps,
            CreatedAt = at,
        });

    [Fact]
    public async Task WorkspaceAsync_DefaultPeriod_TwelveMonthsUpToToday()
    {
        await using var db = Test.Database.CreateDbContext();

        var period = SatisfactionFigures.Period(null, null, Today);
        var report = await SatisfactionFigures.WorkspaceAsync(db, ws, period);

        Assert.Equal(new DateRange(new DateOnly(2025, 12, 4), Today), period);
        Assert.Equal((4, 3.5m, new NpsFigure(25m, 2, 1, 1)), (report.Checkins, report.AverageCsat, report.Nps));
    }

    [Fact]
    public async Task WorkspaceAsync_GivenPeriod_InclusiveDays()
    {
        await using var db = Test.Database.CreateDbContext();

        var report = await SatisfactionFigures.WorkspaceAsync(db, ws, SatisfactionFigures.Period(new DateOnly(2025, 12, 3), new DateOnly(2026, 1, 10), Today));

        Assert.Equal((2, 3m, new NpsFigure(0m, 1, 0, 1)), (report.Checkins, report.AverageCsat, report.Nps));
    }

    [Fact]
    public async Task WorkspaceAsync_NoCheckins_ZeroCountsNoFigures()
    {
        await using var db = Test.Database.CreateDbContext();

        var report = await SatisfactionFigures.WorkspaceAsync(db, ws, new DateRange(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31)));

        Assert.Equal((0, (decimal?)null, new NpsFigure(null, 0, 0, 0)), (report.Checkins, report.AverageCsat, report.Nps));
    }

    [Fact]
    public async Task ForAccountAsync_LatestCsatAndTrend_OfThatAccountOnly()
    {
        await using var db = Test.Database.CreateDbContext();

        Assert.Equal(new AccountSatisfaction(2, new DateOnly(2026, 11, 30), 4, CsatTrend.Down), await SatisfactionFigures.ForAccountAsync(db, ws, pizza));
        Assert.Equal(new AccountSatisfaction(3, Today, 1, CsatTrend.Up), await SatisfactionFigures.ForAccountAsync(db, ws, courier));
        // Customer ids are per workspace: O1 has PIZZA's id in its own workspace, and only its own check-in counts.
        Assert.Equal(new AccountSatisfaction(1, new DateOnly(2026, 5, 1), null, CsatTrend.None), await SatisfactionFigures.ForAccountAsync(db, other, pizza));
        Assert.Equal(new AccountSatisfaction(null, null, null, CsatTrend.None), await SatisfactionFigures.ForAccountAsync(db, other, courier));
    }
}

public sealed class SqliteSatisfactionFiguresTests() : SatisfactionFiguresTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresSatisfactionFiguresTests() : SatisfactionFiguresTests(Engine.Postgres);
