using Kamino.Import;
using Kamino.Workspaces;

namespace Kamino.Tests.Import;

/// <summary>
/// The e-invoice edge cases of issue 18, each a sample written for these tests (<c>EInvoiceSamples/</c>), through the
/// importer on a real database: unsupported Facturae versions and the CII MINIMUM profile named, a seller tax id with a
/// wrong check digit a warning, every total checked, buyers told by their ids. Run on SQLite and PostgreSQL by the
/// sealed subclasses at the end of the file.
/// </summary>
public abstract class EInvoiceEdgeCaseTests(Engine engine) : DatabaseTests(engine)
{
    private const string Workspace = "acme";

    public static string Sample(string name) => Path.Combine(RepoPaths.Root, "tests", "Kamino.Tests", "Import", "EInvoiceSamples", name);

    private Task<ImportResult> ImportAsync(string sample) =>
        new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, Sample(sample)));

    [Fact]
    public async Task ImportAsync_Facturae31_RejectedNamingTheVersion()
    {
        var result = await ImportAsync("facturae-3.1.xml");

        Assert.False(result.Imported);
        Assert.Equal("facturae", result.Format);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemKind.File, problem.Kind);
        Assert.StartsWith("facturae-3.1.xml: Facturae 3.1 is not supported (3.2, 3.2.1, 3.2.2 are)", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_CiiMinimumProfile_RejectedSayingItCarriesNoLines()
    {
        var result = await ImportAsync("cii-minimum-profile.xml");

        Assert.False(result.Imported);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemKind.Invoice, problem.Kind);
        Assert.Contains("MINIMUM profile, which carries no invoice lines, so it cannot give revenue per customer", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("required element is missing", problem.Reason, StringComparison.Ordinal);
        Assert.True(problem.Line > 1);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Theory]
    [InlineData("facturae-seller-check-digit.xml", "B28015866")]
    [InlineData("../../../../../shared/data/einvoices/facturae/viewer__Facturae-3.2.2-nif-invalido.xml", "B28015866")]
    public async Task ImportAsync_SellerTaxIdWithWrongCheckDigit_ImportedWithAWarning(string sample, string seller)
    {
        var result = await ImportAsync(sample);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(0, result.ProblemCount);
        Assert.Equal(1, result.WarningCount);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith(Path.GetFileName(sample) + ":", warning.ToString(), StringComparison.Ordinal);
        Assert.Contains($"/Facturae/Parties/SellerParty/TaxIdentification/TaxIdentificationNumber: the seller's tax id '{seller}' is not a valid Spanish tax id", warning.Reason, StringComparison.Ordinal);
        Assert.True(warning.Line > 1);
        await using var db = Db();
        Assert.Equal([seller], await db.SaleLines.Select(s => s.IssuerTaxId).Distinct().ToListAsync());
    }

    [Fact]
    public async Task ImportAsync_SellerWithWrongCheckDigitNotTheWorkspaces_RejectedAsAPurchase_WithoutTheWarning()
    {
        await OwnTaxIds.SetAsync(Test.Database, Workspace, ["B28015865"], TimeProvider.System);

        var result = await ImportAsync("facturae-seller-check-digit.xml");

        Assert.False(result.Imported);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemKind.Seller, problem.Kind);
        Assert.Contains("seller B28015866 is not one of this workspace's tax ids (B28015865): probably a purchase invoice", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, result.WarningCount);
        await using var db = Db();
        Assert.Equal(0, await db.SaleLines.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_SellerWithWrongCheckDigitThatIsTheWorkspaces_ImportedWithTheWarning()
    {
        await OwnTaxIds.SetAsync(Test.Database, Workspace, ["B28015866"], TimeProvider.System);

        var result = await ImportAsync("facturae-seller-check-digit.xml");

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(1, result.WarningCount);
    }

    /// <summary>Samples whose one wrong total must be named: the element's path and what it should add up to.</summary>
    public static TheoryData<string, string, string> WrongTotals => new()
    {
        { "facturae-batch-executable-mismatch.xml", "/Facturae/FileHeader/Batch/TotalExecutableAmount/TotalAmount", "total 300.00 does not match the sum of the invoices' TotalExecutableAmount (484.00)" },
        { "ubl-payable-mismatch.xml", "/Invoice/LegalMonetaryTotal/PayableAmount", "total 130.00 does not match TaxInclusiveAmount − PrepaidAmount + PayableRoundingAmount (121.00)" },
        { "ubl-allowance-total-mismatch.xml", "/Invoice/LegalMonetaryTotal/AllowanceTotalAmount", "total 10.00 does not match the sum of the document allowances (5.00)" },
        { "cii-grand-total-mismatch.xml", "/CrossIndustryInvoice/SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/SpecifiedTradeSettlementHeaderMonetarySummation/GrandTotalAmount", "total 125.00 does not match TaxBasisTotalAmount plus TaxTotalAmount (121.00)" },
    };

    [Theory]
    [MemberData(nameof(WrongTotals))]
    public async Task ImportAsync_ATotalThatDoesNotAddUp_RejectedNamingIt(string sample, string path, string reason)
    {
        var result = await ImportAsync(sample);

        Assert.False(result.Imported);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemKind.Invoice, problem.Kind);
        Assert.Equal($"{path}: {reason}", problem.Reason);
        Assert.True(problem.Line > 1);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_FacturaeBatchWhoseTotalsAddUp_AddsBothInvoices()
    {
        var result = await ImportAsync("facturae-batch-valid.xml");

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal((2, 0), (result.LinesAdded, result.WarningCount));
        await using var db = Db();
        Assert.Equal(40000L, await db.SaleLines.SumAsync(s => s.NetCents));
    }

    [Fact]
    public async Task ImportAsync_CiiBuyers_ToldByTaxRegistrationThenGlobalOrPartyIdThenName()
    {
        foreach (var sample in new[] { "cii-buyer-global-id.xml", "cii-buyer-renamed.xml", "cii-buyer-same-name-other-id.xml", "cii-buyer-tax-and-global-id.xml" })
        {
            var result = await ImportAsync(sample);
            Assert.True(result.Imported, string.Join('\n', result.Problems));
        }

        // The renamed buyer (same global id) stays one customer under its first name; a namesake with its own id is another;
        // a VAT registration wins over the global id. Ids that are not tax ids are not stored as one.
        Assert.Equal(
            [("8412345000011", "Talleres Norte", null, 2), ("CLI-9", "Talleres Norte", null, 1), ("ESB12345674", "Talleres Norte", "ESB12345674", 1)],
            await CustomersAsync());
    }

    [Fact]
    public async Task ImportAsync_UblBuyers_ToldByPartyIdBeforeName()
    {
        foreach (var sample in new[] { "ubl-buyer-party-id.xml", "ubl-buyer-renamed.xml", "ubl-buyer-same-name-other-id.xml" })
        {
            var result = await ImportAsync(sample);
            Assert.True(result.Imported, string.Join('\n', result.Problems));
        }

        Assert.Equal([("8412345000028", "Pizzeria Roma", null, 2), ("8412345000035", "Pizzeria Roma", null, 1)], await CustomersAsync());
    }

    private async Task<List<(string Key, string Name, string? TaxId, int Lines)>> CustomersAsync()
    {
        await using var db = Db();
        var customers = await db.Customers.Select(c => new { c.Id, c.Key, c.Name, c.TaxId }).ToListAsync();
        var lines = await db.SaleLines.Select(s => s.CustomerId).ToListAsync();
        return [.. customers.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Name, c.TaxId, lines.Count(l => l == c.Id)))];
    }
}

