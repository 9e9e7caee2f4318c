using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Health;
using Kamino.Import;

namespace Kamino.Tests.Analysis;

/// <summary>
/// Results kept in memory (<see cref="SalesCache"/>) are never stale: an import, a replace, an undo and a tracked change
/// of sale lines each show at once in what the account page and the API read (the key-account row, the Pareto report,
/// the health score's revenue), equal to what a process with nothing kept computes; two workspaces never share an entry.
/// </summary>
public abstract class SalesCacheTests(Engine engine) : DatabaseTests(engine)
{
    private const string Header = "invoice,date,customer_id,customer_name,amount";
    private static readonly DateOnly Today = new(2024, 6, 30);

    private async Task<long> ImportAsync(string workspace, string csv, bool replace = false)
    {
        var result = await new SalesImporter(Test.Database, TimeProvider.System)
            .ImportAsync(new ImportRequest(workspace, Folder.Write($"{Guid.NewGuid():N}.csv", $"{Header}\n{csv}"), Replace: replace));
        Assert.True(result.Imported, string.Join('\n', result.Problems));
        return result.ImportId!.Value;
    }

    /// <summary>What the account page and <c>GET …/customers/{c}</c> (revenue, rank), the Pareto API (total) and the health API (last 90 days) show, read from <paramref name="database"/>.</summary>
    private static async Task<(decimal Revenue, int Rank, decimal Total, long HealthCents)> ShownAsync(KaminoDatabase database, string workspace, string key)
    {
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == workspace).Select(w => w.Id).SingleAsync();
        var detail = (await KeyAccounts.ShowAsync(db, ws, key))!;
        var pareto = (await ParetoQuery.RunAsync(db, ws, new ParetoRequest()))!;
        var id = await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == key).Select(c => c.Id).SingleAsync();
        var signals = await AccountSignalsQuery.LoadAsync(db, ws, Today, [id]);
        return (detail.Account.Revenue, detail.Account.Rank, pareto.TotalRevenue, signals.Single().Revenue.CurrentCents);
    }

    /// <summary>Shown by the test's database (which keeps results), after checking a new process with nothing kept shows the same.</summary>
    private async Task<(decimal Revenue, int Rank, decimal Total, long HealthCents)> ShownAsync(string key, string workspace = "acme")
    {
        var kept = await ShownAsync(Test.Database, workspace, key);
        Assert.Equal(await ShownAsync(new KaminoDatabase(Test.Database.Target), workspace, key), kept);
        return kept;
    }

    private async Task DesignateAsync(string workspace, string key)
    {
        await using var db = Db();
        var ws = await db.Workspaces.Where(w => w.Slug == workspace).Select(w => w.Id).SingleAsync();
        var id = await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == key).Select(c => c.Id).SingleAsync();
        Assert.True((await Designations.DesignateAsync(db, ws, id, null, "test", null, TimeProvider.System)).Succeeded);
    }

    [Fact]
    public async Task ImportReplaceAndUndo_EachShowAtOnce()
    {
        await ImportAsync("acme", "F-1,2024-06-01,C1,Uno,100.00\nF-2,2024-06-02,C2,Dos,50.00");
        await DesignateAsync("acme", "C1");
        Assert.Equal((100m, 1, 150m, 10_000L), await ShownAsync("C1"));
        Assert.Equal((100m, 1, 150m, 10_000L), await ShownAsync("C1")); // kept, and still equal

        var second = await ImportAsync("acme", "F-3,2024-06-03,C1,Uno,30.00\nF-4,2024-06-04,C2,Dos,200.00");
        Assert.Equal((130m, 2, 380m, 13_000L), await ShownAsync("C1"));

        await ImportHistory.UndoAsync(Test.Database, "acme", second, null, TimeProvider.System);
        Assert.Equal((100m, 1, 150m, 10_000L), await ShownAsync("C1"));

        await ImportAsync("acme", "F-1,2024-06-01,C1,Uno,40.00", replace: true);
        Assert.Equal((40m, 2, 90m, 4_000L), await ShownAsync("C1"));
    }

    [Fact]
    public async Task TwoWorkspaces_SameIdsAndVersions_NeverShareEntries()
    {
        // Both workspaces have customer id 1 and the same sales version after one import each.
        await ImportAsync("acme", "F-1,2024-06-01,C1,Uno,100.00");
        await ImportAsync("beta", "F-1,2024-06-01,C1,Uno,300.00");
        await DesignateAsync("acme", "C1");
        await DesignateAsync("beta", "C1");

        Assert.Equal((100m, 1, 100m, 10_000L), await ShownAsync("C1", "acme"));
        Assert.Equal((300m, 1, 300m, 30_000L), await ShownAsync("C1", "beta"));
        Assert.Equal((100m, 1, 100m, 10_000L), await ShownAsync("C1", "acme"));
    }

    [Fact]
    public async Task SaveChanges_OfSaleLinesAndCustomers_ShowAtOnce()
    {
        await ImportAsync("acme", "F-1,2024-06-01,C1,Uno,100.00");
        await DesignateAsync("acme", "C1");
        Assert.Equal((100m, 1, 100m, 10_000L), await ShownAsync("C1"));

        await using (var db = Db())
        {
            var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
            db.Customers.Add(new Customer { WorkspaceId = ws, Id = 2, Key = "C2", Name = "Dos" });
            db.SaleLines.Add(new SaleLine
            {
                WorkspaceId = ws, DocumentNumber = "F-9", LineNumber = 1, Date = new DateOnly(2024, 6, 5), CustomerId = 2, ImportId = 1,
                Quantity = 1, UnitPrice = 500m, NetCents = 50_000, Currency = "EUR",
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal((100m, 2, 600m, 10_000L), await ShownAsync("C1"));
    }

    [Fact]
    public async Task ManyPeriods_KeepAtMostTheCapacity()
    {
        await ImportAsync("acme", "F-1,2024-06-01,C1,Uno,100.00");
        await using var db = Db();
        var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        for (var i = 0; i < SalesCache.Capacity + 10; i++)
        {
            var from = new DateOnly(2024, 1, 1).AddDays(i);
            Assert.Single(await AnalysisQueries.RevenuesAsync(db, ws, new DateRange(from, new DateOnly(2024, 12, 31)), CancellationToken.None));
        }

        Assert.Equal(SalesCache.Capacity, SalesCache.Count(db));
    }
}

public sealed class SqliteSalesCacheTests() : SalesCacheTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresSalesCacheTests() : SalesCacheTests(Engine.Postgres);
