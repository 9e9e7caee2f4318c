using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Kamino.Import;

/// <summary>
/// Safe loading and the shared checks of the e-invoice readers. XML is untrusted input: no DTD (so no entities,
/// external or expanded), no resolver, a size and a nesting-depth limit; every value taken is checked.
/// </summary>
public static class EInvoiceXml
{
    /// <summary>Largest XML document read, in characters (50 MB); a bigger file is rejected before it is loaded.</summary>
    public const long MaxCharacters = 50L * 1024 * 1024;

    /// <summary>
    /// Longest text of one element, in characters (1 Mi), except attachments (elements whose name ends in
    /// <c>BinaryObject</c> or is <c>AttachmentData</c>: base64 files, bounded by <see cref="MaxCharacters"/> only).
    /// </summary>
    public const int MaxTextChars = 1 << 20;

    /// <summary>Deepest element nesting accepted; real invoices stay under 20.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest absolute amount, price or quantity accepted.</summary>
    public const decimal MaxAbsValue = 1_000_000_000_000m;

    /// <summary>Document totals may differ from the sum of rounded line amounts by this much.</summary>
    public const decimal TotalTolerance = 0.01m;

    /// <summary>The reader settings of every e-invoice reader.</summary>
    public static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>
    /// Loads the document safely, then yields what <paramref name="readRoot"/> reads from its root element;
    /// a document that cannot be loaded yields its one problem.
    /// </summary>
    public static IEnumerable<object> Read(string path, string displayName, Func<XElement, IEnumerable<object>> readRoot)
    {
        var doc = Load(path, displayName, out var problem);
        return doc is null ? [problem!] : readRoot(doc.Root!);
    }

    /// <summary>
    /// Loads the file with line information, or returns the problem that stops it: not well-formed, a DTD,
    /// too large or too deep. The message never quotes the file's content beyond the parser's own position text.
    /// </summary>
    public static XDocument? Load(string path, string displayName, out ImportProblem? problem)
    {
        problem = null;
        if (new FileInfo(path).Length > MaxCharacters * 4)
        {
            problem = new ImportProblem(displayName, 0, Said.Of("import.xml-too-large", MaxCharacters / (1024 * 1024)), ImportProblemKind.File);
            return null;
        }

        try
        {
            // A first streaming pass enforces the depth limit before anything is built in memory.
            // The text nodes are measured in chunks, never built, so a huge one costs no memory here.
            using (var reader = XmlReader.Create(path, Settings()))
            {
                var element = "";
                var chunk = new char[4096];
                while (reader.Read())
                {
                    if (reader.Depth > MaxDepth)
                    {
                        problem = new ImportProblem(displayName, ((IXmlLineInfo)reader).LineNumber, Said.Of("import.xml-too-deep", MaxDepth), ImportProblemKind.File);
                        return null;
                    }

                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        element = reader.LocalName;
                    }
                    else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && !IsAttachment(element))
                    {
                        var line = ((IXmlLineInfo)reader).LineNumber;
                        long length = 0;
                        int n;
                        while (length <= MaxTextChars && (n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                        {
                            length += n;
                        }

                        if (length > MaxTextChars)
                        {
                            problem = new ImportProblem(displayName, line, Said.Of("import.xml-text-too-long", [element, .. ImportSentences.Big(MaxTextChars)]), ImportProblemKind.File);
                            return null;
                        }
                    }
                }
            }

            using var load = XmlReader.Create(path, Settings());
            return XDocument.Load(load, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            var reason = e.Message.Contains("DTD", StringComparison.Ordinal)
                ? Said.Of("import.xml-dtd")
                : e.Message.Contains("MaxCharacters", StringComparison.Ordinal) || e.Message.Contains("exceeds", StringComparison.OrdinalIgnoreCase)
                    ? Said.Of("import.xml-document-too-large", MaxCharacters / (1024 * 1024))
                    : Said.Of("import.xml-not-well-formed", e.Message);
            problem = new ImportProblem(displayName, e.LineNumber, reason, ImportProblemKind.File);
            return null;
        }
    }

    private static bool IsAttachment(string localName) => localName.EndsWith("BinaryObject", StringComparison.Ordinal) || localName == "AttachmentData";

    /// <summary>XML line of an element (0 when unknown).</summary>
    public static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>
    /// The element's path from the root by local names, with a 1-based index where siblings share the name:
    /// <c>/Facturae/Invoices/Invoice[1]/InvoiceTotals/TotalGrossAmount</c>.
    /// </summary>
    public static string PathOf(XElement element)
    {
        var parts = new Stack<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var part = e.Name.LocalName;
            if (e.Parent is { } parent)
            {
                var same = parent.Elements(e.Name).ToList();
                if (same.Count > 1 || IsRepeating(e.Name.LocalName))
                {
                    part += "[" + (same.IndexOf(e) + 1).ToString(CultureInfo.InvariantCulture) + "]";
                }
            }

            parts.Push(part);
        }

        return "/" + string.Join('/', parts);
    }

