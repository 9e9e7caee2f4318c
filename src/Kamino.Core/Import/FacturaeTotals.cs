using System.Xml.Linq;

namespace Kamino.Import;

/// <summary>
/// Every total of a Facturae file checked against its parts (the formulas the Facturae schema states), within
/// <see cref="EInvoiceXml.TotalTolerance"/>: an invoice's <c>InvoiceTotals</c> and tax sums, and a batch's totals
/// against its invoices. A total that does not add up is a problem of the document.
/// </summary>
internal static class FacturaeTotals
{
    /// <summary>The totals of one invoice that a batch adds up (0 where unreadable: the invoice's own problem says why).</summary>
    public readonly record struct Amounts(decimal InvoiceTotal, decimal Outstanding, decimal Executable);

    /// <summary>Checks the invoice's totals; <paramref name="linesGross"/> is the sum of its lines' GrossAmount.</summary>
    public static Amounts Check(XElement invoice, XElement totals, decimal linesGross, EInvoiceXml.Checker check)
    {
        // TotalGrossAmount = Σ line GrossAmount; before taxes = gross − general discounts + general surcharges.
        var grossTotal = totals.Element("TotalGrossAmount");
        var grossValue = check.RequiredDecimal(totals, grossTotal, "TotalGrossAmount");
        check.Total(grossTotal, grossValue, linesGross, Said.Of("import.sum-line-gross"));
        var discounts = Stated(totals, "TotalGeneralDiscounts", Sum(totals.Element("GeneralDiscounts"), "Discount", "DiscountAmount", check), Said.Of("import.sum-of", "GeneralDiscounts"), check);
        var surcharges = Stated(totals, "TotalGeneralSurcharges", Sum(totals.Element("GeneralSurcharges"), "Charge", "ChargeAmount", check), Said.Of("import.sum-of", "GeneralSurcharges"), check);
        var beforeTaxes = totals.Element("TotalGrossAmountBeforeTaxes");
        var beforeValue = check.RequiredDecimal(totals, beforeTaxes, "TotalGrossAmountBeforeTaxes");
        if (grossValue is { } g)
        {
            check.Total(beforeTaxes, beforeValue, g - discounts + surcharges, Said.Text("TotalGrossAmount − TotalGeneralDiscounts + TotalGeneralSurcharges"));
        }

        // The taxes of the invoice (not those repeated on each line) add up to its tax totals.
        var outputsElement = totals.Element("TotalTaxOutputs");
        var outputs = check.RequiredDecimal(totals, outputsElement, "TotalTaxOutputs");
        if (invoice.Element("TaxesOutputs") is { } taxesOutputs)
        {
            check.Total(outputsElement, outputs, (Sum(taxesOutputs, "Tax", "TaxAmount", check) ?? 0m) + (Sum(taxesOutputs, "Tax", "EquivalenceSurchargeAmount", check) ?? 0m),
                Said.Of("import.sum-taxes-outputs"));
        }

        var withheldElement = totals.Element("TotalTaxesWithheld");
        var withheld = check.RequiredDecimal(totals, withheldElement, "TotalTaxesWithheld");
        if (invoice.Element("TaxesWithheld") is { } taxesWithheld)
        {
            check.Total(withheldElement, withheld, Sum(taxesWithheld, "Tax", "TaxAmount", check) ?? 0m, Said.Of("import.sum-taxes-withheld"));
        }

        // InvoiceTotal = before taxes + taxes output − taxes withheld. Some issuers (the invopop samples) leave the
        // withholding out of InvoiceTotal and take it off the outstanding amount instead: either reading is accepted.
        var invoiceTotal = totals.Element("InvoiceTotal");
        var invoiceTotalValue = check.RequiredDecimal(totals, invoiceTotal, "InvoiceTotal");
        var due = invoiceTotalValue ?? 0m;
        if (beforeValue is { } bt && outputs is { } o && withheld is { } w && invoiceTotalValue is { } it)
        {
            if (Math.Abs(it - (bt + o)) > EInvoiceXml.TotalTolerance)
            {
                check.Total(invoiceTotal, it, bt + o - w, Said.Text("TotalGrossAmountBeforeTaxes + TotalTaxOutputs (− TotalTaxesWithheld)"));
            }
            else
            {
                due = it - w;
            }
        }

        // TotalOutstandingAmount = InvoiceTotal − subsidies − payments on account.
        var subsidies = Sum(totals.Element("Subsidies"), "Subsidy", "SubsidyAmount", check) ?? 0m;
        var onAccount = Stated(totals, "TotalPaymentsOnAccount", Sum(totals.Element("PaymentsOnAccount"), "PaymentOnAccount", "PaymentOnAccountAmount", check),
            Said.Of("import.sum-of", "PaymentsOnAccount"), check);
        // Both are required by the schema but add nothing to revenue: checked when given, computed for the batch when not.
        var outstanding = Stated(totals, "TotalOutstandingAmount", invoiceTotalValue is null ? null : due - subsidies - onAccount,
            Said.Of("import.sum-outstanding"), check);

        // TotalExecutableAmount = outstanding − amounts withheld − payment in kind + reimbursable + financial expenses.
        var amountsWithheld = Amount(totals.Element("AmountsWithheld"), "WithholdingAmount", check);
        var inKind = Amount(totals.Element("PaymentInKind"), "PaymentInKindAmount", check);
        var reimbursable = Stated(totals, "TotalReimbursableExpenses", Sum(totals.Element("ReimbursableExpenses"), "ReimbursableExpenses", "ReimbursableExpensesAmount", check),
            Said.Of("import.sum-of", "ReimbursableExpenses"), check);
        var financial = totals.Element("TotalFinancialExpenses") is { } f ? check.Number(f) ?? 0m : 0m;
        var executable = Stated(totals, "TotalExecutableAmount", outstanding - amountsWithheld - inKind + reimbursable + financial,
            Said.Text("TotalOutstandingAmount − AmountsWithheld − PaymentInKind + TotalReimbursableExpenses + TotalFinancialExpenses"), check);

        return new Amounts(invoiceTotalValue ?? 0m, outstanding, executable);
    }

