using System.IO.Compression;
using System.Text;

namespace Kamino.Testing;

/// <summary>
/// Small files that expand to huge ones (issue 10 items 2 and 6), written by the tests: a workbook whose one cell
/// holds a gigabyte of text, and a zip whose one CSV expands to a given size. Deflate packs repeated bytes about
/// 1000:1, so the files are about a megabyte.
/// </summary>
public static class HostileFiles
{
    /// <summary>A valid one-sheet workbook (sheet "Sales": a header row, then one row whose cell B2 holds <paramref name="cellChars"/> 'a's).</summary>
    /// <param name="sharedString">The long text as a shared string (xl/sharedStrings.xml) or inline in the sheet.</param>
    public static void Workbook(string path, long cellChars, bool sharedString = true)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Text(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
            """);
        Text(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Text(zip, "xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Text(zip, "xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """);
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Header = """<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c><c r="B1" t="inlineStr"><is><t>customer</t></is></c><c r="C1" t="inlineStr"><is><t>amount</t></is></c></row>""";
        if (sharedString)
        {
            Text(zip, "xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{Header}<row r="2"><c r="A2" t="inlineStr"><is><t>2024-01-01</t></is></c><c r="B2" t="s"><v>0</v></c><c r="C2"><v>1</v></c></row></sheetData></worksheet>""");
            Repeated(zip, "xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}" count="1" uniqueCount="1"><si><t>""", cellChars, "</t></si></sst>");
        }
        else
        {
            Repeated(zip, "xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{Header}<row r="2"><c r="A2" t="inlineStr"><is><t>2024-01-01</t></is></c><c r="B2" t="inlineStr"><is><t>""", cellChars, "</t></is></c><c r=\"C2\"><v>1</v></c></row></sheetData></worksheet>");
        }
    }

    /// <summary>A zip holding one CSV, <c>sales.csv</c>, of a header and about <paramref name="bytes"/> bytes of sale lines.</summary>
    public static void CsvZip(string path, long bytes)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var entry = zip.CreateEntry("sales.csv", CompressionLevel.SmallestSize).Open();
        entry.Write("date,customer,amount\n"u8);
        var line = "2024-01-01,C1,1\n"u8.ToArray();
        var block = new byte[line.Length * 4096];
        for (var i = 0; i < 4096; i++)
        {
            line.CopyTo(block, i * line.Length);
        }

        for (long written = 0; written < bytes; written += block.Length)
        {
            entry.Write(block);
        }
    }

    private static void Text(ZipArchive zip, string name, string content)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(content));
    }

    private static void Repeated(ZipArchive zip, string name, string before, long count, string after)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        entry.Write(Encoding.UTF8.GetBytes(before));
        var block = new byte[1 << 20];
        Array.Fill(block, (byte)'a');
        for (var left = count; left > 0; left -= block.Length)
        {
            entry.Write(block, 0, (int)Math.Min(left, block.Length));
        }

        entry.Write(Encoding.UTF8.GetBytes(after));
    }
}
