using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Import;
using Kamino.People;
using Kamino.Workspaces;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Customers;

/// <summary>The referral rule, without a database.</summary>
public sealed class ReferralRuleTests
{
    [Fact]
    public void Problem_Self_Cycle_AndChain()
    {
        var referredBy = new Dictionary<long, long> { [2] = 1, [3] = 2 }; // 1 brought 2, 2 brought 3

        Assert.NotNull(Referrals.Problem(4, 4, referredBy));
        Assert.NotNull(Referrals.Problem(1, 3, referredBy)); // 1 ← 3 ← 2 ← 1
        Assert.NotNull(Referrals.Problem(2, 3, referredBy));
        Assert.Null(Referrals.Problem(4, 3, referredBy));
        Assert.Null(Referrals.Problem(3, 1, referredBy)); // changing 3's referrer to 1 is no cycle
    }
}

/// <summary>
/// Ratings, referrals, settings, designations with tiers and the key-account lists, on SQLite and PostgreSQL
/// (sealed subclasses at the end), over an imported file: in the 12 months up to 2025-06-30, A 600, B 300, C 100,
/// D 0 (an invoice and its credit note), E −50 (a credit note only): A and B class A, C class B, D and E class C.
/// </summary>
public abstract class KeyAccountsTests(Engine engine) : DatabaseTests(engine)
{
    private const string Sales = """
        invoice,date,customer_id,customer_name,net_amount
        F-1,2025-01-10,A,Alpha,600.00
        F-2,2025-02-10,B,Beta,300.00
        F-3,2025-03-10,C,Gamma,100.00
        F-4,2025-04-10,D,Delta,50.00
        R-1,2025-05-10,D,Delta,-50.00
        R-2,2025-06-30,E,Epsilon,-50.00
        F-0,2024-06-30,C,Gamma,9999.00
        """;

    private readonly FakeTimeProvider clock = new(TeamData.Start);
    private int ws;
    private string director = "";
    private string lead = "";
    private string kam = "";
    private string viewer = "";

    protected override async Task SeedAsync()
    {
        var imported = await new SalesImporter(Test.Database, clock).ImportAsync(new ImportRequest("acme", Folder.Write("sales.csv", Sales)));
        Assert.True(imported.Imported, string.Join("; ", imported.Problems));
        await using var db = Db();
        ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        director = await TeamData.MemberAsync(db, ws, "dora@acme.test", Role.Director);
        lead = await TeamData.MemberAsync(db, ws, "lena@acme.test", Role.LeadKam);
        kam = await TeamData.MemberAsync(db, ws, "karl@acme.test", Role.Kam);
        viewer = await TeamData.MemberAsync(db, ws, "vic@acme.test", Role.Viewer);
    }


