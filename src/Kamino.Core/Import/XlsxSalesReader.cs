using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;

namespace Kamino.Import;

/// <summary>
/// Streams sale rows out of one worksheet of an Excel <c>.xlsx</c> workbook (MiniExcel, row by row). The first
/// row is the header, matched like a CSV's (<see cref="HeaderMatcher"/>, <c>--map</c>); blank rows are skipped.
/// Dates may be date cells (serial numbers) or text (yyyy-mm-dd or the dialect's); numbers may be number cells or
/// text in the dialect. Problems carry the sheet's row numbers.
/// </summary>
public sealed class XlsxSalesReader : ISalesSource
{
    private readonly string path;
    private readonly string displayName;
    private readonly CsvReadOptions options;
    private readonly string? sheet;
    private readonly long maxExpandedBytes;

    /// <param name="sheet">Worksheet name (<c>--sheet</c>); null = the first sheet.</param>
    /// <param name="maxExpandedBytes">Most bytes the workbook's entries may expand to, counted while decompressing (the limit of .zip archives).</param>
    public XlsxSalesReader(string path, CsvReadOptions? options = null, string? sheet = null, string? displayName = null, long maxExpandedBytes = ImportInputs.MaxZipBytes)
    {
        this.path = path;
        this.maxExpandedBytes = maxExpandedBytes;
        this.options = options ?? new CsvReadOptions();
        this.sheet = sheet;
        this.displayName = displayName ?? Path.GetFileName(path);
    }

    public string FormatName => "xlsx";

    /// <summary>The dialect text cells were read in; set once <see cref="Read"/> has looked at the sheet.</summary>
    public CsvDialect? Dialect { get; private set; }

    /// <summary>True once <see cref="Read"/> found the workbook within <see cref="XlsxLimits"/>: only then may MiniExcel open it.</summary>
    public bool WithinLimits { get; private set; }

