using System.Xml.Linq;

namespace Kamino.Import;

/// <summary>
/// Every document total of a UBL or CII invoice checked against its parts (the EN 16931 rules BR-CO-10 to BR-CO-16),
/// within <see cref="EInvoiceXml.TotalTolerance"/>. A total the file leaves out is not checked; one that does not add
/// up is a problem of the document, at its element. (Facturae: <see cref="FacturaeTotals"/>.)
/// </summary>
internal static class EInvoiceTotals
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    /// <summary>
    /// UBL <c>LegalMonetaryTotal</c>: line extension = Σ lines, allowance and charge totals = Σ document allowances and
    /// charges, tax exclusive = lines − allowances + charges, tax inclusive = tax exclusive + the tax total in the document
    /// currency (itself Σ its subtotals), payable = tax inclusive − prepaid + rounding.
    /// </summary>
    public static void Ubl(XElement root, XElement totals, decimal linesSum, string? currency, EInvoiceXml.Checker check)
    {
        var lineTotal = totals.Element(Cbc + "LineExtensionAmount");
        var lineTotalValue = check.RequiredDecimal(totals, lineTotal, "LineExtensionAmount");
        check.Total(lineTotal, lineTotalValue, linesSum, Said.Of("import.sum-lines"));

        var documentCharges = root.Elements(Cac + "AllowanceCharge").ToList();
        var allowances = Check(totals.Element(Cbc + "AllowanceTotalAmount"), Sum(documentCharges.Where(ac => !IsTrue(ac.Element(Cbc + "ChargeIndicator"))), Cbc + "Amount", check),
            Said.Of("import.sum-allowances"), check);
        var charges = Check(totals.Element(Cbc + "ChargeTotalAmount"), Sum(documentCharges.Where(ac => IsTrue(ac.Element(Cbc + "ChargeIndicator"))), Cbc + "Amount", check),
            Said.Of("import.sum-charges"), check);

        var taxExclusive = Check(totals.Element(Cbc + "TaxExclusiveAmount"), lineTotalValue - allowances + charges, Said.Of("import.sum-net"), check);

        // A document in one currency with VAT in another carries two TaxTotal: the one in the document's currency counts.
        var taxTotals = root.Elements(Cac + "TaxTotal").ToList();
        var taxTotal = taxTotals.FirstOrDefault(t => (string?)t.Element(Cbc + "TaxAmount")?.Attribute("currencyID") == currency) ?? taxTotals.FirstOrDefault();
        decimal? tax = null;
        if (taxTotal?.Element(Cbc + "TaxAmount") is { } taxAmount)
        {
            var subtotals = taxTotal.Elements(Cac + "TaxSubtotal").ToList();
            tax = Check(taxAmount, Sum(subtotals, Cbc + "TaxAmount", check), Said.Of("import.sum-tax-subtotals"), check);
        }

        var taxInclusive = Check(totals.Element(Cbc + "TaxInclusiveAmount"), taxExclusive + (tax ?? 0m), Said.Of("import.sum-tax-inclusive"), check);
        var prepaid = Number(totals.Element(Cbc + "PrepaidAmount"), check);
        var rounding = Number(totals.Element(Cbc + "PayableRoundingAmount"), check);
        Check(totals.Element(Cbc + "PayableAmount"), taxInclusive - prepaid + rounding, Said.Text("TaxInclusiveAmount − PrepaidAmount + PayableRoundingAmount"), check);
    }

    /// <summary>
    /// CII <c>SpecifiedTradeSettlementHeaderMonetarySummation</c>: line total = Σ lines, allowance and charge totals =
    /// Σ document allowances and charges (logistics service charges included), tax basis = lines − allowances + charges,
    /// tax total (in the invoice currency) = Σ the document's tax amounts, grand total = tax basis + tax total,
    /// due payable = grand total − prepaid + rounding.
    /// </summary>
    public static void Cii(XElement settlement, XElement totals, decimal linesSum, string? currency, EInvoiceXml.Checker check)
    {
        var lineTotal = totals.Element(Ram + "LineTotalAmount");
        var lineTotalValue = check.RequiredDecimal(totals, lineTotal, "LineTotalAmount");
        check.Total(lineTotal, lineTotalValue, linesSum, Said.Of("import.sum-lines"));

        var documentCharges = settlement.Elements(Ram + "SpecifiedTradeAllowanceCharge").ToList();
        var allowances = Check(totals.Element(Ram + "AllowanceTotalAmount"),
            Sum(documentCharges.Where(ac => !IsTrue(ac.Element(Ram + "ChargeIndicator")?.Element(Udt + "Indicator"))), Ram + "ActualAmount", check),
            Said.Of("import.sum-allowances"), check);
        var charges = Check(totals.Element(Ram + "ChargeTotalAmount"),
            Sum([.. documentCharges.Where(ac => IsTrue(ac.Element(Ram + "ChargeIndicator")?.Element(Udt + "Indicator"))), .. settlement.Elements(Ram + "SpecifiedLogisticsServiceCharge")],
                [Ram + "ActualAmount", Ram + "AppliedAmount"], check),
            Said.Of("import.sum-charges"), check);

        var taxBasis = Check(totals.Element(Ram + "TaxBasisTotalAmount"), lineTotalValue - allowances + charges, Said.Of("import.sum-net"), check);

        // The tax total may be given twice, in the invoice currency and in the VAT accounting currency: the first counts.
        var taxTotals = totals.Elements(Ram + "TaxTotalAmount").ToList();
        var taxTotal = taxTotals.FirstOrDefault(t => (string?)t.Attribute("currencyID") is null || (string?)t.Attribute("currencyID") == currency);
        var tax = Check(taxTotal, Sum(settlement.Elements(Ram + "ApplicableTradeTax"), Ram + "CalculatedAmount", check), Said.Of("import.sum-trade-taxes"), check);

        var grand = Check(totals.Element(Ram + "GrandTotalAmount"), taxBasis + tax, Said.Of("import.sum-grand-total"), check);
        var prepaid = Number(totals.Element(Ram + "TotalPrepaidAmount"), check);
        var rounding = Number(totals.Element(Ram + "RoundingAmount"), check);
        Check(totals.Element(Ram + "DuePayableAmount"), grand - prepaid + rounding, Said.Text("GrandTotalAmount − TotalPrepaidAmount + RoundingAmount"), check);
    }

    /// <summary>
    /// Checks a stated total (when the file gives it) against <paramref name="computed"/>; returns the stated value, or
    /// the computed one when the total is absent or unreadable, for the totals built on it.
    /// </summary>
    private static decimal Check(XElement? stated, decimal? computed, Said what, EInvoiceXml.Checker check)
    {
        if (stated is null)
        {
            return computed ?? 0m;
        }

        var value = check.Number(stated);
        if (computed is { } c)
        {
            check.Total(stated, value, c, what);
        }

        return value ?? computed ?? 0m;
    }

    // The sum of the parts' amounts; null when the file gives no part (then a stated total has nothing to be checked against).
    private static decimal? Sum(IEnumerable<XElement> parents, XName amount, EInvoiceXml.Checker check) => Sum(parents, [amount], check);

    private static decimal? Sum(IEnumerable<XElement> parents, XName[] amounts, EInvoiceXml.Checker check)
    {
        decimal? sum = null;
        foreach (var p in parents)
        {
            var a = amounts.Select(p.Element).FirstOrDefault(e => e is not null);
            sum = (sum ?? 0m) + (a is null ? 0m : check.Number(a) ?? 0m);
        }

        return sum;
    }

    private static decimal Number(XElement? element, EInvoiceXml.Checker check) => element is null ? 0m : check.Number(element) ?? 0m;

    private static bool IsTrue(XElement? indicator) => EInvoiceXml.Text(indicator) is "true" or "1";
}
