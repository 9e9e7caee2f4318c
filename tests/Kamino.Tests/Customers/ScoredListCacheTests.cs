using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Import;
using Kamino.Workspaces;

namespace Kamino.Tests.Customers;

/// <summary>
/// The scored customer list is kept in memory per sales and accounts version (<see cref="SalesCache"/>), yet a rating,
/// a criterion's weight, a designation, tiers reordered and α changed each show in the next page of the list and the
/// next account, equal to what a process with nothing kept computes.
/// </summary>
public abstract class ScoredListCacheTests(Engine engine) : DatabaseTests(engine)
{
    private static readonly DateOnly Today = new(2024, 6, 30);

    /// <summary>What the customers page shows about <paramref name="key"/> (its row and the count of suggested, not designated), and the account's score.</summary>
    private static async Task<(decimal Score, decimal? Intangible, string? Tier, bool Key, int Suggested, decimal Explained)> ShownAsync(KaminoDatabase database, string key)
    {
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        var page = (await KeyAccounts.PageAsync(db, ws, new ParetoRequest(), new AccountPageRequest(sort: new AccountSort(AccountOrder.Score, true)), Today))!;
        var row = page.Items.Single(i => i.Key == key);
        var detail = (await KeyAccounts.ShowAsync(db, ws, key))!;
        return (row.Score, row.IntangibleScore, row.Tier, row.IsKeyAccount, page.SuggestedNotDesignated, detail.Account.Score);
    }

    /// <summary>Shown by the test's database (which keeps the list), after checking a new process with nothing kept shows the same.</summary>
    private async Task<(decimal Score, decimal? Intangible, string? Tier, bool Key, int Suggested, decimal Explained)> ShownAsync(string key)
    {
        var kept = await ShownAsync(Test.Database, key);
        Assert.Equal(await ShownAsync(new KaminoDatabase(Test.Database.Target), key), kept);
        return kept;
    }

    /// <summary>The customers' keys in the list sorted by tier (highest first), kept and computed afresh.</summary>
    private async Task<List<string>> ByTierAsync()
    {
        var kept = await KeysAsync(Test.Database);
        Assert.Equal(await KeysAsync(new KaminoDatabase(Test.Database.Target)), kept);
        return kept;

        static async Task<List<string>> KeysAsync(KaminoDatabase database)
        {
            await using var db = database.CreateDbContext();
            var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
            var page = (await KeyAccounts.PageAsync(db, ws, new ParetoRequest(), new AccountPageRequest(sort: new AccountSort(AccountOrder.Tier)), Today))!;
            return [.. page.Items.Select(i => i.Key)];
        }
    }

    private async Task<(int Workspace, long Customer)> IdsAsync(string key)
    {
        await using var db = Db();
        var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        return (ws, await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == key).Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public async Task RatingCriterionDesignationTierAndAlpha_EachShowInTheNextPage()
    {
        var csv = "invoice,date,customer_id,customer_name,amount\nF-1,2024-06-01,C1,Uno,500.00\nF-2,2024-06-02,C2,Dos,300.00\nF-3,2024-06-03,C3,Tres,200.00";
        var imported = await new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest("acme", Folder.Write("s.csv", csv)));
        Assert.True(imported.Imported, string.Join('\n', imported.Problems));
        var (ws, c2) = await IdsAsync("C2");
        var clock = TimeProvider.System;

        var before = await ShownAsync("C2");
        Assert.Null(before.Intangible);
        Assert.Equal(before, await ShownAsync("C2")); // kept, and still equal

        await using (var db = Db())
        {
            Assert.True((await Ratings.RateAsync(db, ws, c2, new Dictionary<string, int> { ["brand"] = 5, ["fit"] = 1 }, null, null, clock)).Succeeded);
        }

        var rated = await ShownAsync("C2");
        Assert.NotNull(rated.Intangible);
        Assert.NotEqual(before.Score, rated.Score);

        await using (var db = Db())
        {
            Assert.True((await Criteria.SetAsync(db, ws, "brand", 4m, null, null, clock)).Succeeded);
        }

        var weighted = await ShownAsync("C2");
        Assert.True(weighted.Intangible > rated.Intangible, $"{weighted.Intangible} after brand weighs more, {rated.Intangible} before");

        await using (var db = Db())
        {
            Assert.True((await Designations.DesignateAsync(db, ws, c2, null, "test", null, clock)).Succeeded);
        }

        var designated = await ShownAsync("C2");
        Assert.True(designated.Key);
        Assert.Equal("Key", designated.Tier);

        // A new tier, C3 in it, then the tiers reordered: the list sorted by tier follows.
        await using (var db = Db())
        {
            Assert.True((await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(Tiers: ["Key", "Gold", "Standard"]), null, clock)).Succeeded);
            Assert.True((await Designations.DesignateAsync(db, ws, (await IdsAsync("C3")).Customer, "Gold", "test", null, clock)).Succeeded);
        }

        Assert.Equal(["C2", "C3", "C1"], await ByTierAsync());
        await using (var db = Db())
        {
            Assert.True((await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(Tiers: ["Gold", "Key", "Standard"]), null, clock)).Succeeded);
        }

        Assert.Equal(["C3", "C2", "C1"], await ByTierAsync());

        await using (var db = Db())
        {
            Assert.True((await KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(Alpha: 0m), null, clock)).Succeeded);
        }

        var alpha = await ShownAsync("C2");
        Assert.Equal(alpha.Intangible, alpha.Score); // α 0: the score is the intangible score alone
        Assert.NotEqual(weighted.Score, alpha.Score);
        Assert.Equal(alpha.Score, alpha.Explained);

        await using (var db = Db())
        {
            Assert.True((await Designations.UndesignateAsync(db, ws, c2, "test", null, clock)).Succeeded);
        }

        var undesignated = await ShownAsync("C2");
        Assert.False(undesignated.Key);
        Assert.Null(undesignated.Tier);
    }
}

public sealed class SqliteScoredListCacheTests() : ScoredListCacheTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresScoredListCacheTests() : ScoredListCacheTests(Engine.Postgres);
