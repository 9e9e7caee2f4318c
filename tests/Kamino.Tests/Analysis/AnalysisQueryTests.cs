using Kamino.Analysis;
using Kamino.Import;

namespace Kamino.Tests.Analysis;

/// <summary>
/// The comparison, what-if and monthly series over imported sales, on SQLite and PostgreSQL by the sealed
/// subclasses at the end of the file.
/// </summary>
public abstract class AnalysisQueryTests(Engine engine) : DatabaseTests(engine)
{
    private const string Workspace = "acme";

    // Latest sale 2017-12-30: current 2016-12-31..2017-12-30, previous 2015-12-31..2016-12-30.
    private const string Sales = """
        invoice,date,customer_id,customer_name,amount
        F-1,2015-12-30,OLD,Too old,999.00
        F-2,2015-12-31,P,Pe,60.00
        F-3,2016-06-01,Q,Cu,30.00
        F-4,2016-12-30,R,Erre,10.00
        F-5,2016-12-31,P,Pe,30.00
        F-6,2017-03-15,Q,Cu,100.00
        F-7,2017-03-20,Q,Cu,20.00
        F-8,2017-05-01,S,Ese,50.00
        F-9,2017-05-02,S,Ese,-0.50
        F-10,2017-12-30,S,Ese,0.50

        """;

