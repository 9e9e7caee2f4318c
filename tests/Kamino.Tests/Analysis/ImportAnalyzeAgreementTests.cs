using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kamino.Analysis;
using Kamino.Import;

namespace Kamino.Tests.Analysis;

/// <summary>
/// <c>kamino import</c> and <c>kamino analyze</c> read a CSV with the same reader and rules: on generated files of
/// any dialect, encoding, line end and size (small ones read in one part, larger ones in parallel parts), every
/// customer gets the same key, name and total in the database as in the file analysis.
/// </summary>
public abstract class ImportAnalyzeAgreementTests(Engine engine) : DatabaseTests(engine)
{
    private static Gen<string> GeneratorArguments() =>
        from seed in Gen.Choose(1, 100_000)
        from lines in Gen.Elements(40, 700, 3000, 160_000)
        from customers in Gen.Choose(3, 400)
        from es in Gen.Elements(false, true)
        from cp1252 in Gen.Elements(false, true)
        from crlf in Gen.Elements(false, true)
        from bom in Gen.Elements(false, true)
        from returns in Gen.Elements(0, 5, 40)
        select $"--lines {lines} --customers {customers} --seed {seed} --returns-pct {returns}"
            + (es ? " --dialect es" : "") + (cp1252 ? " --encoding cp1252" : bom ? " --bom" : "") + (crlf ? " --eol crlf" : "");

    private int workspaces;

    [Property(MaxTest = 6)]
    public Property ImportAndAnalyze_GeneratedFile_SameTotalPerCustomer() =>
        Prop.ForAll(GeneratorArguments().ToArbitrary(), arguments => Agree(arguments).GetAwaiter().GetResult());

    private async Task Agree(string arguments)
    {
        var sales = await SalesGenerator.GetAsync(arguments);
        var workspace = $"agree{++workspaces}";

        var imported = await new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(workspace, sales.Path));
        var analyzed = SalesFileAnalysis.Read([new ImportInput(sales.Path, Path.GetFileName(sales.Path))]);

        Assert.True(imported.Imported, string.Join('\n', imported.Problems));
        Assert.False(analyzed.Rejected, string.Join('\n', analyzed.Problems));
        await using var db = Db();
        var id = await db.Workspaces.Where(w => w.Slug == workspace).Select(w => w.Id).SingleAsync();
        var cents = await db.SaleLines.Where(l => l.WorkspaceId == id).GroupBy(l => l.CustomerId)
            .Select(g => new { g.Key, Cents = g.Sum(l => l.NetCents) }).ToDictionaryAsync(g => g.Key, g => g.Cents);
        var inDatabase = (await db.Customers.Where(c => c.WorkspaceId == id).ToListAsync())
            .Select(c => (c.Key, c.Name, Revenue: cents[c.Id] / 100m)).OrderBy(c => c.Key, StringComparer.Ordinal);
        var inFile = analyzed.Aggregate.Revenues(null).Select(r => (r.Key, r.Name, r.Revenue)).OrderBy(c => c.Key, StringComparer.Ordinal);
        Assert.Equal(inDatabase, inFile);
        Assert.Equal(sales.Summary.CustomersActive, inFile.Count());
        Assert.Equal(sales.Summary.TotalRevenue, inFile.Sum(c => c.Revenue));
    }
}

public sealed class SqliteImportAnalyzeAgreementTests() : ImportAnalyzeAgreementTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresImportAnalyzeAgreementTests() : ImportAnalyzeAgreementTests(Engine.Postgres);
