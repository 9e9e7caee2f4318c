using System.Xml.Linq;

namespace Kamino.Import;

/// <summary>
/// Reads a UBL 2.1 (Peppol BIS Billing 3.0, EN 16931) Invoice or CreditNote: one <see cref="SaleRow"/> per
/// InvoiceLine/CreditNoteLine, net = the line's LineExtensionAmount (after line allowances and charges).
/// A CreditNote's lines are stored with the opposite sign, so a credited line is negative revenue.
/// </summary>
public sealed class UblReader(string path, string displayName) : ISalesSource
{
    public const string InvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public const string CreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public string FormatName => "ubl";

    public IEnumerable<object> Read() => EInvoiceXml.Read(path, displayName, ReadDocument);

    private List<object> ReadDocument(XElement root)
    {
        var check = new EInvoiceXml.Checker(displayName);
        var credit = root.Name.LocalName == "CreditNote";
        var sign = credit ? -1m : 1m;
        var number = check.RequiredText(root, root.Element(Cbc + "ID"), "ID", 100);
        var date = check.RequiredDate(root, root.Element(Cbc + "IssueDate"), "IssueDate", "yyyy-MM-dd");
        var currency = check.Currency(root, root.Element(Cbc + "DocumentCurrencyCode"), "DocumentCurrencyCode");

        var seller = root.Element(Cac + "AccountingSupplierParty")?.Element(Cac + "Party");
        var buyer = root.Element(Cac + "AccountingCustomerParty")?.Element(Cac + "Party");
        string? sellerTaxId = null, buyerTaxId = null, buyerId = null, buyerName = null;
        if (seller is null)
        {
            check.Missing(root, "AccountingSupplierParty/Party");
        }
        else
        {
            sellerTaxId = EInvoiceXml.NormaliseTaxId(check.OptionalText(TaxIdOf(seller), 40));
        }

        if (buyer is null)
        {
            check.Missing(root, "AccountingCustomerParty/Party");
        }
        else
        {
            buyerTaxId = EInvoiceXml.NormaliseTaxId(check.OptionalText(TaxIdOf(buyer), 40));
            buyerId = check.OptionalText(buyer.Elements(Cac + "PartyIdentification").Select(p => p.Element(Cbc + "ID")).FirstOrDefault(e => EInvoiceXml.Text(e) is not null), 40);
            buyerName = check.OptionalText(buyer.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "RegistrationName") ?? buyer.Element(Cac + "PartyName")?.Element(Cbc + "Name"), 300);
            if (buyerTaxId is null && buyerId is null && buyerName is null)
            {
                check.Fail(buyer, EInvoiceXml.NoBuyerIdentity);
            }
        }

        var lineName = credit ? "CreditNoteLine" : "InvoiceLine";
        var quantityName = credit ? "CreditedQuantity" : "InvoicedQuantity";
        var lines = root.Elements(Cac + lineName).ToList();
        if (lines.Count == 0)
        {
            check.Missing(root, lineName);
        }

        var rows = new List<SaleRow>();
        var sum = 0m;
        var position = 0;
        foreach (var line in lines)
        {
            position++;
            var id = check.RequiredText(line, line.Element(Cbc + "ID"), "ID", 100);
            var quantity = check.RequiredDecimal(line, line.Element(Cbc + quantityName), quantityName);
            var net = check.RequiredDecimal(line, line.Element(Cbc + "LineExtensionAmount"), "LineExtensionAmount");
            var price = line.Element(Cac + "Price");
            var priceAmount = price is null ? null : check.RequiredDecimal(price, price.Element(Cbc + "PriceAmount"), "PriceAmount");
            var baseQuantity = price?.Element(Cbc + "BaseQuantity") is { } bq ? check.Number(bq) : null;
            var item = line.Element(Cac + "Item");
            var sku = check.OptionalText(item?.Element(Cac + "SellersItemIdentification")?.Element(Cbc + "ID") ?? item?.Element(Cac + "StandardItemIdentification")?.Element(Cbc + "ID"), 100);
            var productName = check.OptionalText(item?.Element(Cbc + "Name"), 300);
            if (net is null || quantity is null)
            {
                continue;
            }

            sum += net.Value;
            if (check.Problems.Count == 0)
            {
                rows.Add(EInvoiceXml.Row(line, sellerTaxId, number!, id, position, date!.Value, (buyerTaxId, buyerId, buyerName), sku, productName,
                    sign * quantity.Value, EInvoiceXml.UnitPrice(priceAmount, baseQuantity), sign * net.Value, currency) with { ExchangeRate = Currencies.DocumentRates.Ubl(root) });
            }
        }

        var totals = root.Element(Cac + "LegalMonetaryTotal");
        if (totals is null)
        {
            check.Missing(root, "LegalMonetaryTotal");
        }
        else
        {
            EInvoiceTotals.Ubl(root, totals, sum, currency, check);
        }

        return check.Result(rows);
    }

    private static XElement? TaxIdOf(XElement party) =>
        party.Elements(Cac + "PartyTaxScheme").Select(s => s.Element(Cbc + "CompanyID")).FirstOrDefault(e => EInvoiceXml.Text(e) is not null)
        ?? party.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "CompanyID");
}