    private async Task ImportAsync(string content)
    {
        var result = await new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, Folder.Write("sales.csv", content)));
        Assert.True(result.Imported, string.Join('\n', result.Problems));
    }

    [Fact]
    public async Task CompareAsync_Default_TwelveMonthsAgainstTheTwelveBefore()
    {
        await ImportAsync(Sales);
        await using var db = Db();

        var report = await AnalysisQueries.CompareAsync(db, await WorkspaceIdAsync(db, Workspace), new CompareRequest());

        Assert.NotNull(report);
        Assert.Equal(new PeriodDto(new DateOnly(2016, 12, 31), new DateOnly(2017, 12, 30)), report.Current.Period);
        Assert.Equal(new PeriodDto(new DateOnly(2015, 12, 31), new DateOnly(2016, 12, 30)), report.Previous.Period);
        // Previous: P 60, Q 30, R 10 (total 100); current: Q 120, S 50, P 30 (total 200): the ComparisonTests example.
        Assert.Equal((100.00m, 200.00m, 100.00m, 1m), (report.Previous.TotalRevenue, report.Current.TotalRevenue, report.TotalChange, report.TotalRelativeChange!.Value));
        Assert.Equal((1, 1), (report.NewCount, report.LostCount));
        Assert.Equal(["Q", "S", "P", "R"], report.Customers.Select(c => c.CustomerId));
        var p = report.Customers.Single(c => c.CustomerId == "P");
        Assert.Equal(new CustomerMigrationDto("P", "Pe", 60.00m, 30.00m, AbcClass.A, AbcClass.B, -30.00m, -0.5m, Movement.Down), p);
        Assert.Equal(Movement.New, report.Customers.Single(c => c.CustomerId == "S").Movement);
        Assert.Equal(Movement.Lost, report.Customers.Single(c => c.CustomerId == "R").Movement);
        Assert.Equal(
            [new MigrationCountDto("A", "A", 1, 90.00m), new MigrationCountDto("A", "B", 1, -30.00m), new MigrationCountDto("B", "Lost", 1, -10.00m), new MigrationCountDto("New", "A", 1, 50.00m)],
            report.Migrations);
        // Current shares 0.6 / 0.25 / 0.15: HHI 3600 + 625 + 225.
        Assert.Equal(4450m, report.Current.Concentration!.Hhi);
    }

    [Fact]
    public async Task CompareAsync_ExplicitPeriods_CountOnlyTheirDates()
    {
        await ImportAsync(Sales);
        await using var db = Db();

        var report = await AnalysisQueries.CompareAsync(db, await WorkspaceIdAsync(db, Workspace), new CompareRequest(
            new DateOnly(2017, 3, 1), new DateOnly(2017, 3, 31), new DateOnly(2016, 6, 1), new DateOnly(2016, 6, 30)));

        Assert.Equal(120.00m, report!.Current.TotalRevenue);
        Assert.Equal(30.00m, report.Previous.TotalRevenue);
        Assert.Equal([new CustomerMigrationDto("Q", "Cu", 30.00m, 120.00m, AbcClass.A, AbcClass.A, 90.00m, 3m, Movement.Same)], report.Customers);
    }

    [Fact]
    public async Task CompareAsync_OnlyTheCurrentPeriodGiven_ComparesWithAsManyDaysBefore()
    {
        await ImportAsync(Sales);
        await using var db = Db();

        var report = await AnalysisQueries.CompareAsync(db, await WorkspaceIdAsync(db, Workspace), new CompareRequest(new DateOnly(2017, 1, 1), new DateOnly(2017, 1, 31)));

        Assert.Equal(new PeriodDto(new DateOnly(2016, 12, 1), new DateOnly(2016, 12, 31)), report!.Previous.Period);
        Assert.Equal(40.00m, report.Previous.TotalRevenue); // R 10 on 12-30, P 30 on 12-31
        Assert.Equal(0m, report.Current.TotalRevenue);
        Assert.Equal(2, report.LostCount);
    }

    [Fact]
    public async Task CompareAsync_UnknownWorkspace_IsNull()
    {
        await using var db = Db();

        Assert.Null(await AnalysisQueries.CompareAsync(db, int.MaxValue, new CompareRequest()));
    }

    [Fact]
    public async Task WhatIfAsync_TopCustomer_TotalParetoAndHhiWithoutIt()
    {
        await ImportAsync(Sales);
        await using var db = Db();

        var result = await AnalysisQueries.WhatIfAsync(db, await WorkspaceIdAsync(db, Workspace), "Q", new ParetoRequest());

        Assert.Equal(LookupStatus.Found, result.Status);
        var r = result.Report!;
        Assert.Equal((120.00m, 0.6m), (r.RevenueAtRisk, r.ShareAtRisk!.Value));
        Assert.Equal((200.00m, 80.00m), (r.Before.TotalRevenue, r.After.TotalRevenue));
        Assert.Equal(["Q", "S"], r.ParetoSetBefore);
        // Without Q: S 50, P 30 of 80 → S (0 < 64) and P (50 < 64) are in; HHI = 0.625² + 0.375² = 5312.5.
        Assert.Equal(["S", "P"], r.ParetoSetAfter);
        Assert.Equal(["P"], r.JoinsParetoSet);
        Assert.Equal(5312.5m, r.After.Concentration!.Hhi);
    }

    [Fact]
    public async Task WhatIfAsync_CustomerWithoutSalesInThePeriod_NothingAtRisk()
    {
        await ImportAsync(Sales);
        await using var db = Db();

        var result = await AnalysisQueries.WhatIfAsync(db, await WorkspaceIdAsync(db, Workspace), "R", new ParetoRequest());

        Assert.Equal(0m, result.Report!.RevenueAtRisk);
        Assert.Equal(result.Report.Before, result.Report.After);
    }

    [Fact]
    public async Task WhatIfAsync_UnknownCustomerOrWorkspace_SaysWhich()
    {
        await ImportAsync(Sales);
        await using var db = Db();

        Assert.Equal(LookupStatus.NoCustomer, (await AnalysisQueries.WhatIfAsync(db, await WorkspaceIdAsync(db, Workspace), "q", new ParetoRequest())).Status);
        Assert.Equal(LookupStatus.NoWorkspace, (await AnalysisQueries.WhatIfAsync(db, int.MaxValue, "Q", new ParetoRequest())).Status);
    }

    [Fact]
    public async Task SeriesAsync_DefaultPeriod_EveryMonthWithZeros()
    {
        await ImportAsync(Sales);
        await using var db = Db();

        var result = await AnalysisQueries.SeriesAsync(db, await WorkspaceIdAsync(db, Workspace), "S", new ParetoRequest());

        var r = result.Report!;
        Assert.Equal(13, r.Months.Count); // 2016-12 (one day) to 2017-12 (to the 30th)
        Assert.Equal(("2016-12", true), (r.Months[0].Month, r.Months[0].Partial));
        Assert.Equal(("2017-12", 0.50m, true), (r.Months[12].Month, r.Months[12].Revenue, r.Months[12].Partial));
        Assert.Equal(49.50m, r.Months.Single(m => m.Month == "2017-05").Revenue);
        Assert.Equal(11, r.Months.Count(m => m.Revenue == 0m));
        Assert.Equal(50.00m, r.TotalRevenue);
    }

    [Fact]
    public async Task SeriesAsync_UnknownCustomer_NoCustomer()
    {
        await ImportAsync(Sales);
        await using var db = Db();

        Assert.Equal(LookupStatus.NoCustomer, (await AnalysisQueries.SeriesAsync(db, await WorkspaceIdAsync(db, Workspace), "nobody", new ParetoRequest())).Status);
    }

    [Fact]
    public async Task RevenuesAsync_GeneratedFile_MatchesTheGeneratorTotal()
    {
        var sales = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 3");
        var result = await new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, sales.Path));
        Assert.True(result.Imported);
        await using var db = Db();
        var ws = db.Workspaces.Single(w => w.Slug == Workspace);

        var revenues = await AnalysisQueries.RevenuesAsync(db, ws.Id, null, default);

        Assert.Equal(sales.Summary.TotalRevenue, revenues.Sum(r => r.Revenue));
        Assert.Equal(sales.Summary.CustomersActive, revenues.Count);
    }

    private static Task<int> WorkspaceIdAsync(KaminoDb db, string slug) =>
        db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();
}

public sealed class SqliteAnalysisQueryTests() : AnalysisQueryTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresAnalysisQueryTests() : AnalysisQueryTests(Engine.Postgres);