public sealed class SqliteEInvoiceEdgeCaseTests() : EInvoiceEdgeCaseTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresEInvoiceEdgeCaseTests() : EInvoiceEdgeCaseTests(Engine.Postgres);

/// <summary>The reason a Facturae root in another namespace gives: its version when the namespace shows one.</summary>
public sealed class FacturaeVersionTests
{
    [Theory]
    [InlineData("http://www.facturae.es/Facturae/2007/v3.1/Facturae", "Facturae 3.1 is not supported (3.2, 3.2.1, 3.2.2 are)")]
    [InlineData("http://www.facturae.es/Facturae/2007/v3.0/Facturae", "Facturae 3.0 is not supported (3.2, 3.2.1, 3.2.2 are)")]
    [InlineData("http://www.facturae.gob.es/formato/Versiones/Facturaev3_3.xml", "Facturae 3.3 is not supported (3.2, 3.2.1, 3.2.2 are)")]
    [InlineData("", "Facturae without a namespace is not supported (3.2, 3.2.1, 3.2.2 are)")]
    [InlineData("urn:example:facturae", "this Facturae version (namespace urn:example:facturae) is not supported (3.2, 3.2.1, 3.2.2 are)")]
    public void UnsupportedVersion_NamesTheVersion(string ns, string reason) =>
        Assert.StartsWith(reason, FacturaeReader.UnsupportedVersion(ns).ToString(), StringComparison.Ordinal);
}
