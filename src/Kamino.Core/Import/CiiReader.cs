using System.Xml.Linq;

namespace Kamino.Import;

/// <summary>
/// Reads a UN/CEFACT Cross Industry Invoice (Factur-X / ZUGFeRD / XRechnung XML, any profile): one
/// <see cref="SaleRow"/> per IncludedSupplyChainTradeLineItem, net = its LineTotalAmount. Document type code
/// 381 (credit note) stores the lines with the opposite sign.
/// </summary>
public sealed class CiiReader(string path, string displayName) : ISalesSource
{
    public const string RsmNamespace = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

    private static readonly XNamespace Rsm = RsmNamespace;
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    public string FormatName => "cii";

    public IEnumerable<object> Read() => EInvoiceXml.Read(path, displayName, ReadDocument);

    private List<object> ReadDocument(XElement root)
    {
        var check = new EInvoiceXml.Checker(displayName);
        var header = root.Element(Rsm + "ExchangedDocument");
        var transaction = root.Element(Rsm + "SupplyChainTradeTransaction");
        if (header is null || transaction is null)
        {
            check.Missing(root, header is null ? "ExchangedDocument" : "SupplyChainTradeTransaction");
            return [.. check.Problems];
        }

        var number = check.RequiredText(header, header.Element(Ram + "ID"), "ID", 100);
        var typeCode = EInvoiceXml.Text(header.Element(Ram + "TypeCode"));
        var sign = typeCode == "381" ? -1m : 1m;
        var issue = header.Element(Ram + "IssueDateTime");
        var date = check.RequiredDate(issue ?? header, issue?.Element(Udt + "DateTimeString"), issue is null ? "IssueDateTime" : "DateTimeString", "yyyyMMdd");

        var agreement = transaction.Element(Ram + "ApplicableHeaderTradeAgreement");
        var settlement = transaction.Element(Ram + "ApplicableHeaderTradeSettlement");
        string? sellerTaxId = null, buyerTaxId = null, buyerId = null, buyerName = null, currency = null;
        var seller = agreement?.Element(Ram + "SellerTradeParty");
        var buyer = agreement?.Element(Ram + "BuyerTradeParty");
        if (seller is null || buyer is null)
        {
            check.Missing(agreement ?? transaction, agreement is null ? "ApplicableHeaderTradeAgreement" : seller is null ? "SellerTradeParty" : "BuyerTradeParty");
        }
        else
        {
            sellerTaxId = EInvoiceXml.NormaliseTaxId(check.OptionalText(TaxIdOf(seller), 40));
            buyerTaxId = EInvoiceXml.NormaliseTaxId(check.OptionalText(TaxIdOf(buyer), 40));
            buyerId = check.OptionalText(FirstText(buyer.Elements(Ram + "GlobalID")) ?? FirstText(buyer.Elements(Ram + "ID")), 40);
            buyerName = check.OptionalText(buyer.Element(Ram + "Name"), 300);
            if (buyerTaxId is null && buyerId is null && buyerName is null)
            {
                check.Fail(buyer, EInvoiceXml.NoBuyerIdentity);
            }
        }

        if (settlement is null)
        {
            check.Missing(transaction, "ApplicableHeaderTradeSettlement");
        }
        else
        {
            currency = check.Currency(settlement, settlement.Element(Ram + "InvoiceCurrencyCode"), "InvoiceCurrencyCode");
        }

        var lines = transaction.Elements(Ram + "IncludedSupplyChainTradeLineItem").ToList();
        if (lines.Count == 0 && LinelessProfile(root) is { } profile)
        {
            // Its totals have no lines to add up to: this one reason says it all.
            check.Fail(transaction, Said.Of("import.cii-no-lines", profile));
            return check.Result([]);
        }

        if (lines.Count == 0)
        {
            check.Missing(transaction, "IncludedSupplyChainTradeLineItem");
        }

        var rows = new List<SaleRow>();
        var sum = 0m;
        var position = 0;
        foreach (var line in lines)
        {
            position++;
            var id = EInvoiceXml.Text(line.Element(Ram + "AssociatedDocumentLineDocument")?.Element(Ram + "LineID"));
            var delivery = line.Element(Ram + "SpecifiedLineTradeDelivery");
            var quantity = check.RequiredDecimal(delivery ?? line, delivery?.Element(Ram + "BilledQuantity"), delivery is null ? "SpecifiedLineTradeDelivery" : "BilledQuantity");
            var summation = line.Element(Ram + "SpecifiedLineTradeSettlement")?.Element(Ram + "SpecifiedTradeSettlementLineMonetarySummation");
            var net = check.RequiredDecimal(summation ?? line, summation?.Element(Ram + "LineTotalAmount"), summation is null ? "SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation" : "LineTotalAmount");
            var netPrice = line.Element(Ram + "SpecifiedLineTradeAgreement")?.Element(Ram + "NetPriceProductTradePrice");
            var priceAmount = netPrice?.Element(Ram + "ChargeAmount") is { } pa ? check.Number(pa) : null;
            var basis = netPrice?.Element(Ram + "BasisQuantity") is { } bq ? check.Number(bq) : null;
            var product = line.Element(Ram + "SpecifiedTradeProduct");
            var sku = check.OptionalText(product?.Element(Ram + "SellerAssignedID") ?? product?.Element(Ram + "GlobalID"), 100);
            var productName = check.OptionalText(product?.Element(Ram + "Name"), 300);
            if (net is null || quantity is null)
            {
                continue;
            }

            sum += net.Value;
            if (check.Problems.Count == 0)
            {
                rows.Add(EInvoiceXml.Row(line, sellerTaxId, number!, id, position, date!.Value, (buyerTaxId, buyerId, buyerName), sku, productName,
                    sign * quantity.Value, EInvoiceXml.UnitPrice(priceAmount, basis), sign * net.Value, currency) with { ExchangeRate = Currencies.DocumentRates.Cii(settlement) });
            }
        }

        var totals = settlement?.Element(Ram + "SpecifiedTradeSettlementHeaderMonetarySummation");
        if (settlement is not null && totals is null)
        {
            check.Missing(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");
        }
        else if (totals is not null)
        {
            EInvoiceTotals.Cii(settlement!, totals, sum, currency, check);
        }

        return check.Result(rows);
    }

    // MINIMUM and BASIC WL carry document totals only; the profile is named by the guideline id (urn:factur-x.eu:1p0:minimum).
    private static string? LinelessProfile(XElement root)
    {
        var guideline = EInvoiceXml.Text(root.Element(Rsm + "ExchangedDocumentContext")?.Element(Ram + "GuidelineSpecifiedDocumentContextParameter")?.Element(Ram + "ID")) ?? "";
        return guideline.Contains("minimum", StringComparison.OrdinalIgnoreCase) ? "MINIMUM"
            : guideline.Contains("basicwl", StringComparison.OrdinalIgnoreCase) ? "BASIC WL"
            : null;
    }

    private static XElement? FirstText(IEnumerable<XElement> elements) => elements.FirstOrDefault(e => EInvoiceXml.Text(e) is not null);

    // The VAT number (schemeID VA) first, then the tax number (FC), then a legal registration id.
    private static XElement? TaxIdOf(XElement party)
    {
        var registrations = party.Elements(Ram + "SpecifiedTaxRegistration").Select(r => r.Element(Ram + "ID")).OfType<XElement>().ToList();
        return registrations.FirstOrDefault(e => (string?)e.Attribute("schemeID") == "VA")
            ?? registrations.FirstOrDefault(e => EInvoiceXml.Text(e) is not null)
            ?? party.Element(Ram + "SpecifiedLegalOrganization")?.Element(Ram + "ID");
    }
}
