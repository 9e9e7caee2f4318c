using System.Text;

namespace Kamino.Import;

/// <summary>Chooses the reader for a file by its content, never by its name.</summary>
public static class SalesSources
{
    /// <summary>Bytes looked at to find the XML root element (a prolog, comments and a long root tag fit).</summary>
    public const int SniffBytes = 8192;

    /// <summary>
    /// The Excel reader when the file is a zip holding <c>xl/workbook.xml</c> (any other zip is rejected);
    /// a UBL, Facturae or CII reader when the file is XML whose root element is one of theirs (docs/import.md),
    /// other XML rejected with what it is; else the CSV reader.
    /// </summary>
    /// <param name="sheet">Worksheet of an .xlsx file; null = the first. Ignored for other formats.</param>
    public static ISalesSource Open(string path, CsvReadOptions? csv = null, string? displayName = null, string? sheet = null)
    {
        var name = displayName ?? Path.GetFileName(path);
        if (XlsxSalesReader.IsZip(path))
        {
            return XlsxSalesReader.IsWorkbook(path)
                ? new XlsxSalesReader(path, csv, sheet, name)
                : new RejectedSource(name, "zip", Said.Of("import.zip-not-workbook"));
        }

        return SniffRoot(path) switch
        {
            (UblReader.InvoiceNamespace, "Invoice") or (UblReader.CreditNoteNamespace, "CreditNote") => new UblReader(path, name),
            (var ns, "Facturae") when FacturaeReader.Namespaces.Contains(ns) => new FacturaeReader(path, name),
            (var ns, "Facturae") => new RejectedSource(name, "facturae", FacturaeReader.UnsupportedVersion(ns)),
            (CiiReader.RsmNamespace, "CrossIndustryInvoice") => new CiiReader(path, name),
            (var ns, var local) when local.Length > 0 && LooksLikeXml(path) => new RejectedSource(name, "xml",
                ns.Length > 0 ? Said.Of("import.xml-unknown-ns", local, ns) : Said.Of("import.xml-unknown", local)),
            _ => new CsvSalesReader(path, csv, name),
        };
    }

    // A CSV's first byte is never '<' in practice, but a header cell may be: only a file declaring XML counts.
    private static bool LooksLikeXml(string path)
    {
        Span<byte> start = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        var n = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var bytes = start[..n];
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            bytes = bytes[3..];
        }

        return bytes.StartsWith("<?xml"u8);
    }

    /// <summary>A file of a kind no reader takes (XML of another kind, a zip that is no workbook): rejected with what it is.</summary>
    private sealed class RejectedSource(string displayName, string format, Said reason) : ISalesSource
    {
        public string FormatName => format;

        public IEnumerable<object> Read()
        {
            yield return new ImportProblem(displayName, 0, reason, ImportProblemKind.File);
        }
    }

    /// <summary>The root element's namespace and local name, or null when the start of the file is not XML.</summary>
    internal static (string Namespace, string LocalName)? SniffRoot(string path)
    {
        var buffer = new byte[SniffBytes];
        int n;
        using (var stream = File.OpenRead(path))
        {
            n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }

        var text = DecodeStart(buffer.AsSpan(0, n));
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] != '<')
            {
                return null;
            }

            var rest = text.AsSpan(i);
            if (rest.StartsWith("<!--"))
            {
                var end = text.IndexOf("-->", i, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                i = end + 3;
                continue;
            }

            if (rest.StartsWith("<?") || rest.StartsWith("<!"))
            {
                // A DOCTYPE's internal subset holds '>' of its own: skip to the "]>" that closes it.
                var bracket = text.IndexOf('[', i);
                var gt = text.IndexOf('>', i);
                var end = rest.StartsWith("<!DOCTYPE") && bracket >= 0 && bracket < gt ? text.IndexOf("]>", bracket, StringComparison.Ordinal) + 1 : gt;
                if (end <= 0)
                {
                    return null;
                }

                i = end + 1;
                continue;
            }

            var close = text.IndexOf('>', i);
            if (close < 0)
            {
                return null;
            }

            return ParseStartTag(text[(i + 1)..close]);
        }
    }

    private static string DecodeStart(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        // Latin-1 maps every byte to one char, so ASCII markup is found whatever the declared encoding.
        return Encoding.Latin1.GetString(bytes);
    }

    private static (string, string)? ParseStartTag(string tag)
    {
        tag = tag.TrimEnd('/');
        var parts = tag.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var qname = parts[0];
        var colon = qname.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? "" : qname[..colon];
        var local = colon < 0 ? qname : qname[(colon + 1)..];
        var attribute = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix;
        var at = tag.IndexOf(attribute + "=", StringComparison.Ordinal);
        while (at >= 0 && at > 0 && !char.IsWhiteSpace(tag[at - 1]))
        {
            at = tag.IndexOf(attribute + "=", at + 1, StringComparison.Ordinal);
        }

        if (at < 0 || at + attribute.Length + 1 >= tag.Length)
        {
            return ("", local);
        }

        var quote = tag[at + attribute.Length + 1];
        var start = at + attribute.Length + 2;
        var end = tag.IndexOf(quote, start);
        return end < 0 ? null : (tag[start..end], local);
    }
}
