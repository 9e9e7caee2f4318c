using System.Text.Json;
using Kamino.Analysis;
using Kamino.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Demo;

/// <summary>The demo workspace on a real, migrated SQLite file.</summary>
public sealed class DemoDataTests(DemoDataTests.DemoDatabase demo) : IClassFixture<DemoDataTests.DemoDatabase>
{
    // Mid-month, so the expected history is 2024-03-01 .. 2026-02-28 whatever the time zone.
    private static readonly DateTimeOffset March2026 = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EnsureAsync_FreshDatabase_CreatesDemoNamedAfterTheCompany()
    {
        await using var db = demo.Database.CreateDbContext();
        var workspace = await db.Workspaces.SingleAsync(w => w.Slug == DemoData.WorkspaceSlug);

        Assert.True(demo.Created);
        Assert.Equal(DemoData.CompanyName, workspace.Name);
        Assert.Equal("EUR", workspace.Currency);
    }

    [Fact]
    public async Task EnsureAsync_DemoTiers_CarryTheDefaultPolicies()
    {
        await using var db = demo.Database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync();

        var tiers = await Kamino.Customers.Tiers.PoliciesAsync(db, ws);

        Assert.Equal(
            [("Clave", (int?)30, 5m, 15m, 1, 24), ("Crecimiento", null, 0m, 5m, 2, 72), ("Estándar", null, 0m, 5m, 2, 72)],
            tiers.Select(t => (t.Name, t.CheckinDays, t.DiscountMinPct, t.DiscountMaxPct, t.OrderPriority, t.PromisedHours)));
        Assert.Equal(3, await db.Tiers.CountAsync(t => t.WorkspaceId == ws));
    }

    [Fact]
    public async Task EnsureAsync_SecondCall_ReturnsFalseAndChangesNothing()
    {
        using var temp = new TempDatabase();
        Assert.True(await DemoData.EnsureAsync(temp.Database, new FakeTimeProvider(March2026), DemoData.DefaultLanguage));
        var before = await temp.SnapshotAsync();

        // A later month would generate other dates: it must still not touch the existing demo.
        var again = await DemoData.EnsureAsync(temp.Database, new FakeTimeProvider(March2026.AddMonths(2)), DemoData.DefaultLanguage);

        Assert.False(again);
        Assert.Equal(before, await temp.SnapshotAsync());
    }

    [Fact]
    public async Task EnsureAsync_WorkspaceDemoExists_LeavesItAlone()
    {
        using var temp = new TempDatabase();
        await using (var db = temp.Database.CreateDbContext())
        {
            db.Workspaces.Add(new Kamino.Workspaces.Workspace { Slug = DemoData.WorkspaceSlug, Name = "Mine", CreatedAt = March2026 });
            await db.SaveChangesAsync();
        }

        Assert.False(await DemoData.EnsureAsync(temp.Database, new FakeTimeProvider(March2026), DemoData.DefaultLanguage));
        Assert.Equal(new Snapshot(0, 0, 0, 0, "Mine"), await temp.SnapshotAsync());
    }

    [Fact]
    public async Task EnsureAsync_TwoFreshDatabasesInOneMonth_GiveIdenticalPareto()
    {
        using var other = new TempDatabase();
        // Another day of the same month: same data.
        Assert.True(await DemoData.EnsureAsync(other.Database, new FakeTimeProvider(March2026.AddDays(10)), DemoData.DefaultLanguage));

        var expected = await ParetoJsonAsync(demo.Database, all: true);
        var actual = await ParetoJsonAsync(other.Database, all: true);

        Assert.Equal(expected, actual);
        Assert.Equal(await ParetoJsonAsync(demo.Database, all: false), await ParetoJsonAsync(other.Database, all: false));
    }

