using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kamino.Import;

/// <summary>
/// Reads a Spanish Facturae 3.2, 3.2.1 or 3.2.2 file, a single invoice or a batch (Modality L) of several:
/// one <see cref="SaleRow"/> per InvoiceLine of every invoice, net = the line's GrossAmount (after line
/// discounts and charges, before taxes). Corrective invoices carry their own negative amounts and are stored
/// as given. The Spanish tax id of a resident buyer must have a valid check digit; a resident seller's that has none is
/// a warning.
/// </summary>
public sealed class FacturaeReader(string path, string displayName) : ISalesSource
{
    /// <summary>Root namespaces of Facturae 3.2, 3.2.1 and 3.2.2; the child elements are unqualified.</summary>
    public static readonly IReadOnlySet<string> Namespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        "http://www.facturae.es/Facturae/2009/v3.2/Facturae",
        "http://www.facturae.es/Facturae/2014/v3.2.1/Facturae",
        "http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml",
    };

    /// <summary>
    /// Why a Facturae root in another namespace is refused, naming its version when the namespace shows it
    /// (<c>…/v3.1/Facturae</c>: "Facturae 3.1 is not supported (3.2, 3.2.1, 3.2.2 are)").
    /// </summary>
    public static Said UnsupportedVersion(string ns)
    {
        var version = Regex.Match(ns, @"v(\d+(?:[._]\d+)+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return version.Success ? Said.Of("import.facturae-version", version.Groups[1].Value.Replace('_', '.'))
            : ns.Length == 0 ? Said.Of("import.facturae-no-namespace") : Said.Of("import.facturae-namespace", ns);
    }

    private static readonly string[] PersonNameParts = ["Name", "FirstSurname", "SecondSurname"];

    public string FormatName => "facturae";

    public IEnumerable<object> Read() => EInvoiceXml.Read(path, displayName, ReadFile);

    private List<object> ReadFile(XElement root)
    {
        var check = new EInvoiceXml.Checker(displayName);
        var parties = root.Element("Parties");
        var invoicesElement = root.Element("Invoices");
        if (parties is null || invoicesElement is null)
        {
            check.Missing(root, parties is null ? "Parties" : "Invoices");
            return [.. check.Problems];
        }

        var seller = Party(parties, "SellerParty", check);
        var buyer = Party(parties, "BuyerParty", check);
        var invoices = invoicesElement.Elements("Invoice").ToList();
        if (invoices.Count == 0)
        {
            check.Missing(invoicesElement, "Invoice");
        }

        var rows = new List<SaleRow>();
        var amounts = invoices.Select(invoice => ReadInvoice(invoice, seller, buyer, check, rows)).ToList();
        if (root.Element("FileHeader")?.Element("Batch") is { } batch)
        {
            FacturaeTotals.CheckBatch(batch, amounts, check);
        }

        return check.Result(rows);
    }

    /// <summary>Adds the invoice's rows; returns its totals for the batch check.</summary>
    private static FacturaeTotals.Amounts ReadInvoice(XElement invoice, (string? TaxId, string? Name) seller, (string? TaxId, string? Name) buyer, EInvoiceXml.Checker check, List<SaleRow> rows)
    {
        var header = invoice.Element("InvoiceHeader");
        var issue = invoice.Element("InvoiceIssueData");
        var totals = invoice.Element("InvoiceTotals");
        var items = invoice.Element("Items");
        if (header is null || issue is null || totals is null || items is null)
        {
            check.Missing(invoice, header is null ? "InvoiceHeader" : issue is null ? "InvoiceIssueData" : totals is null ? "InvoiceTotals" : "Items");
            return default;
        }

        var number = check.RequiredText(header, header.Element("InvoiceNumber"), "InvoiceNumber", 60);
        var series = check.OptionalText(header.Element("InvoiceSeriesCode"), 30);
        var document = number is null ? null : series is null ? number : series + "/" + number;
        var date = check.RequiredDate(issue, issue.Element("IssueDate"), "IssueDate", "yyyy-MM-dd");
        var currency = check.Currency(issue, issue.Element("InvoiceCurrencyCode"), "InvoiceCurrencyCode");

        var lines = items.Elements("InvoiceLine").ToList();
        if (lines.Count == 0)
        {
            check.Missing(items, "InvoiceLine");
        }

        var sum = 0m;
        var position = 0;
        foreach (var line in lines)
        {
            position++;
            var sequence = EInvoiceXml.Text(line.Element("SequenceNumber"));
            var quantity = check.RequiredDecimal(line, line.Element("Quantity"), "Quantity");
            var unitPrice = check.RequiredDecimal(line, line.Element("UnitPriceWithoutTax"), "UnitPriceWithoutTax");
            var gross = check.RequiredDecimal(line, line.Element("GrossAmount"), "GrossAmount");
            var description = check.RequiredText(line, line.Element("ItemDescription"), "ItemDescription", 2500);
            var sku = check.OptionalText(line.Element("ArticleCode"), 100);
            if (quantity is null || unitPrice is null || gross is null)
            {
                continue;
            }

            sum += gross.Value;
            if (check.Problems.Count == 0 && document is not null && date is not null && (buyer.TaxId ?? buyer.Name) is not null)
            {
                rows.Add(EInvoiceXml.Row(line, seller.TaxId, document, sequence, position, date.Value, buyer.TaxId, buyer.Name, sku,
                    description is { Length: > 300 } ? description[..300] : description, quantity.Value, unitPrice.Value, gross.Value, currency) with { ExchangeRate = Currencies.DocumentRates.Facturae(issue, currency) });
            }
        }

        return FacturaeTotals.Check(invoice, totals, sum, check);
    }

    private static (string? TaxId, string? Name) Party(XElement parties, string role, EInvoiceXml.Checker check)
    {
        var party = parties.Element(role);
        if (party is null)
        {
            check.Missing(parties, role);
            return (null, null);
        }

        var taxIdentification = party.Element("TaxIdentification");
        var taxIdElement = taxIdentification?.Element("TaxIdentificationNumber");
        var taxId = EInvoiceXml.NormaliseTaxId(check.RequiredText(taxIdentification ?? party, taxIdElement, taxIdentification is null ? "TaxIdentification" : "TaxIdentificationNumber", 40));
        if (taxId is not null && EInvoiceXml.Text(taxIdentification!.Element("ResidenceTypeCode")) == "R" && !SpanishTaxId.IsValid(taxId))
        {
            // The buyer is the customer, so its id must be right; the seller's is only the issuer's (issue 18):
            // a typo there is worth knowing but no reason to refuse the sale.
            if (role == "SellerParty")
            {
                check.Warn(taxIdElement!, Said.Of("import.facturae-seller-tax-id", taxId), taxId);
            }
            else
            {
                check.Fail(taxIdElement!, Said.Of("import.facturae-tax-id", taxId));
            }
        }

        string? name;
        if (party.Element("LegalEntity") is { } entity)
        {
            name = check.RequiredText(entity, entity.Element("CorporateName"), "CorporateName", 300);
        }
        else if (party.Element("Individual") is { } person)
        {
            var parts = PersonNameParts.Select(n => EInvoiceXml.Text(person.Element(n))).OfType<string>();
            name = string.Join(' ', parts);
            name = name.Length == 0 ? null : name.Length > 300 ? name[..300] : name;
        }
        else
        {
            check.Missing(party, "LegalEntity");
            name = null;
        }

        return (taxId, name);
    }
}