    /// <summary>True when the file is a zip archive holding <c>xl/workbook.xml</c>, whatever its name.</summary>
    public static bool IsWorkbook(string path)
    {
        if (!IsZip(path))
        {
            return false;
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>True when the file starts like a zip archive (local file header signature).</summary>
    public static bool IsZip(string path)
    {
        Span<byte> start = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(start, 4, throwOnEndOfStream: false) == 4 && start.SequenceEqual("PK\u0003\u0004"u8);
    }

    public IEnumerable<object> Read()
    {
        // An .xlsx is a zip archive: its limits (XlsxLimits) hold before MiniExcel inflates anything, counted on the
        // decompressed bytes, never on the sizes the entries declare (a bomb lies about them).
        if (XlsxLimits.Check(path, maxExpandedBytes) is { } tooBig)
        {
            return [Problem(tooBig.Row, tooBig.Reason)];
        }

        WithinLimits = true;

        List<string> names;
        try
        {
            names = MiniExcel.GetSheetNames(path);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return [Problem(0, Said.Of("import.xlsx-unreadable", e.Message))];
        }

        var name = sheet ?? names.FirstOrDefault();
        if (name is null || !names.Contains(name, StringComparer.Ordinal))
        {
            return [Problem(0, sheet is null
                ? Said.Of("import.xlsx-no-sheet")
                : Said.Of("import.xlsx-sheet-not-found", [sheet, .. ImportSentences.Pair(names.Select(n => Said.Of("import.xlsx-sheet-name", n)), ", ")]))];
        }

        return ReadSheet(name);
    }

    private IEnumerable<object> ReadSheet(string name)
    {
        var layout = ReadHeader(name, out var headerProblem);
        if (layout is null)
        {
            yield return headerProblem!;
            yield break;
        }

        var rowNumber = 0;
        using var rows = Rows(name).GetEnumerator();
        while (true)
        {
            IDictionary<string, object?> row;
            string? failure = null;
            try
            {
                if (!rows.MoveNext())
                {
                    yield break;
                }

                row = rows.Current;
            }
            catch (Exception e) when (IsUnreadable(e))
            {
                row = null!;
                failure = e.Message;
            }

            if (failure is not null)
            {
                yield return Problem(rowNumber + 1, Said.Of("import.xlsx-row-unreadable", failure));
                yield break;
            }

            rowNumber++;
            if (rowNumber == 1 || IsBlank(row))
            {
                continue;
            }

            var parsed = layout.Parser.Parse(new CellFields(row, layout), rowNumber);
            yield return parsed is ImportProblem problem
                ? problem with { RowText = string.Join('\t', layout.Columns.Select(c => CellText(row.TryGetValue(c, out var v) ? v : null, false, layout.Dialect))) }
                : parsed;
        }
    }

    private IEnumerable<IDictionary<string, object?>> Rows(string name) =>
        MiniExcel.Query(path, useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>();

    private Layout? ReadHeader(string name, out ImportProblem? problem)
    {
        problem = null;
        string[] columns;
        SaleColumns? matched;
        try
        {
            using var rows = Rows(name).GetEnumerator();
            if (!rows.MoveNext())
            {
                problem = Problem(0, Said.Of("import.xlsx-sheet-empty", name));
                return null;
            }

            columns = [.. rows.Current.Keys];
            var headers = columns.Select(c => CellText(rows.Current.TryGetValue(c, out var v) ? v : null, false, CsvDialect.En)).ToList();
            matched = SaleColumns.Match(headers, options.Map, headers.Where(h => h.Length > 0), out var headerProblem);
            if (matched is null)
            {
                problem = Problem(1, headerProblem!);
                return null;
            }

            // Only text cells say anything about the dialect: number and date cells read the same in both.
            for (var sampled = 0; sampled < CsvSalesReader.SampleRecords && rows.MoveNext(); sampled++)
            {
                var row = rows.Current;
                foreach (var field in SaleColumns.SampledFields)
                {
                    if (!matched.Map.TryGetValue(field, out var i) || !row.TryGetValue(columns[i], out var v))
                    {
                        continue;
                    }

                    if (v is string s)
                    {
                        matched.Sample(field, s.Trim());
                    }
                    else if (field == SaleField.DiscountPct && TypedNumber(v) is { } number)
                    {
                        matched.SampleDiscount(number);
                    }
                }
            }
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            problem = Problem(0, Said.Of("import.xlsx-sheet-unreadable", name, e.Message));
            return null;
        }

        var parser = matched.Decide(displayName, options.Dialect, ',', out var dialect, out _, out var ambiguity);
        if (parser is null)
        {
            problem = Problem(0, Said.Of("import.xlsx-dialect", [.. ImportSentences.Pair(ambiguity!)]));
            return null;
        }

        Dialect = dialect;
        return new Layout(columns, matched.Map, dialect, parser);
    }

    /// <summary>A number cell's value as the row parser reads it (<see cref="CellText"/>), null when it is not one.</summary>
    private static decimal? TypedNumber(object? value) => value switch
    {
        double d => Math.Abs(d) < 1e15 && !double.IsNaN(d) ? (decimal)d : null,
        float f => Math.Abs(f) < 1e15 && !float.IsNaN(f) ? (decimal)f : null,
        decimal m => m,
        int or long or short => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool IsBlank(IDictionary<string, object?> row) =>
        row.Values.All(v => v is null || (v is string s && string.IsNullOrWhiteSpace(s)));

    /// <summary>
    /// A cell as the text the row parser reads: text trimmed; a number in the dialect's notation (no thousands
    /// separator); in the date column a serial number (OLE Automation date) or a date cell as yyyy-mm-dd.
    /// </summary>
    internal static string CellText(object? value, bool isDate, CsvDialect dialect)
    {
        switch (value)
        {
            case null:
                return "";
            case string s:
                return s.Trim();
            case DateTime dt:
                return isDate || dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("s", CultureInfo.InvariantCulture);
            case bool b:
                return b ? "TRUE" : "FALSE";
            case double d when isDate:
                // 1 = 1900-01-01 and 2958465 = 9999-12-31 in Excel's 1900 date system.
                return d is >= 1 and < 2958466 ? DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(d))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
            case double d:
                return Math.Abs(d) < 1e15 && !double.IsNaN(d) ? Number((decimal)d, dialect) : d.ToString("R", CultureInfo.InvariantCulture);
            case decimal m:
                return Number(m, dialect);
            case int or long or short or float:
                return Number(Convert.ToDecimal(value, CultureInfo.InvariantCulture), dialect);
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
        }
    }

    private static string Number(decimal value, CsvDialect dialect)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return dialect == CsvDialect.Es ? text.Replace('.', ',') : text;
    }

    // Every problem the reader itself finds is about the workbook as a whole; rows go through the parser.
    private ImportProblem Problem(int line, Said reason) => new(displayName, line, reason, ImportProblemKind.File);

    // What MiniExcel throws on a malformed workbook part; the argument and lookup exceptions were found by
    // fuzzing (fuzz/crashes/xlsx). Anything else is a bug and propagates.
    private static bool IsUnreadable(Exception e) =>
        e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or FormatException or IOException
            or ArgumentException or KeyNotFoundException or IndexOutOfRangeException or InvalidCastException or OverflowException;

    private sealed record Layout(string[] Columns, Dictionary<SaleField, int> Map, CsvDialect Dialect, SaleRowParser Parser);

    private readonly ref struct CellFields(IDictionary<string, object?> row, Layout layout) : ISaleFields
    {
        public int ColCount => layout.Columns.Length;

        public ReadOnlySpan<char> Text(SaleField field) =>
            layout.Map.TryGetValue(field, out var i)
                ? CellText(row.TryGetValue(layout.Columns[i], out var v) ? v : null, field == SaleField.Date, layout.Dialect)
                : default;
    }
}