    [Fact]
    public async Task EnsureAsync_Customers_AreAbout300AllWithSales()
    {
        await using var db = demo.Database.CreateDbContext();
        var report = await ParetoAsync(db, all: true);

        Assert.InRange(report.CustomerCount, 280, 320);
        Assert.Equal(report.CustomerCount, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task EnsureAsync_History_Is24MonthsEndingOnTheLastDayOfThePreviousMonth()
    {
        await using var db = demo.Database.CreateDbContext();
        var report = await ParetoAsync(db, all: true);

        Assert.Equal(new PeriodDto(new DateOnly(2024, 3, 1), new DateOnly(2026, 2, 28)), report.Period);
    }

    [Theory]
    [InlineData(2026, 3, 1, 2026, 2, 28)]
    [InlineData(2026, 1, 31, 2025, 12, 31)]
    [InlineData(2024, 3, 20, 2024, 2, 29)]
    public void LastDay_IsTheLastDayOfThePreviousMonth(int y, int m, int d, int ey, int em, int ed)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(y, m, d, 0, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(ey, em, ed), DemoData.LastDay(clock));
        Assert.Equal(new DateOnly(ey, em, 1).AddMonths(-23), DemoData.FirstDay(clock));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EnsureAsync_ParetoSet_IsAboutAFifthOfTheCustomers(bool all)
    {
        await using var db = demo.Database.CreateDbContext();
        var report = await ParetoAsync(db, all);

        Assert.InRange(report.ParetoCustomerShare!.Value, 0.15m, 0.30m);
        Assert.InRange(report.ParetoRevenueShare!.Value, 0.80m, 0.85m);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EnsureAsync_PizzaChain_IsAClassAKeyAccount(bool all)
    {
        await using var db = demo.Database.CreateDbContext();
        var report = await ParetoAsync(db, all);

        var pizza = Assert.Single(report.Customers, c => c.CustomerId == DemoData.PizzaChainCustomerId);
        Assert.Equal(DemoData.PizzaChainName, pizza.Name);
        Assert.Equal(AbcClass.A, pizza.Class);
        Assert.True(pizza.Pareto);
    }

    [Fact]
    public async Task EnsureAsync_History_HasCreditNotesAndAHeavyTail()
    {
        await using var db = demo.Database.CreateDbContext();
        var report = await ParetoAsync(db, all: true);

        Assert.True(await db.SaleLines.AnyAsync(s => s.NetCents < 0 && EF.Functions.Like(s.DocumentNumber, "R%")));
        // Many small one-off renters: most customers are class C.
        Assert.True(report.Classes.C > report.CustomerCount / 2, $"class C has {report.Classes.C} of {report.CustomerCount}");
    }

    [Fact]
    public async Task EnsureAsync_DefaultSettings_SuggestWhatTheTeamCanServe()
    {
        await using var db = demo.Database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync();
        var list = (await Kamino.Customers.KeyAccounts.ListAsync(db, ws))!;
        var c = list.Capacity;

        // The demo has many more customers meeting the rule than a small team can take on: the suggestions stop at the
        // room the team's capacity leaves after the key accounts, and the rest are counted as over capacity.
        Assert.Equal(Kamino.Workspaces.KeyAccountSettings.DefaultKamCapacity, c.PerKam);
        Assert.Equal(c.Room, list.SuggestedNotDesignated.Count);
        Assert.Equal(Math.Max(0, c.Team - list.Customers.Count(r => r.IsKeyAccount)), c.Room);
        Assert.True(c.OverCapacity > 0, "the demo should show customers beyond the team's capacity");
        Assert.Equal(c.OverCapacity, list.OverCapacity.Count);
        var lowestSuggested = list.SuggestedNotDesignated.Min(r => r.Score);
        Assert.All(list.OverCapacity, r => Assert.True(r.Score <= lowestSuggested, $"{r.Key} ({r.Score}) outranks a suggestion ({lowestSuggested})"));
    }

    private static async Task<ParetoReport> ParetoAsync(KaminoDb db, bool all) =>
        (await ParetoQuery.RunAsync(db, await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync(), new ParetoRequest(All: all)))!;

    private static async Task<string> ParetoJsonAsync(KaminoDatabase database, bool all)
    {
        await using var db = database.CreateDbContext();
        return JsonSerializer.Serialize(await ParetoAsync(db, all), KaminoJson.Options);
    }

    /// <summary>One demo database shared by the read-only tests.</summary>
    public sealed class DemoDatabase : IAsyncLifetime, IDisposable
    {
        private readonly TempDatabase temp = new();

        public KaminoDatabase Database => temp.Database;

        public bool Created { get; private set; }

        public async Task InitializeAsync() => Created = await DemoData.EnsureAsync(temp.Database, new FakeTimeProvider(March2026), DemoData.DefaultLanguage);

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => temp.Dispose();
    }

    public sealed record Snapshot(int Customers, int Lines, int Imports, long NetCents, string? Name);

    /// <summary>A migrated SQLite file in a temporary folder, deleted afterwards.</summary>
    public sealed class TempDatabase : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "kamino-tests", Guid.NewGuid().ToString("N"));

        public TempDatabase()
        {
            Directory.CreateDirectory(folder);
            Database = new KaminoDatabase(Path.Combine(folder, "kamino.db"));
            Database.MigrateAsync().GetAwaiter().GetResult();
        }

        public KaminoDatabase Database { get; }

        public async Task<Snapshot> SnapshotAsync()
        {
            await using var db = Database.CreateDbContext();
            return new Snapshot(
                await db.Customers.CountAsync(),
                await db.SaleLines.CountAsync(),
                await db.Imports.CountAsync(),
                await db.SaleLines.SumAsync(s => s.NetCents),
                await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Name).SingleOrDefaultAsync());
        }

        public void Dispose()
        {
            using (var connection = new SqliteConnection(Database.ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            Directory.Delete(folder, recursive: true);
        }
    }
}