    // Elements that repeat by nature are always indexed, so a path reads the same in a one-invoice file.
    private static bool IsRepeating(string localName) => localName is "Invoice" or "InvoiceLine" or "CreditNoteLine" or "IncludedSupplyChainTradeLineItem";

    /// <summary>The path a missing child would have, for "missing" messages.</summary>
    public static string PathOf(XElement parent, string childLocalName) => PathOf(parent) + "/" + childLocalName;

    /// <summary>Trimmed text of an element, null when absent or empty.</summary>
    public static string? Text(XElement? element)
    {
        var text = element?.Value.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Collects the problems of one document; every value taken from the XML goes through it.</summary>
    public sealed class Checker(string displayName)
    {
        public List<ImportProblem> Problems { get; } = [];

        /// <summary>What the user should know without the document being refused.</summary>
        public List<ImportWarning> Warnings { get; } = [];

        /// <summary>A warning at the element; <paramref name="sellerTaxId"/> when it is about that seller's tax id.</summary>
        public void Warn(XElement at, Said reason, string? sellerTaxId = null) =>
            Warnings.Add(new ImportWarning(displayName, LineOf(at), At(at, reason), sellerTaxId));

        /// <summary>What a reader yields: the warnings, then the problems when there are any, else the rows.</summary>
        public List<object> Result(IEnumerable<SaleRow> rows) => Problems.Count > 0 ? [.. Warnings, .. Problems] : [.. Warnings, .. rows];

        public void Fail(XElement at, Said reason) => Problems.Add(new ImportProblem(displayName, LineOf(at), At(at, reason), ImportProblemKind.Invoice));

        public void Missing(XElement parent, string child) =>
            Problems.Add(new ImportProblem(displayName, LineOf(parent), Said.Of("import.xml-missing", PathOf(parent, child)), ImportProblemKind.Invoice));

        // The element's path, then the reason: /Invoice/IssueDate: not a date in the form yyyy-MM-dd.
        private static Said At(XElement at, Said reason) => Said.Together([Said.Of("import.xml-at", PathOf(at)), reason]);

        /// <summary>Required text, at most <paramref name="maxLength"/> characters.</summary>
        public string? RequiredText(XElement parent, XElement? element, string childName, int maxLength)
        {
            var text = Text(element);
            if (text is null)
            {
                Missing(parent, childName);
                return null;
            }

            return LengthOk(element!, text, maxLength) ? text : null;
        }

        public string? OptionalText(XElement? element, int maxLength)
        {
            var text = Text(element);
            return text is null || LengthOk(element!, text, maxLength) ? text : null;
        }

        private bool LengthOk(XElement element, string text, int maxLength)
        {
            if (text.Length <= maxLength && !text.Any(char.IsControl))
            {
                return true;
            }

            Fail(element, Said.Of("import.xml-text", maxLength));
            return false;
        }

        /// <summary>A required decimal (invariant culture, optional sign, no exponent) within the value limit.</summary>
        public decimal? RequiredDecimal(XElement parent, XElement? element, string childName)
        {
            if (element is null)
            {
                Missing(parent, childName);
                return null;
            }

            return Number(element);
        }

        public decimal? Number(XElement element)
        {
            var text = element.Value.Trim();
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || Math.Abs(value) > MaxAbsValue)
            {
                Fail(element, Said.Of(text.Length == 0 ? "import.xml-number-required" : "import.xml-not-a-number"));
                return null;
            }

            return value;
        }

        public DateOnly? RequiredDate(XElement parent, XElement? element, string childName, string format)
        {
            if (element is null)
            {
                Missing(parent, childName);
                return null;
            }

            var text = element.Value.Trim();
            if (!DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Fail(element, Said.Of("import.xml-not-a-date", format));
                return null;
            }

            if (!SaleDates.Accepts(date))
            {
                Fail(element, SaleDates.OutsideWindow(date));
                return null;
            }

            return date;
        }

        public string? Currency(XElement parent, XElement? element, string childName)
        {
            var text = RequiredText(parent, element, childName, 3);
            if (text is not null && (text.Length != 3 || !text.All(char.IsAsciiLetterUpper)))
            {
                Fail(element!, Said.Of("import.xml-currency"));
                return null;
            }

            return text;
        }

        /// <summary>Compares a stated total with the sum it must equal, within <see cref="TotalTolerance"/>.</summary>
        public void Total(XElement? stated, decimal? statedValue, decimal computed, Said what)
        {
            if (stated is not null && statedValue is { } v && Math.Abs(v - computed) > TotalTolerance)
            {
                Fail(stated, Said.Of("import.xml-total", [v, .. ImportSentences.Pair(what), computed]));
            }
        }
    }

