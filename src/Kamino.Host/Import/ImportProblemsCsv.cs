using System.Globalization;
using System.Text;
using Kamino.Host.Cli;
using Kamino.Import;

namespace Kamino.Host.Import;

/// <summary>
/// The CSV of an import's problems and of its rejected rows (one shape for both): <c>file,line,kind,reason,row</c>,
/// <c>row</c> being the row as it was in the file for a CSV or workbook row problem, <c>reason</c> in the reader's language
/// (the CLI's, the page's; the API's is English). Cells go through
/// <see cref="CliFormat.CsvField"/>, the one place formula-looking text is neutralised (PRODUCT.md §4).
/// Written as problems are found, so a file with millions of bad rows costs disk, not memory.
/// </summary>
public sealed class ImportProblemsCsv : IDisposable
{
    public const string Header = "file,line,kind,reason,row";

    private readonly FileStream stream;
    private readonly StreamWriter writer;
    private long mark;
    private bool detached;

    private readonly CultureInfo culture;

    private ImportProblemsCsv(FileStream stream, CultureInfo? culture)
    {
        this.stream = stream;
        this.culture = culture ?? CultureInfo.InvariantCulture;
        writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(Header);
        writer.Flush();
        mark = stream.Position;
    }

    /// <summary>Rows written, the header not counted.</summary>
    public long Rows { get; private set; }

    /// <summary>A new file at <paramref name="path"/> (replacing one there), with the header; reasons in <paramref name="culture"/>'s language (null: English).</summary>
    public static ImportProblemsCsv Create(string path, CultureInfo? culture = null) => new(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read), culture);

    /// <summary>A temporary file deleted when disposed (the API's answer, read back with <see cref="Detach"/>): reasons in English.</summary>
    public static ImportProblemsCsv CreateTemporary() =>
        new(new FileStream(Path.Combine(Path.GetTempPath(), "kamino-problems-" + Guid.NewGuid().ToString("N") + ".csv"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose), null);

    /// <summary>The kind as the CSV and the JSON write it (the enum's name, as every enum of the API): <c>Malformed</c>, <c>BadValue</c>, …</summary>
    public static string KindName(ImportProblemKind kind) => kind.ToString();

    /// <summary>One problem's line: <c>file,line,kind,reason,row</c>, the reason in <paramref name="culture"/>'s language (null: English).</summary>
    public static string Line(ImportProblem p, CultureInfo? culture = null) => string.Join(',', CliFormat.CsvField(p.File), p.Line.ToString(CultureInfo.InvariantCulture),
        KindName(p.Kind), CliFormat.CsvField(p.ReasonIn(culture ?? CultureInfo.InvariantCulture)), CliFormat.CsvField(p.RowText));

    public void Write(ImportProblem problem)
    {
        writer.WriteLine(Line(problem, culture));
        Rows++;
    }

    /// <summary>Remembers where the next file's rows start, for <see cref="DropSinceMark"/>.</summary>
    public void Mark()
    {
        writer.Flush();
        mark = stream.Position;
        MarkedRows = Rows;
    }

    /// <summary>Forgets the rows written since <see cref="Mark"/> (the rejects of a file that was then rejected whole).</summary>
    public void DropSinceMark()
    {
        writer.Flush();
        stream.SetLength(mark);
        stream.Position = mark;
        Rows = MarkedRows;
    }

    /// <summary>
    /// The whole file from its start, handed over: the caller disposes the stream (a temporary file is then deleted)
    /// and this object no longer closes it.
    /// </summary>
    public Stream Detach()
    {
        writer.Flush();
        stream.Position = 0;
        detached = true;
        return stream;
    }

    private long MarkedRows { get; set; }

    public void Dispose()
    {
        if (!detached)
        {
            writer.Dispose();
        }
    }
}
