using System.Globalization;
using System.Xml.Linq;

namespace Kamino.Import;

/// <summary>
/// Reads a Spanish Facturae 3.2, 3.2.1 or 3.2.2 file, a single invoice or a batch (Modality L) of several:
/// one <see cref="SaleRow"/> per InvoiceLine of every invoice, net = the line's GrossAmount (after line
/// discounts and charges, before taxes). Corrective invoices carry their own negative amounts and are stored
/// as given. Spanish tax ids of resident parties must have a valid check digit.
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

        var batch = root.Element("FileHeader")?.Element("Batch");
        if (batch?.Element("InvoicesCount") is { } count && check.Number(count) is { } n && n != invoices.Count)
        {
            check.Fail(count, string.Create(CultureInfo.InvariantCulture, $"the batch says {n} invoices but the file holds {invoices.Count}"));
        }

        var rows = new List<SaleRow>();
        var batchTotal = 0m;
        foreach (var invoice in invoices)
        {
            batchTotal += ReadInvoice(invoice, seller, buyer, check, rows);
        }

        if (batch?.Element("TotalInvoicesAmount")?.Element("TotalAmount") is { } total)
        {
            check.Total(total, check.Number(total), batchTotal, "the sum of the invoice totals");
        }

        return check.Problems.Count > 0 ? [.. check.Problems] : [.. rows];
    }

    /// <summary>Adds the invoice's rows; returns its InvoiceTotal (0 when unreadable) for the batch check.</summary>
    private static decimal ReadInvoice(XElement invoice, (string? TaxId, string? Name) seller, (string? TaxId, string? Name) buyer, EInvoiceXml.Checker check, List<SaleRow> rows)
    {
        var header = invoice.Element("InvoiceHeader");
        var issue = invoice.Element("InvoiceIssueData");
        var totals = invoice.Element("InvoiceTotals");
        var items = invoice.Element("Items");
        if (header is null || issue is null || totals is null || items is null)
        {
            check.Missing(invoice, header is null ? "InvoiceHeader" : issue is null ? "InvoiceIssueData" : totals is null ? "InvoiceTotals" : "Items");
            return 0m;
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

        // TotalGrossAmount = Σ line GrossAmount; before taxes = gross − general discounts + general surcharges;
        // InvoiceTotal = before taxes + taxes output − taxes withheld.
        var grossTotal = totals.Element("TotalGrossAmount");
        var grossValue = check.RequiredDecimal(totals, grossTotal, "TotalGrossAmount");
        check.Total(grossTotal, grossValue, sum, "the sum of the line GrossAmount");
        var discounts = Optional(totals, "TotalGeneralDiscounts", check);
        var surcharges = Optional(totals, "TotalGeneralSurcharges", check);
        var beforeTaxes = totals.Element("TotalGrossAmountBeforeTaxes");
        var beforeValue = check.RequiredDecimal(totals, beforeTaxes, "TotalGrossAmountBeforeTaxes");
        if (grossValue is { } g)
        {
            check.Total(beforeTaxes, beforeValue, g - discounts + surcharges, "TotalGrossAmount − TotalGeneralDiscounts + TotalGeneralSurcharges");
        }

        var outputs = check.RequiredDecimal(totals, totals.Element("TotalTaxOutputs"), "TotalTaxOutputs");
        var withheld = check.RequiredDecimal(totals, totals.Element("TotalTaxesWithheld"), "TotalTaxesWithheld");
        var invoiceTotal = totals.Element("InvoiceTotal");
        var invoiceTotalValue = check.RequiredDecimal(totals, invoiceTotal, "InvoiceTotal");
        if (beforeValue is { } bt && outputs is { } o && withheld is { } w && invoiceTotalValue is { } it
            && Math.Abs(it - (bt + o)) > EInvoiceXml.TotalTolerance)
        {
            // The format says InvoiceTotal = before taxes + outputs − withheld; some issuers (the invopop samples)
            // leave withholdings to TotalExecutableAmount. Either reading is accepted.
            check.Total(invoiceTotal, it, bt + o - w, "TotalGrossAmountBeforeTaxes + TotalTaxOutputs (− TotalTaxesWithheld)");
        }

        return invoiceTotalValue ?? 0m;
    }

    private static decimal Optional(XElement parent, string name, EInvoiceXml.Checker check) =>
        parent.Element(name) is { } e ? check.Number(e) ?? 0m : 0m;

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
            check.Fail(taxIdElement!, $"'{taxId}' is not a valid Spanish tax id (wrong check digit or form)");
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