    /// <summary>The line number of an invoice line: its ID when a positive whole number, else its position.</summary>
    public static int LineNumber(string? id, int position) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : position;

    /// <summary>
    /// The sale row of one invoice line (<paramref name="quantity"/> and <paramref name="net"/> already signed for a
    /// credit note). The customer is the buyer's tax id, else its name; quantity and unit price are kept to 4 decimals
    /// (<see cref="Stored"/>), the net amount in cents; e-invoice lines carry no discount percentage.
    /// </summary>
    public static SaleRow Row(
        XElement line, string? sellerTaxId, string document, string? lineId, int position, DateOnly date, string? buyerTaxId, string? buyerName,
        string? sku, string? productName, decimal quantity, decimal unitPrice, decimal net, string? currency) =>
        Row(line, sellerTaxId, document, lineId, position, date, (buyerTaxId, null, buyerName), sku, productName, quantity, unitPrice, net, currency);

    /// <summary>
    /// The sale row of one invoice line whose buyer is known by <paramref name="buyer"/>: the customer key is its tax id,
    /// else its global or party id (<c>Id</c>, not stored as a tax id), else its name (PRODUCT.md §2).
    /// </summary>
    public static SaleRow Row(
        XElement line, string? sellerTaxId, string document, string? lineId, int position, DateOnly date, (string? TaxId, string? Id, string? Name) buyer,
        string? sku, string? productName, decimal quantity, decimal unitPrice, decimal net, string? currency) =>
        new(LineOf(line), sellerTaxId ?? "", document, LineNumber(lineId, position), date, buyer.TaxId ?? buyer.Id ?? buyer.Name!, buyer.Name ?? buyer.TaxId ?? buyer.Id!, buyer.TaxId,
            sku, productName, Stored(quantity), Stored(unitPrice), 0m, Cents(net), currency);

    /// <summary>The reason given when an e-invoice's buyer cannot be told.</summary>
    public static Said NoBuyerIdentity => Said.Of("import.xml-no-buyer");

    /// <summary>A line's unit price: its price over the base quantity the price is for (when given and not 0); 0 without a price.</summary>
    public static decimal UnitPrice(decimal? price, decimal? baseQuantity) =>
        price is { } p ? (baseQuantity is { } b && b != 0 ? p / b : p) : 0m;

    /// <summary>Tax ids compared and stored without spaces, dots or dashes, upper case.</summary>
    public static string? NormaliseTaxId(string? taxId)
    {
        if (taxId is null)
        {
            return null;
        }

        var clean = new string([.. taxId.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').Select(char.ToUpperInvariant)]);
        return clean.Length == 0 ? null : clean;
    }

    /// <summary>Quantities and unit prices as stored: 4 decimals, half away from zero (the net amount stays exact to the cent).</summary>
    public static decimal Stored(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    /// <summary>Cents of an amount, rounded half away from zero.</summary>
    public static long Cents(decimal amount) => (long)(Math.Round(amount, 2, MidpointRounding.AwayFromZero) * 100m);
}
