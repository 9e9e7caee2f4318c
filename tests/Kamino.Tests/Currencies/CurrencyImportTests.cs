using Kamino.Analysis;
using Kamino.Currencies;
using Kamino.Import;
using Kamino.Workspaces;

namespace Kamino.Tests.Currencies;

/// <summary>
/// Lines in other currencies imported into a euro workspace: converted with their document's rate or the workspace's
/// rate table, original amount and currency kept; lines without a rate refused once per file; the workspace's currency
/// never taken from a file. On SQLite and PostgreSQL (sealed subclasses at the end of the file).
/// </summary>
public abstract class CurrencyImportTests(Engine engine) : DatabaseTests(engine)
{
    private const string Workspace = "acme";

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        await NewWorkspace.CreateAsync(db, Workspace, "Acme", "EUR", System.Globalization.CultureInfo.InvariantCulture, TimeProvider.System);
    }

    private Task<ImportResult> ImportAsync(string path, string workspace = Workspace) =>
        new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(workspace, path));

    private async Task<int> WorkspaceIdAsync(string slug = Workspace)
    {
        await using var db = Db();
        return await db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();
    }

    private async Task<RatesImportResult> ImportRatesAsync(string text)
    {
        await using var db = Db();
        return (await ExchangeRates.ImportAsync(db, await WorkspaceIdAsync(), text, null, TimeProvider.System))!;
    }

    [Fact]
    public async Task Import_FolderInSeveralCurrencies_WithRates_StoresEuros_AndKeepsTheOriginals()
    {
        Assert.True((await ImportRatesAsync(CurrencySamples.RatesTable)).Stored);
        var folder = CurrencySamples.WriteFolder(Path.Combine(Folder.Path, "inbox"));

        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var result = await ImportAsync(file);
            Assert.True(result.Imported, string.Join('\n', result.Problems));
        }

        await using var db = Db();
        var lines = await db.SaleLines.OrderBy(l => l.DocumentNumber).ThenBy(l => l.LineNumber)
            .Select(l => new { l.DocumentNumber, l.NetCents, l.Currency, l.OriginalNetCents, l.OriginalCurrency }).ToListAsync();
        Assert.All(lines, l => Assert.Equal("EUR", l.Currency));
        Assert.Equal(CurrencySamples.TotalEuroCents, lines.Sum(l => l.NetCents));
        Assert.Equal(
            [
                ("C-1", 20000L, (long?)null, (string?)null), ("C-2", 10000L, 11000L, "USD"), ("C-3", 10000L, 12500L, "USD"),
                ("UK-3", 6000L, 5000L, "GBP"), ("US-7", 9000L, 10000L, "USD"), ("US-7", 3002L, 3335L, "USD"), ("X/0099", 8000L, 10000L, "USD"),
            ],
            lines.Select(l => (l.DocumentNumber, l.NetCents, l.OriginalNetCents, l.OriginalCurrency)));

        var report = (await ParetoQuery.RunAsync(db, await WorkspaceIdAsync(), new ParetoRequest(All: true)))!;
        Assert.Equal(("EUR", CurrencySamples.TotalEuroCents / 100m, CurrencySamples.ConvertedLines), (report.Currency, report.TotalRevenue, report.ConvertedLines));

        // March against February: the comparison counts the converted lines of either month (the USD one of 15 Feb
        // and the five of March); the what-if over March, only March's.
        var ws = await WorkspaceIdAsync();
        var march = new DateOnly(2026, 3, 1);
        var compare = (await AnalysisQueries.CompareAsync(db, ws, new CompareRequest(march, march.AddMonths(1).AddDays(-1), march.AddMonths(-1), march.AddDays(-1))))!;
        Assert.Equal(("EUR", CurrencySamples.ConvertedLines), (compare.Currency, compare.ConvertedLines));
        var deli = await db.Customers.Where(c => c.WorkspaceId == ws && c.Name == "NY Deli").Select(c => c.Key).FirstAsync();
        var whatIf = (await AnalysisQueries.WhatIfAsync(db, ws, deli, new ParetoRequest(march, march.AddMonths(1).AddDays(-1)))).Report;
        Assert.Equal(CurrencySamples.ConvertedLines - 1, whatIf?.ConvertedLines);
        Assert.Equal("EUR", await db.Workspaces.Where(w => w.Slug == Workspace).Select(w => w.Currency).SingleAsync());
    }

    [Fact]
    public async Task Import_LinesWithoutARate_RejectedOncePerFile_WithTheCountAndTheCommand_NothingStored()
    {
        var csv = Folder.Write("usd.csv", "invoice,date,customer,amount,currency\n" +
            string.Concat(Enumerable.Range(1, 40).Select(i => $"U-{i},2026-02-{i % 28 + 1:00},NY Deli,10.00,USD\n")) + "G-1,2026-02-01,Soho Ltd,5.00,GBP\nE-1,2026-02-01,Roma,5.00,EUR\n");

        var result = await ImportAsync(csv);

        Assert.False(result.Imported);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemKind.Currency, problem.Kind);
        Assert.Equal(2, problem.Line);
        Assert.Contains("41 lines in another currency than EUR", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("GBP (1 line from 2026-02-01), USD (40 lines from 2026-02-01)", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("kamino rates import FILE --workspace acme", problem.Reason, StringComparison.Ordinal);
        await using var db = Db();
        Assert.Equal(0, await db.SaleLines.CountAsync());
    }

    [Fact]
    public async Task Import_LineBeforeTheFirstRate_HasNoRate()
    {
        await ImportRatesAsync(CurrencySamples.RatesTable);

        var result = await ImportAsync(Folder.Write("old.csv", "invoice,date,customer,amount,currency\nO-1,2025-12-31,NY Deli,10.00,USD\nO-2,2026-01-01,NY Deli,11.00,USD\n"));

        Assert.False(result.Imported);
        Assert.Contains("1 line in another currency than EUR", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FirstFileOfANewWorkspace_DoesNotSetItsCurrency()
    {
        var result = await ImportAsync(Folder.Write("gbp.csv", "invoice,date,customer,amount,currency\nG-1,2026-02-01,Soho Ltd,5.00,GBP\n"), "fresh");

        Assert.False(result.Imported);
        Assert.Contains("another currency than EUR", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
        await using var db = Db();
        Assert.False(await db.Workspaces.AnyAsync(w => w.Slug == "fresh" && w.Currency == "GBP"));
    }

    [Fact]
    public async Task ImportRates_Again_ReplacesChangedRates_AddsNew_AndIsAudited()
    {
        await ImportRatesAsync(CurrencySamples.RatesTable);

        var second = await ImportRatesAsync("date,currency,rate\n2026-01-01,USD,1.10\n2026-03-01,USD,1.30\n2026-03-01,GBP,0.85\n");

        Assert.Equal((1, 1, 1), (second.Added, second.Changed, second.Unchanged));
        await using var db = Db();
        var list = (await ExchangeRates.ListAsync(db, await WorkspaceIdAsync(), null, 10))!;
        Assert.Equal("EUR", list.ReportingCurrency);
        Assert.Equal([("GBP", 1, 0.85m), ("USD", 2, 1.3m)], list.Currencies.Select(c => (c.Currency, c.Rates, c.LatestRate)));
        Assert.Equal(3, list.RatesTotal);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Entity == "rates"));
    }

    [Fact]
    public async Task ChangingTheReportingCurrency_RemovesTheRatesOfTheOldOne()
    {
        await ImportRatesAsync(CurrencySamples.RatesTable);

        await using var db = Db();
        var (profile, problems) = await WorkspaceProfile.SetAsync(db, await WorkspaceIdAsync(), new WorkspaceProfileChange(Currency: "USD"), null, TimeProvider.System);

        Assert.Empty(problems);
        Assert.Equal("USD", profile!.Currency);
        Assert.Equal(0, await db.ExchangeRates.CountAsync());
    }

    [Fact]
    public async Task ImportRates_BadFile_StoresNothing()
    {
        var result = await ImportRatesAsync("date,currency,rate\n2026-01-01,USD,1.10\n2026-01-02,USD,abc\n");

        Assert.False(result.Stored);
        await using var db = Db();
        Assert.Equal(0, await db.ExchangeRates.CountAsync());
    }
}

public sealed class SqliteCurrencyImportTests() : CurrencyImportTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresCurrencyImportTests() : CurrencyImportTests(Engine.Postgres);
