using System.Globalization;
using System.Text;

namespace Kamino.Exports;

/// <summary>
/// A table as CSV (RFC 4180): comma-separated, fields with a comma, quote or line break quoted, text neutralised by
/// <see cref="SpreadsheetText"/>; numbers with a decimal point, dates <c>yyyy-mm-dd</c>, times ISO 8601 in UTC, booleans
/// <c>true</c>/<c>false</c> — the same whatever the user's language, so a script reads it. The download starts with a
/// UTF-8 byte order mark so spreadsheets read accents right.
/// </summary>
public static class CsvExport
{
    /// <summary>One text field: neutralised, then quoted when it must be.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        value = SpreadsheetText.Neutralise(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>One cell of any kind <see cref="ExportTable"/> holds.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => Field(s),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => Field(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>The header line, then one line per row (CRLF line ends, as RFC 4180 has them).</summary>
    public static void Write(TextWriter w, ExportTable table)
    {
        w.Write(string.Join(',', table.Headers.Select(Field)));
        w.Write("\r\n");
        foreach (var row in table.Rows)
        {
            w.Write(string.Join(',', row.Select(Cell)));
            w.Write("\r\n");
        }
    }

    /// <summary>The file's bytes: UTF-8 with a byte order mark.</summary>
    public static byte[] Bytes(ExportTable table)
    {
        using var stream = new MemoryStream();
        using (var w = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            Write(w, table);
        }

        return stream.ToArray();
    }
}
