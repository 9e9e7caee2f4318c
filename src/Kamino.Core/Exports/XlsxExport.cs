using MiniExcelLibs;

namespace Kamino.Exports;

/// <summary>
/// A table as an Excel workbook of one sheet (MiniExcel): the headers in the first row, numbers as numbers, dates and
/// times as dates (times in UTC), text neutralised by <see cref="SpreadsheetText"/> as in the CSV.
/// </summary>
public static class XlsxExport
{
    /// <summary>Writes the workbook to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ExportTable table)
    {
        var rows = table.Rows.Select(row =>
        {
            var values = new Dictionary<string, object?>(table.Headers.Count, StringComparer.Ordinal);
            for (var i = 0; i < table.Headers.Count; i++)
            {
                values[table.Headers[i]] = Cell(row[i]);
            }

            return values;
        }).ToList();
        if (rows.Count == 0)
        {
            // Dictionaries give MiniExcel no header without a row: an empty list still gets its header line.
            using var empty = new System.Data.DataTable(Sheet(table.Name)) { Locale = System.Globalization.CultureInfo.InvariantCulture };
            foreach (var h in table.Headers)
            {
                empty.Columns.Add(h, typeof(string));
            }

            stream.SaveAs(empty, sheetName: Sheet(table.Name));
            return;
        }

        stream.SaveAs(rows, sheetName: Sheet(table.Name));
    }

    /// <summary>The workbook's bytes.</summary>
    public static byte[] Bytes(ExportTable table)
    {
        using var stream = new MemoryStream();
        Write(stream, table);
        return stream.ToArray();
    }

    private static object? Cell(object? value) => value switch
    {
        string s => SpreadsheetText.Neutralise(s),
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset t => t.UtcDateTime,
        _ => value,
    };

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string Sheet(string name)
    {
        var clean = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }
}