    /// <summary>A batch's <c>InvoicesCount</c> and totals against the invoices of the file.</summary>
    public static void CheckBatch(XElement batch, IReadOnlyList<Amounts> invoices, EInvoiceXml.Checker check)
    {
        if (batch.Element("InvoicesCount") is { } count && check.Number(count) is { } n && n != invoices.Count)
        {
            check.Fail(count, Said.Of("import.facturae-batch-count", n, invoices.Count));
        }

        Batch(batch, "TotalInvoicesAmount", invoices.Sum(i => i.InvoiceTotal), Said.Of("import.sum-of-invoices", "InvoiceTotal"), check);
        Batch(batch, "TotalOutstandingAmount", invoices.Sum(i => i.Outstanding), Said.Of("import.sum-of-invoices", "TotalOutstandingAmount"), check);
        Batch(batch, "TotalExecutableAmount", invoices.Sum(i => i.Executable), Said.Of("import.sum-of-invoices", "TotalExecutableAmount"), check);
    }

    private static void Batch(XElement batch, string name, decimal computed, Said what, EInvoiceXml.Checker check)
    {
        if (batch.Element(name)?.Element("TotalAmount") is { } total)
        {
            check.Total(total, check.Number(total), computed, what);
        }
    }

    // A stated sum when the file gives it (checked against its parts when those are given too), else the parts' sum.
    private static decimal Stated(XElement totals, string name, decimal? parts, Said what, EInvoiceXml.Checker check)
    {
        if (totals.Element(name) is not { } element)
        {
            return parts ?? 0m;
        }

        var value = check.Number(element);
        if (parts is { } p)
        {
            check.Total(element, value, p, what);
        }

        return value ?? 0m;
    }

    // The sum of each child's amount (an amount is a number, or a TotalAmount inside it); null when there is no parent.
    private static decimal? Sum(XElement? parent, string child, string amount, EInvoiceXml.Checker check) =>
        parent?.Elements(child).Sum(c => Amount(c, amount, check));

    private static decimal Amount(XElement? parent, string amount, EInvoiceXml.Checker check)
    {
        if (parent?.Element(amount) is not { } element)
        {
            return 0m;
        }

        var value = element.Element("TotalAmount") ?? element;
        return check.Number(value) ?? 0m;
    }
}