    private async Task<long> IdAsync(string key)
    {
        await using var db = Db();
        return await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == key).Select(c => c.Id).SingleAsync();
    }

    private async Task<ChangeResult> RateAsync(string key, string? userId, string? note, params (string Key, int Value)[] ratings)
    {
        var id = await IdAsync(key);
        await using var db = Db();
        return await Ratings.RateAsync(db, ws, id, ratings.ToDictionary(r => r.Key, r => r.Value), note, userId, clock);
    }

    private async Task<AccountDetail> ShowAsync(string key)
    {
        await using var db = Db();
        return (await KeyAccounts.ShowAsync(db, ws, key))!;
    }

    private async Task<AccountList> ListAsync(AccountFilter? filter = null)
    {
        await using var db = Db();
        return (await KeyAccounts.ListAsync(db, ws, null, filter))!;
    }

    private async Task<ChangeResult> DesignateAsync(string key, string? tier, string reason, string? userId = null)
    {
        var id = await IdAsync(key);
        await using var db = Db();
        return await Designations.DesignateAsync(db, ws, id, tier, reason, userId, clock);
    }

    private async Task<ChangeResult> SettingsAsync(KeyAccountSettingsChange change)
    {
        await using var db = Db();
        return await KeyAccountSettings.SetAsync(db, ws, change, director, clock);
    }

    [Fact]
    public async Task List_RanksClassesAndScoresEveryCustomer_InTheDefaultPeriod()
    {
        var list = await ListAsync();

        Assert.Equal(new PeriodDto(new DateOnly(2024, 7, 1), new DateOnly(2025, 6, 30)), list.Period);
        Assert.Equal(["A", "B", "C", "D", "E"], list.Customers.Select(c => c.Key));
        Assert.Equal([600m, 300m, 100m, 0m, -50m], list.Customers.Select(c => c.Revenue));
        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.C, AbcClass.C], list.Customers.Select(c => c.Class));
        // 1 − (rank − 1) / 3, rounded to 4 decimals; nobody rated, so score = 0.7 × revenue score.
        Assert.Equal([1m, 0.6667m, 0.3333m, 0m, 0m], list.Customers.Select(c => c.RevenueScore));
        Assert.Equal([0.7m, 0.4667m, 0.2333m, 0m, 0m], list.Customers.Select(c => c.Score));
        Assert.All(list.Customers, c => Assert.Null(c.IntangibleScore));
        Assert.Equal(["A", "B"], list.SuggestedNotDesignated.Select(c => c.Key));
        Assert.Empty(list.DesignatedNotSuggested);
    }

    [Fact]
    public async Task Rate_KeepsHistory_CurrentIsTheLatest_AndMovesTheScore()
    {
        Assert.True((await RateAsync("C", director, null, ("brand", 2))).Succeeded);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await RateAsync("C", lead, "  Opens the hotel association  ", ("brand", 5), ("contacts", 3))).Succeeded);

        var c = await ShowAsync("C");
        Assert.Equal(3, c.RatingHistory.Count);
        Assert.Equal([("contacts", 3), ("brand", 5)], c.RatingHistory.Take(2).Select(r => (r.CriterionKey, r.Value)).OrderBy(r => r.CriterionKey == "brand"));
        var brand = c.CurrentRatings.Single(r => r.CriterionKey == "brand");
        Assert.Equal((5, "Opens the hotel association", "lena@acme.test", TeamData.Start.AddDays(1)), (brand.Value, brand.Note, brand.UserEmail, brand.At));
        Assert.Equal(2, c.RatingHistory[^1].Value); // the first rating is still there

        // Default criteria, weight 1 each: (5 + 3) / (5 × 2) = 0.8; score 0.7 × 1/3 + 0.3 × 0.8 = 0.47333.
        Assert.Equal(0.8m, c.Score.IntangibleScore);
        Assert.Equal(0.2333m, c.Score.RevenuePart);
        Assert.Equal(0.24m, c.Score.IntangiblePart);
        Assert.Equal(0.4733m, c.Score.Score);
        Assert.Equal(0.15m, c.Score.Criteria.Single(p => p.Key == "brand").Contribution); // 0.3 × 5 / 10
        Assert.Null(c.Score.Criteria.Single(p => p.Key == "fit").Rating);
        Assert.Equal(0.8m, (await ListAsync()).Customers.Single(r => r.Key == "C").IntangibleScore);
    }

    [Theory]
    [InlineData("brand", 6)]
    [InlineData("brand", -1)]
    [InlineData("charm", 3)]
    public async Task Rate_OutOfRangeOrUnknownCriterion_IsInvalid_AndStoresNothing(string criterion, int value)
    {
        var result = await RateAsync("C", director, null, ("fit", 4), (criterion, value));

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        await using var db = Db();
        Assert.Equal(0, await db.Ratings.CountAsync());
    }

    [Fact]
    public async Task Rate_KamOnlyTheirAccounts_ViewerNever()
    {
        Assert.Equal(ChangeOutcome.Forbidden, (await RateAsync("A", kam, null, ("brand", 4))).Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, (await RateAsync("A", viewer, null, ("brand", 4))).Outcome);
        await using (var db = Db())
        {
            await TeamData.TeamRowAsync(db, ws, await IdAsync("A"), kam, Department.Sales, isOwner: true);
        }

        Assert.True((await RateAsync("A", kam, null, ("brand", 4))).Succeeded);
        Assert.Equal(4, (await ShowAsync("A")).CurrentRatings.Single().Value);
    }

    [Fact]
    public async Task Criteria_WeightChangesTheIntangibleScore_NewCriterionNeedsAName()
    {
        Assert.True((await RateAsync("C", director, null, ("brand", 5), ("contacts", 3))).Succeeded);
        await using (var db = Db())
        {
            Assert.True((await Criteria.SetAsync(db, ws, "brand", 3m, null, director, clock)).Succeeded);
            Assert.Equal(ChangeOutcome.Invalid, (await Criteria.SetAsync(db, ws, "esg", 1m, null, director, clock)).Outcome);
            Assert.Equal(ChangeOutcome.Invalid, (await Criteria.SetAsync(db, ws, "fit", -1m, null, director, clock)).Outcome);
            Assert.True((await Criteria.SetAsync(db, ws, "esg", 2m, "Sustainability", director, clock)).Succeeded);
        }

        await using var check = Db();
        var criteria = await Criteria.ListAsync(check, ws);
        Assert.Equal(["brand", "contacts", "fit", "growth", "payment", "esg"], criteria.Select(c => c.Key));
        Assert.Equal((3m, "Brand image"), (criteria[0].Weight, criteria[0].Name));
        // (3 × 5 + 1 × 3) / (5 × (3 + 1)) = 0.9
        Assert.Equal(0.9m, (await ShowAsync("C")).Score.IntangibleScore);
    }

    [Fact]
    public async Task Referral_ReferredRevenueIsEvidenceForTheReferrer_NoSelfNoCycle()
    {
        await using (var db = Db())
        {
            Assert.True((await Referrals.SetAsync(db, ws, await IdAsync("B"), await IdAsync("A"), director, clock)).Succeeded);
            Assert.True((await Referrals.SetAsync(db, ws, await IdAsync("C"), await IdAsync("A"), director, clock)).Succeeded);
            Assert.Equal(ChangeOutcome.Invalid, (await Referrals.SetAsync(db, ws, await IdAsync("D"), await IdAsync("D"), director, clock)).Outcome);
            Assert.Equal(ChangeOutcome.Invalid, (await Referrals.SetAsync(db, ws, await IdAsync("A"), await IdAsync("C"), director, clock)).Outcome);
            Assert.Equal(ChangeOutcome.Forbidden, (await Referrals.SetAsync(db, ws, await IdAsync("D"), await IdAsync("A"), viewer, clock)).Outcome);
        }

        var a = await ShowAsync("A");
        Assert.Equal(["B", "C"], a.Referred.Select(r => r.Key).Order());
        Assert.Equal(400m, a.ReferredRevenue); // 300 + 100 in the period (C's 9,999 of 2024-06-30 is outside)
        Assert.Null(a.ReferredBy);
        Assert.Equal("A", (await ShowAsync("C")).ReferredBy);

        await using (var db = Db())
        {
            Assert.True((await Referrals.SetAsync(db, ws, await IdAsync("C"), null, director, clock)).Succeeded);
        }

        Assert.Equal(300m, (await ShowAsync("A")).ReferredRevenue);
    }

    [Fact]
    public async Task Designate_WithTiers_RecordsFromTo_AndFillsTheTwoLists()
    {
        Assert.True((await SettingsAsync(new KeyAccountSettingsChange(Tiers: ["Gold", "Silver", "Standard"]))).Succeeded);

        Assert.True((await DesignateAsync("C", "silver", "Opens the hotel association", director)).Succeeded);
        Assert.True((await DesignateAsync("B", "Standard", "Occasional big orders, nothing more", lead)).Succeeded);
        Assert.Equal(ChangeOutcome.Invalid, (await DesignateAsync("B", "Bronze", "no such tier")).Outcome);
        Assert.Equal(ChangeOutcome.Invalid, (await DesignateAsync("C", "Silver", "again")).Outcome);
        Assert.Equal(ChangeOutcome.Invalid, (await DesignateAsync("A", "Gold", " ")).Outcome);
        clock.Advance(TimeSpan.FromDays(7));
        Assert.True((await DesignateAsync("C", "Gold", "Signed the framework contract", director)).Succeeded);

        var list = await ListAsync();
        var rows = list.Customers.ToDictionary(c => c.Key);
        Assert.Equal(("Gold", true), (rows["C"].Tier, rows["C"].IsKeyAccount));
        Assert.Equal(("Standard", false), (rows["B"].Tier, rows["B"].IsKeyAccount));
        Assert.Equal((null, false), (rows["A"].Tier, rows["A"].IsKeyAccount));
        Assert.Equal(["A", "B"], list.SuggestedNotDesignated.Select(c => c.Key)); // class A, not key accounts
        Assert.Equal(["C"], list.DesignatedNotSuggested.Select(c => c.Key)); // class B, score 0.23
        Assert.Equal(["C"], (await ListAsync(new AccountFilter(KeyOnly: true))).Customers.Select(c => c.Key));
        Assert.Equal(["C"], (await ListAsync(new AccountFilter(Class: AbcClass.B))).Customers.Select(c => c.Key));
        Assert.Equal(["A", "B"], (await ListAsync(new AccountFilter(SuggestedOnly: true))).Customers.Select(c => c.Key));

        var history = (await ShowAsync("C")).Designations;
        Assert.Equal([("Silver", "Gold", "Signed the framework contract"), (null, "Silver", "Opens the hotel association")],
            history.Select(h => (h.FromTier, h.ToTier, h.Reason)));
        Assert.Equal(["dora@acme.test", "dora@acme.test"], history.Select(h => h.UserEmail));
        Assert.Equal([TeamData.Start.AddDays(7), TeamData.Start], history.Select(h => h.At));

        var id = await IdAsync("C");
        await using (var db = Db())
        {
            Assert.Equal(ChangeOutcome.Forbidden, (await Designations.UndesignateAsync(db, ws, id, "no", kam, clock)).Outcome);
            Assert.True((await Designations.UndesignateAsync(db, ws, id, "Contract ended", director, clock)).Succeeded);
            Assert.Equal(ChangeOutcome.Invalid, (await Designations.UndesignateAsync(db, ws, id, "again", director, clock)).Outcome);
        }

        var after = await ShowAsync("C");
        Assert.Equal((null, false), (after.Account.Tier, after.Account.IsKeyAccount));
        Assert.Equal(("Gold", (string?)null, false, "Contract ended"), (after.Designations[0].FromTier, after.Designations[0].ToTier, after.Designations[0].IsKeyAccount, after.Designations[0].Reason));
        Assert.Equal(3, after.Designations.Count);
        await using var audit = Db();
        Assert.Equal(3, await audit.AuditEntries.CountAsync(e => e.Entity == "designation" && e.CustomerId == id));
    }

    [Fact]
    public async Task Settings_TierChangesNeverChangeADesignationSilently()
    {
        Assert.True((await DesignateAsync("C", "Key", "big potential")).Succeeded);
        Assert.True((await DesignateAsync("D", "Standard", "small")).Succeeded);

        // Renaming keeps the designation; removing a tier in use, or turning Standard into a key tier, is refused.
        Assert.Equal(ChangeOutcome.Invalid, (await SettingsAsync(new KeyAccountSettingsChange(Tiers: ["Key", "Basic"]))).Outcome);
        Assert.Equal(ChangeOutcome.Invalid, (await SettingsAsync(new KeyAccountSettingsChange(Tiers: ["Key", "Standard", "Basic"]))).Outcome);
        Assert.Equal(ChangeOutcome.Invalid, (await SettingsAsync(new KeyAccountSettingsChange(Tiers: ["Key"]))).Outcome);
        Assert.Equal(ChangeOutcome.Invalid, (await SettingsAsync(new KeyAccountSettingsChange(Tiers: ["A", "B", "C", "D", "E", "F"]))).Outcome);
        Assert.Equal(ChangeOutcome.Invalid, (await SettingsAsync(new KeyAccountSettingsChange(Tiers: ["Key", "key"]))).Outcome);
        Assert.True((await SettingsAsync(new KeyAccountSettingsChange(Tiers: ["Gold", "Key", "Standard"]))).Succeeded);

        await using var db = Db();
        var settings = (await KeyAccountSettings.GetAsync(db, ws))!;
        Assert.Equal([("Gold", true), ("Key", true), ("Standard", false)], settings.Tiers.Select(t => (t.Name, t.IsKey)));
        var rows = (await ListAsync()).Customers.ToDictionary(c => c.Key);
        Assert.Equal(("Key", true), (rows["C"].Tier, rows["C"].IsKeyAccount));
        Assert.Equal(("Standard", false), (rows["D"].Tier, rows["D"].IsKeyAccount));
    }

    [Fact]
    public async Task Settings_AlphaAndThresholds_AreValidated_AndChangeScoreAndClasses()
    {
        Assert.Equal(ChangeOutcome.Invalid, (await SettingsAsync(new KeyAccountSettingsChange(Alpha: 1.5m))).Outcome);
        Assert.Equal(ChangeOutcome.Invalid, (await SettingsAsync(new KeyAccountSettingsChange(ThresholdA: 0.9m, ThresholdB: 0.85m))).Outcome);
        Assert.True((await SettingsAsync(new KeyAccountSettingsChange(Alpha: 0.5m, SuggestThreshold: 0.3m, ThresholdA: 0.5m))).Succeeded);

        var list = await ListAsync();
        var rows = list.Customers.ToDictionary(c => c.Key);
        Assert.Equal((0.5m, 0.3m), (list.Alpha, list.SuggestThreshold));
        Assert.Equal((AbcClass.A, AbcClass.B), (rows["A"].Class, rows["B"].Class)); // 600 ≥ 0.5 × 950 closes A
        Assert.Equal(0.3333m, rows["B"].Score); // 0.5 × 2/3
        Assert.True(rows["B"].Suggested); // by score now
        Assert.False(rows["C"].Suggested); // 0.1667
    }

    [Fact]
    public async Task Designations_RatingsAndReferrals_SurviveReimportAndReplace()
    {
        Assert.True((await DesignateAsync("C", null, "Opens the hotel association", director)).Succeeded);
        Assert.True((await RateAsync("C", director, "good", ("brand", 4))).Succeeded);
        await using (var db = Db())
        {
            Assert.True((await Referrals.SetAsync(db, ws, await IdAsync("C"), await IdAsync("A"), director, clock)).Succeeded);
        }

        var before = await ShowAsync("C");
        var importer = new SalesImporter(Test.Database, clock);
        Assert.True((await importer.ImportAsync(new ImportRequest("acme", Folder.Write("sales.csv", Sales)))).Imported); // the same file again
        var replaced = await importer.ImportAsync(new ImportRequest("acme", Folder.Write("fix.csv", """
            invoice,date,customer_id,customer_name,net_amount
            F-3,2025-03-10,C,Gamma,700.00
            """), Replace: true));
        Assert.True(replaced.Imported, string.Join("; ", replaced.Problems));

        var after = await ShowAsync("C");
        Assert.Equal(700m, after.Account.Revenue); // the replacement counts…
        Assert.Equal(("Key", true), (after.Account.Tier, after.Account.IsKeyAccount)); // …and nothing a person decided moved
        Assert.Equal(before.Designations, after.Designations);
        Assert.Equal(before.RatingHistory, after.RatingHistory);
        Assert.Equal("A", after.ReferredBy);
        Assert.Equal(AbcClass.A, after.Account.Class);
        await using var check = Db();
        Assert.Equal(1, await check.Designations.CountAsync());
    }
}

public sealed class SqliteKeyAccountsTests() : KeyAccountsTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresKeyAccountsTests() : KeyAccountsTests(Engine.Postgres);
