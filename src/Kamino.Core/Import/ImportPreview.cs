using MiniExcelLibs;

namespace Kamino.Import;

/// <summary>A field and the column it is read from: <c>--map FIELD=COLUMN</c> as data (<c>netAmount</c>, <c>Total</c>).</summary>
public sealed record ColumnMapping(string Field, string Column);

/// <summary>
/// How a file would be read, before anything is stored: the reader chosen by content (<see cref="Format"/>), the
/// detected or given encoding, delimiter and dialect, the header's columns and which field each is read as,
/// the first parsed rows and the problems met on the way there (at most <see cref="ImportPreviews.MaxProblems"/>).
/// <see cref="DialectAmbiguous"/>: <c>auto</c> could not tell the dialect and a problem names the choice to make.
/// <see cref="More"/>: the file goes on past the rows shown; problems further down appear only on import
/// (or a dry run). Columns and mapping are empty for e-invoices, whose fields are fixed.
/// </summary>
public sealed record ImportPreview(
    string File,
    string Format,
    string? Encoding,
    string? Delimiter,
    string? Dialect,
    bool DialectAmbiguous,
    IReadOnlyList<string> Columns,
    IReadOnlyList<ColumnMapping> Mapping,
    IReadOnlyList<SaleRow> Rows,
    IReadOnlyList<ImportProblem> Problems,
    bool More)
{
    /// <summary>The <see cref="Problems"/> by kind, in the order of <see cref="ImportProblemKind"/>, with their counts.</summary>
    public IReadOnlyList<ImportProblemGroup> ProblemGroups => ImportProblemList.Group(Problems);

    /// <summary>Warnings met up to there (at most <see cref="ImportPreviews.MaxProblems"/>): they do not stop an import.</summary>
    public IReadOnlyList<ImportWarning> Warnings { get; init; } = [];
}

/// <summary>
/// Previews a file with the readers the importer uses (<see cref="SalesSources.Open"/>): it reads until
/// <c>rows</c> sale rows have been parsed and stops, writing nothing.
/// </summary>
public static class ImportPreviews
{
    /// <summary>Rows a preview shows unless told otherwise.</summary>
    public const int DefaultRows = 10;

    /// <summary>Most problems a preview lists.</summary>
    public const int MaxProblems = 50;

    /// <summary>The field's name as <c>--map</c> and the API write it: <c>netAmount</c>.</summary>
    public static string FieldName(SaleField field)
    {
        var name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static ImportPreview Read(string path, string? displayName = null, CsvReadOptions? csv = null, string? sheet = null, int rows = DefaultRows)
    {
        var name = displayName ?? Path.GetFileName(path);
        var source = SalesSources.Open(path, csv, name, sheet);
        var parsed = new List<SaleRow>();
        var problems = new List<ImportProblem>();
        var warnings = new List<ImportWarning>();
        var more = false;
        foreach (var item in source.Read())
        {
            if (parsed.Count >= rows)
            {
                more = true;
                break;
            }

            if (item is SaleRow row)
            {
                parsed.Add(row);
            }
            else if (item is ImportWarning warning)
            {
                if (warnings.Count < MaxProblems)
                {
                    warnings.Add(warning);
                }
            }
            else if (problems.Count < MaxProblems)
            {
                problems.Add((ImportProblem)item with { RowText = null });
            }
            else
            {
                more = true;
                break;
            }
        }

        string? encoding = null, delimiter = null, dialect = null;
        var ambiguous = false;
        List<string> columns = [];
        switch (source)
        {
            case CsvSalesReader reader when reader.Format is { } format:
                encoding = format.Encoding;
                delimiter = CsvDelimiters.Name(format.Delimiter);
                dialect = format.Dialect is { } d ? CsvDialects.Name(d) : null;
                ambiguous = reader.DialectAmbiguous;
                columns = CsvHeader(path, format);
                break;
            case XlsxSalesReader reader when reader.WithinLimits:
                dialect = reader.Dialect is { } x ? CsvDialects.Name(x) : null;
                columns = SheetHeader(path, sheet);
                break;
            default:
                break;
        }

        var map = columns.Count == 0 ? [] : HeaderMatcher.MapColumns(columns, csv?.Map, out _);
        var mapping = map.OrderBy(m => m.Key).Select(m => new ColumnMapping(FieldName(m.Key), columns[m.Value])).ToList();
        return new ImportPreview(name, source.FormatName, encoding, delimiter, dialect, ambiguous, columns, mapping, parsed, problems, more) { Warnings = warnings };
    }

    // The header row as the CSV reader sees it: the same encoding, delimiter and quoting rules.
    private static List<string> CsvHeader(string path, CsvFormat format) => CsvSalesReader.HeaderFields(path, format);

    // The first row of the sheet, as the Excel reader turns cells into header text.
    private static List<string> SheetHeader(string path, string? sheet)
    {
        try
        {
            var name = sheet ?? MiniExcel.GetSheetNames(path).FirstOrDefault();
            if (name is null)
            {
                return [];
            }

            var first = MiniExcel.Query(path, useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().FirstOrDefault();
            return first is null ? [] : [.. first.Values.Select(v => XlsxSalesReader.CellText(v, false, CsvDialect.En))];
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or FormatException)
        {
            return [];
        }
    }
}
