using Kamino.Customers;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Customers;

/// <summary>Tier policies stored, read and changed on SQLite and PostgreSQL (sealed subclasses at the end).</summary>
public abstract class TierPoliciesTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(TeamData.Start);
    private readonly Engine engineUsed = engine;

    private static readonly (string, int, bool, int?, TierChannel, decimal, decimal, int, int)[] DefaultRows =
    [
        ("Key", 1, true, 30, TierChannel.Any, 5m, 15m, 1, 24),
        ("Standard", 2, false, null, TierChannel.Any, 0m, 5m, 2, 72),
    ];

    private static (string, int, bool, int?, TierChannel, decimal, decimal, int, int) Row(TierPolicyDto t) =>
        (t.Name, t.Rank, t.IsKey, t.CheckinDays, t.Channel, t.DiscountMinPct, t.DiscountMaxPct, t.OrderPriority, t.PromisedHours);

    private async Task<IReadOnlyList<TierPolicyDto>> PoliciesAsync(int ws)
    {
        await using var db = Test.Database.CreateDbContext();
        return await Tiers.PoliciesAsync(db, ws);
    }

    [Fact]
    public async Task PoliciesAsync_NothingStored_IsTheProductDefaults_AndWritesNothing()
    {
        await using var db = Test.Database.CreateDbContext();
        var ws = await TeamData.WorkspaceAsync(db, "acme");

        Assert.Equal(DefaultRows, (await Tiers.PoliciesAsync(db, ws)).Select(Row));
        Assert.Equal(0, await db.Tiers.CountAsync());
    }

    [Fact]
    public async Task SetPolicyAsync_OnlyGivenFieldsChange_CaseInsensitiveName_Audited_OtherWorkspaceUntouched()
    {
        int a, b;
        await using (var db = Test.Database.CreateDbContext())
        {
            a = await TeamData.WorkspaceAsync(db, "a");
            b = await TeamData.WorkspaceAsync(db, "b");
            var result = await Tiers.SetPolicyAsync(db, a, "standard", new TierPolicyChange(CheckinDays: 90, Channel: TierChannel.Call, OrderPriority: 3), null, clock);
            Assert.True(result.Succeeded, result.Problem);
        }

        Assert.Equal([DefaultRows[0], ("Standard", 2, false, 90, TierChannel.Call, 0m, 5m, 3, 72)], (await PoliciesAsync(a)).Select(Row));
        Assert.Equal(DefaultRows, (await PoliciesAsync(b)).Select(Row));

        await using var check = Test.Database.CreateDbContext();
        var audit = await check.AuditEntries.AsNoTracking().Where(e => e.WorkspaceId == a).SingleAsync();
        Assert.Equal(("tier", "Standard", "policy"), (audit.Entity, audit.EntityId, audit.Action));
        Assert.Equal("tier Standard: check-in every 90 days (Call), discounts 0–5 %, priority 3, 72 h", audit.Summary);
        Assert.Equal(0, await check.Tiers.CountAsync(t => t.WorkspaceId == b));
    }

    [Fact]
    public async Task SetPolicyAsync_NoCheckinAndDiscount_AreStoredExactly()
    {
        await using var db = Test.Database.CreateDbContext();
        var ws = await TeamData.WorkspaceAsync(db, "acme");

        Assert.True((await Tiers.SetPolicyAsync(db, ws, "Key", new TierPolicyChange(NoCheckin: true, DiscountMinPct: 2.5m, DiscountMaxPct: 12.75m, PromisedHours: 48), null, clock)).Succeeded);

        Assert.Equal(("Key", 1, true, null, TierChannel.Any, 2.5m, 12.75m, 1, 48), Row((await PoliciesAsync(ws))[0]));
    }

    [Fact]
    public async Task SetPolicyAsync_UnknownTier_IsNotFoundNamingTheTiers_Invalid_ChangesNothing()
    {
        await using var db = Test.Database.CreateDbContext();
        var ws = await TeamData.WorkspaceAsync(db, "acme");

        var unknown = await Tiers.SetPolicyAsync(db, ws, "Gold", new TierPolicyChange(OrderPriority: 1), null, clock);
        Assert.Equal((ChangeOutcome.NotFound, "no tier 'Gold' (tiers: Key, Standard)"), (unknown.Outcome, unknown.Problem));
        var invalid = await Tiers.SetPolicyAsync(db, ws, "Key", new TierPolicyChange(DiscountMinPct: 20m, OrderPriority: 2), null, clock);
        Assert.Equal((ChangeOutcome.Invalid, "tier Key: the highest discount (15 %) is below the lowest (20 %)"), (invalid.Outcome, invalid.Problem));

        await using var check = Test.Database.CreateDbContext();
        Assert.Equal(0, await check.Tiers.CountAsync());
        Assert.Equal(0, await check.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task SetPoliciesAsync_OneRefused_NoneSaved()
    {
        await using (var db = Test.Database.CreateDbContext())
        {
            var ws = await TeamData.WorkspaceAsync(db, "acme");
            var result = await Tiers.SetPoliciesAsync(db, ws, [("Key", new TierPolicyChange(OrderPriority: 2)), ("Standard", new TierPolicyChange(PromisedHours: 0))], null, clock);
            Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        }

        await using var check = Test.Database.CreateDbContext();
        Assert.Equal(0, await check.Tiers.CountAsync());
    }

    [Fact]
    public async Task TiersChangedInTheSettings_NewTierGetsTheDefaults_KeptTierKeepsItsPolicy()
    {
        await using var db = Test.Database.CreateDbContext();
        var ws = await TeamData.WorkspaceAsync(db, "acme");
        Assert.True((await Tiers.SetPolicyAsync(db, ws, "Standard", new TierPolicyChange(CheckinDays: 60, OrderPriority: 5), null, clock)).Succeeded);

        // A new top tier takes the top tier's defaults, one in between the lowest tier's; Key and Standard keep theirs.
        Assert.True((await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(Tiers: ["Platinum", "Key", "Growth", "Standard"]), null, clock)).Succeeded);

        Assert.Equal(
            [
                ("Platinum", 1, true, 30, TierChannel.Any, 5m, 15m, 1, 24),
                ("Key", 2, true, 30, TierChannel.Any, 5m, 15m, 1, 24),
                ("Growth", 3, true, null, TierChannel.Any, 0m, 5m, 2, 72),
                ("Standard", 4, false, 60, TierChannel.Any, 0m, 5m, 5, 72),
            ],
            (await PoliciesAsync(ws)).Select(Row));
    }

    [Fact]
    public async Task Migration_TiersStoredBeforeAccountService_GetTheDefaults()
    {
        var target = engineUsed == Engine.Sqlite ? System.IO.Path.Combine(Folder.Path, "old.db") : await (await Kamino.Testing.PostgresCluster.Shared).CreateDatabaseAsync();
        var database = new KaminoDatabase(target);
        int ws;
        await using (var db = database.CreateDbContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_AccountService", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            // Written in SQL: the Workspace entity of today has columns that this older schema does not.
            await db.Database.ExecuteSqlAsync($"INSERT INTO workspace (slug, name, currency, threshold_a, threshold_b, alpha, suggest_threshold, created_at) VALUES ('old', 'Old', 'EUR', 0.8, 0.95, 0.7, 0.6, {DateTimeOffset.UnixEpoch})");
            ws = await db.Database.SqlQuery<int>($"SELECT id AS \"Value\" FROM workspace WHERE slug = 'old'").SingleAsync();
            foreach (var (id, name, rank) in new[] { (1, "Key", 1), (2, "Growth", 2), (3, "Standard", 3) })
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO tier (workspace_id, id, name, rank) VALUES ({ws}, {id}, {name}, {rank})");
            }
        }

        await database.MigrateAsync();

        await using var after = database.CreateDbContext();
        Assert.Equal(
            [
                ("Key", 1, true, 30, TierChannel.Any, 5m, 15m, 1, 24),
                ("Growth", 2, true, null, TierChannel.Any, 0m, 5m, 2, 72),
                ("Standard", 3, false, null, TierChannel.Any, 0m, 5m, 2, 72),
            ],
            (await Tiers.PoliciesAsync(after, ws)).Select(Row));
    }

}

public sealed class SqliteTierPoliciesTests() : TierPoliciesTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresTierPoliciesTests() : TierPoliciesTests(Engine.Postgres);
