using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Kamino.Import;

/// <summary>
/// The limits an <c>.xlsx</c> workbook is checked against before MiniExcel sees it (docs/import.md, "Limits"). A
/// workbook is a zip of XML parts that expand a thousandfold: every part is streamed once through
/// <see cref="RunLimitStream"/> (total bytes, longest tag or text) and the shared strings and worksheets through an
/// <see cref="XmlReader"/> that counts text without materialising it, so a hostile file is refused after a few
/// megabytes of reading with the sheet and cell it broke on, and no cell, row or sheet is ever held whole.
/// </summary>
public static class XlsxLimits
{
    /// <summary>Longest cell text, in characters: Excel's own limit.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Most rows in a sheet, and the highest row number: Excel's own limit.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Most cells in a row: Excel's own limit (column XFD).</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Most characters of text in one row, as a CSV record (<see cref="CsvSalesReader.MaxLineChars"/>).</summary>
    public const int MaxRowChars = CsvSalesReader.MaxLineChars;

    /// <summary>Longest run of bytes between two <c>&lt;</c> in a part (a tag, or a text node): 1 MiB.</summary>
    public const long MaxTokenBytes = 1L << 20;

    /// <summary>Largest shared-strings part, expanded: 256 MiB.</summary>
    public const long MaxSharedStringsBytes = 256L << 20;

    // Shared strings longer than this have their length remembered, to count them in the rows that use them; the
    // shorter ones (at most MaxColumns × this per row) are left out so the table stays small.
    private const int LongString = 256;

    private const string SharedStringsPart = "xl/sharedStrings.xml";

