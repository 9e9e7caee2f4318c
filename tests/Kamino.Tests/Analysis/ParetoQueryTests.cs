using Kamino.Analysis;
using Kamino.Import;

namespace Kamino.Tests.Analysis;

/// <summary>
/// The Pareto report of imported sales against the generator's own ground truth (<c>--summary</c>),
/// on SQLite and PostgreSQL by the sealed subclasses at the end of the file.
/// </summary>
public abstract class ParetoQueryTests(Engine engine) : DatabaseTests(engine)
{
    private const string Workspace = "acme";

    private async Task ImportAsync(string path)
    {
        var result = await new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, path));
        Assert.True(result.Imported, string.Join('\n', result.Problems));
    }

    private async Task<ParetoReport> RunAsync(ParetoRequest request)
    {
        await using var db = Db();
        var report = await ParetoQuery.RunAsync(db, await WorkspaceIdAsync(db, Workspace), request);
        Assert.NotNull(report);
        return report;
    }

    private static void AssertMatches(SalesSummary expected, ParetoReport report)
    {
        Assert.Equal(expected.TotalRevenue, report.TotalRevenue);
        Assert.Equal(expected.CustomersActive, report.CustomerCount);
        Assert.Equal(expected.ParetoCustomers, report.ParetoCount);
        Assert.Equal(new ClassCountsDto(expected.A, expected.B, expected.C), report.Classes);
        Assert.InRange(report.Concentration!.Hhi, expected.HhiPoints - 0.01m, expected.HhiPoints + 0.01m);
        Assert.Equal(expected.Top1Customer, report.Customers[0].CustomerId);
        Assert.InRange(report.Concentration.Top1Share, expected.Top1Share - 0.000001m, expected.Top1Share + 0.000001m);
        Assert.Equal(expected.CustomersNonPositiveRevenue, report.Customers.Count(c => c.Revenue <= 0m));
    }

    [Theory]
    [InlineData("--lines 3000 --customers 60 --seed 3")]
    [InlineData("--lines 200000 --customers 5000 --seed 7")] // the case of the Pareto issue
    public async Task RunAsync_AllDatesOfGeneratedFile_MatchesGeneratorSummary(string arguments)
    {
        var sales = await SalesGenerator.GetAsync(arguments);
        await ImportAsync(sales.Path);

        var report = await RunAsync(new ParetoRequest(All: true));

        AssertMatches(sales.Summary, report);
    }

    [Fact]
    public async Task RunAsync_ManyCreditNotes_NonPositiveCustomersMatchGeneratorSummary()
    {
        var sales = await SalesGenerator.GetAsync("--lines 4000 --customers 400 --seed 9 --returns-pct 30");
        Assert.True(sales.Summary.CustomersNonPositiveRevenue > 0, "the file should have customers with revenue ≤ 0");
        await ImportAsync(sales.Path);

        var report = await RunAsync(new ParetoRequest(All: true));

        AssertMatches(sales.Summary, report);
        Assert.All(report.Customers.Where(c => c.Revenue <= 0m), c => Assert.Equal(AbcClass.C, c.Class));
    }

    [Fact]
    public async Task RunAsync_DefaultPeriod_TwelveMonthsEndingOnLatestSale()
    {
        await ImportAsync(Folder.Write("sales.csv", """
            invoice,date,customer_id,amount
            F-1,2016-12-30,C1,100.00
            F-2,2016-12-31,C2,50.00
            F-3,2017-06-01,C1,10.00
            F-4,2017-12-30,C3,25.00

            """));

        var byDefault = await RunAsync(new ParetoRequest());
        var all = await RunAsync(new ParetoRequest(All: true));

        Assert.Equal(new PeriodDto(new DateOnly(2016, 12, 31), new DateOnly(2017, 12, 30)), byDefault.Period);
        Assert.Equal(85m, byDefault.TotalRevenue);
        Assert.Equal(["C2", "C3", "C1"], byDefault.Customers.Select(c => c.CustomerId));
        Assert.Equal(new PeriodDto(new DateOnly(2016, 12, 30), new DateOnly(2017, 12, 30)), all.Period);
        Assert.Equal(185m, all.TotalRevenue);
        Assert.Equal(110m, all.Customers[0].Revenue);
    }

    [Fact]
    public async Task RunAsync_ExplicitPeriod_CountsOnlyItsDates()
    {
        await ImportAsync(Folder.Write("sales.csv", """
            invoice,date,customer_id,amount
            F-1,2024-01-31,C1,100.00
            F-2,2024-02-01,C2,50.00
            F-3,2024-02-29,C1,-20.00
            F-4,2024-03-01,C3,25.00

            """));

        var february = await RunAsync(new ParetoRequest(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)));

        Assert.Equal(30m, february.TotalRevenue); // 50.00 and a credit of 20.00
        Assert.Equal(["C2", "C1"], february.Customers.Select(c => c.CustomerId));
        Assert.Equal(AbcClass.C, february.Customers[1].Class);
    }

    [Fact]
    public async Task RunAsync_UnknownWorkspace_IsNull()
    {
        await using var db = Db();

        Assert.Null(await ParetoQuery.RunAsync(db, int.MaxValue, new ParetoRequest()));
    }

    private static Task<int> WorkspaceIdAsync(KaminoDb db, string slug) =>
        db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();
}

public sealed class SqliteParetoQueryTests() : ParetoQueryTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresParetoQueryTests() : ParetoQueryTests(Engine.Postgres);