    /// <summary>
    /// The first limit the workbook passes, as the sheet row it was found on (0 when not in a row) and the
    /// reason; null when the workbook is within every limit.
    /// </summary>
    /// <param name="maxExpandedBytes">Most bytes all parts together may expand to, counted while decompressing.</param>
    /// <param name="maxEntries">Most entries the zip may hold.</param>
    public static (int Row, Said Reason)? Check(string path, long maxExpandedBytes = ImportInputs.MaxZipBytes, int maxEntries = ImportInputs.MaxZipEntries)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > maxEntries)
            {
                return (0, Said.Of("import.xlsx-entries", maxEntries));
            }

            var scan = new Scan(maxExpandedBytes);
            var sheetNames = SheetNames(zip);
            // The shared strings first: the rows that use them count their lengths.
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName == SharedStringsPart ? 0 : 1))
            {
                var problem = scan.Entry(entry, sheetNames);
                if (problem is not null)
                {
                    return problem;
                }
            }

            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or XmlException)
        {
            return (0, Said.Of("import.xlsx-unreadable", e.Message));
        }
    }

    // Sheet names by part (xl/worksheets/sheet1.xml → "Sales"), from the workbook and its relationships, for messages.
    private static Dictionary<string, string> SheetNames(ZipArchive zip)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels)
        {
            return names;
        }

        ReadElements(workbook, r =>
        {
            if (r.LocalName == "sheet" && r.GetAttribute("name") is { } name && r.GetAttribute("id", RelationshipsNamespace) is { } id && ids.Count < MaxSheets)
            {
                ids[id] = name;
            }
        });
        ReadElements(rels, r =>
        {
            if (r.LocalName == "Relationship" && r.GetAttribute("Id") is { } id && ids.TryGetValue(id, out var name) && r.GetAttribute("Target") is { } target)
            {
                names[target.StartsWith('/') ? target[1..] : "xl/" + target] = name;
            }
        });
        return names;
    }

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const int MaxSheets = 10_000;

    private static void ReadElements(ZipArchiveEntry entry, Action<XmlReader> element)
    {
        using var stream = new RunLimitStream(entry.Open(), MaxTokenBytes, MaxTokenBytes * 16, (byte)'<');
        using var reader = CreateReader(stream);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                element(reader);
            }
        }
    }

    private static XmlReader CreateReader(Stream stream) =>
        XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false });

    /// <summary>One pass over the parts of one workbook: the bytes counted so far and the long shared strings.</summary>
    private sealed class Scan(long maxExpandedBytes)
    {
        private readonly Dictionary<int, int> longStrings = [];
        private readonly char[] chunk = new char[64];
        private readonly char[] rest = new char[4096];
        private long total;

        public (int Row, Said Reason)? Entry(ZipArchiveEntry entry, Dictionary<string, string> sheetNames)
        {
            var name = entry.FullName;
            var isXml = name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
            var maxBytes = Math.Min(maxExpandedBytes - total, name == SharedStringsPart ? MaxSharedStringsBytes : long.MaxValue);
            using var stream = new RunLimitStream(entry.Open(), isXml ? MaxTokenBytes : long.MaxValue, maxBytes, (byte)'<');
            var where = sheetNames.TryGetValue(name, out var sheet) ? ImportSentences.Pair(Said.Of("import.xlsx-sheet", sheet)) : [name, name];
            (int Row, Said Reason)? problem = null;
            try
            {
                if (name == SharedStringsPart)
                {
                    problem = SharedStrings(stream);
                }
                else if (name.StartsWith("xl/worksheets/", StringComparison.Ordinal) && isXml)
                {
                    problem = Sheet(stream, where);
                }

                var buffer = new byte[1 << 16];
                while (problem is null && stream.Read(buffer, 0, buffer.Length) > 0)
                {
                    // Drained: every byte counts towards the total, whatever the part.
                }
            }
            catch (InputLimitException) when (stream.BytesRead > maxBytes)
            {
                return (0, name == SharedStringsPart && maxBytes == MaxSharedStringsBytes
                    ? Said.Of("import.xlsx-shared-strings-bytes", [.. ImportSentences.Big(MaxSharedStringsBytes)])
                    : Said.Of("import.xlsx-bytes", [.. ImportSentences.Big(maxExpandedBytes)]));
            }
            catch (InputLimitException)
            {
                return (0, Said.Of("import.xlsx-token", [.. where, .. ImportSentences.Big(MaxTokenBytes), .. ImportSentences.Big(MaxCellChars)]));
            }
            catch (XmlException e)
            {
                return (0, Said.Of("import.xlsx-not-xml", [.. where, e.Message]));
            }

            total += stream.BytesRead;
            if (problem is null && stream.BytesRead != entry.Length)
            {
                // MiniExcel decides how to hold the shared strings on the declared size: a lie is refused.
                return (0, Said.Of("import.xlsx-declared-size", [name, .. ImportSentences.Big(entry.Length), .. ImportSentences.Big(stream.BytesRead)]));
            }

            return problem;
        }

        private (int Row, Said Reason)? SharedStrings(Stream stream)
        {
            using var reader = CreateReader(stream);
            var index = -1;
            long chars = 0;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.LocalName == "si":
                        index++;
                        chars = 0;
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "si" && chars > LongString:
                        longStrings[index] = (int)chars;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        chars += TextLength(reader, MaxCellChars - chars);
                        if (chars > MaxCellChars)
                        {
                            return (0, Said.Of("import.xlsx-shared-string-long", [index, .. ImportSentences.Big(MaxCellChars)]));
                        }

                        break;
                }
            }

            return null;
        }

        private (int Row, Said Reason)? Sheet(Stream stream, string[] where)
        {
            using var reader = CreateReader(stream);
            var rows = 0;
            var row = 0;
            var cells = 0;
            long rowChars = 0;
            var cell = "";
            var shared = false;
            var inValue = false;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.LocalName == "row":
                        if (++rows > MaxRows)
                        {
                            return (0, Said.Of("import.xlsx-rows", [.. where, .. ImportSentences.Big(MaxRows)]));
                        }

                        var r = reader.GetAttribute("r");
                        row = r is null ? row + 1 : int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= MaxRows ? n : -1;
                        if (row < 0)
                        {
                            return (0, Said.Of("import.xlsx-row-number", [.. where, Clip(r!), .. ImportSentences.Big(MaxRows)]));
                        }

                        cells = 0;
                        rowChars = 0;
                        break;
                    case XmlNodeType.Element when reader.LocalName == "c":
                        if (++cells > MaxColumns)
                        {
                            return (row, Said.Of("import.xlsx-cells", [.. where, row, .. ImportSentences.Big(MaxColumns)]));
                        }

                        cell = Clip(reader.GetAttribute("r") ?? "");
                        shared = reader.GetAttribute("t") == "s";
                        break;
                    case XmlNodeType.Element:
                        inValue = reader.LocalName == "v";
                        break;
                    case XmlNodeType.EndElement:
                        inValue = false;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        var length = TextLength(reader, MaxCellChars);
                        if (length > MaxCellChars)
                        {
                            return (row, Said.Of("import.xlsx-cell-text", [.. where, cell, .. ImportSentences.Big(MaxCellChars)]));
                        }

                        rowChars += shared && inValue && int.TryParse(chunk.AsSpan(0, (int)Math.Min(length, 11)), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                            && longStrings.TryGetValue(s, out var sharedLength) ? sharedLength : length;
                        if (rowChars > MaxRowChars)
                        {
                            return (row, Said.Of("import.xlsx-row-text", [.. where, row, .. ImportSentences.Big(MaxRowChars)]));
                        }

                        break;
                }
            }

            return null;
        }

        // The text node's length, read in chunks so that no string is built; stops once past max. The first
        // chunk stays in `chunk` (a shared string's index is read from it).
        private long TextLength(XmlReader reader, long max)
        {
            long length = reader.ReadValueChunk(chunk, 0, chunk.Length);
            int n;
            while (length > 0 && length <= max && (n = reader.ReadValueChunk(rest, 0, rest.Length)) > 0)
            {
                length += n;
            }

            return length;
        }

        private static string Clip(string value) => value.Length <= 16 ? value : value[..16] + "…";
    }
}
