using System.Globalization;
using System.Text;
using System.Xml.Linq;
using FsCheck.Xunit;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// Properties of the value parsers (SECURITY.md §5, ASVS 2.2.1 positive validation): a number or date written in
/// a dialect reads back as itself, and any text at all gives a value or a refusal (false, or an import problem at
/// its line) — never an exception.
/// </summary>
public sealed class RobustnessPropertyTests : IDisposable
{
    private static readonly NumberFormatInfo Spanish = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "-" };

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>A decimal within the amount range with up to six decimals, from FsCheck's integers.</summary>
    private static decimal Amount(long units, byte scale) => (units % 1_000_000_000_000_000L) / (decimal)Math.Pow(10, scale % 7);

    [Property(MaxTest = 500)]
    public void TryParseNumber_FormattedInItsDialect_ReadsBackTheSameValue(long units, byte scale, bool grouped, bool es)
    {
        var value = Amount(units, scale);
        var format = grouped ? "#,##0.######" : "0.######";
        var text = value.ToString(format, es ? Spanish : NumberFormatInfo.InvariantInfo);

        Assert.True(CsvDialects.TryParseNumber(text, es ? CsvDialect.Es : CsvDialect.En, out var read), text);
        Assert.Equal(value, read);
    }

    [Property(MaxTest = 500)]
    public void TryParseDate_FormattedInItsDialect_ReadsBackTheSameDate(ushort days, bool es, bool padded, bool iso)
    {
        var date = new DateOnly(1950, 1, 1).AddDays(days);
        var format = iso ? "yyyy-MM-dd" : (es, padded) switch
        {
            (true, true) => "dd/MM/yyyy",
            (true, false) => "d/M/yyyy",
            (false, true) => "MM/dd/yyyy",
            (false, false) => "M/d/yyyy",
        };
        var text = date.ToString(format, CultureInfo.InvariantCulture);

        Assert.True(CsvDialects.TryParseDate(text, es ? CsvDialect.Es : CsvDialect.En, out var read), text);
        Assert.Equal(date, read);
    }

    [Property(MaxTest = 1000)]
    public void ValueParsers_AnyText_ValueOrFalseNeverAnException(string text)
    {
        foreach (var dialect in (CsvDialect[])[CsvDialect.En, CsvDialect.Es])
        {
            if (CsvDialects.TryParseNumber(text, dialect, out _))
            {
                // Positive validation: only a sign, digits and the two separators ever make a number.
                Assert.Matches("^[+-]?[0-9.,]+$", text);
            }

            if (CsvDialects.TryParseDate(text, dialect, out var date))
            {
                Assert.Matches("^[0-9/-]+$", text);
                Assert.InRange(date.Year, 1, 9999);
            }
        }
    }

    [Property(MaxTest = 1000)]
    public void EInvoiceNumberAndDate_AnyText_ValueInRangeOrOneProblemAtThePath(string text)
    {
        var root = new XElement("Invoice", new XElement("Amount", text ?? ""), new XElement("Date", text ?? ""));
        var check = new EInvoiceXml.Checker("f.xml");

        var number = check.Number(root.Element("Amount")!);
        var date = check.RequiredDate(root, root.Element("Date"), "Date", "yyyy-MM-dd");

        if (number is { } n)
        {
            Assert.InRange(Math.Abs(n), 0m, EInvoiceXml.MaxAbsValue);
        }

        if (date is { } d)
        {
            Assert.InRange(d.Year, 1900, 2200);
        }

        Assert.Equal((number is null ? 1 : 0) + (date is null ? 1 : 0), check.Problems.Count);
        Assert.All(check.Problems, p => Assert.Equal("f.xml", p.File));
        Assert.All(check.Problems, p => Assert.Matches("^/Invoice/(Amount|Date): ", p.Reason));
    }

    [Property(MaxTest = 200)]
    public void CsvRow_AnyFieldText_RowOrProblemAtItsLine(string date, string customer, string amount, bool es)
    {
        static string Quoted(string? s) => "\"" + (s ?? "").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var path = Path.Combine(folder.Path, "row.csv");
        File.WriteAllText(path, $"date,customer,line_total\n{Quoted(date)},{Quoted(customer)},{Quoted(amount)}\n", new UTF8Encoding(false));

        var items = new CsvSalesReader(path, new CsvReadOptions(Dialect: es ? CsvDialect.Es : CsvDialect.En)).Read().ToList();

        // The record is read as a row or rejected at its line; a quoted field holding a line break that then fails
        // is reported as a possibly unclosed quote, and the lines after it are checked again (docs/import.md).
        Assert.NotEmpty(items);
        switch (items[0])
        {
            case SaleRow row:
                Assert.Equal(2, row.SourceLine);
                Assert.NotEmpty(row.CustomerKey);
                break;
            case ImportProblem problem:
                Assert.Equal(("row.csv", 2), (problem.File, problem.Line));
                break;
            default:
                Assert.Fail($"unexpected {items[0].GetType().Name}");
                break;
        }

        Assert.All(items.OfType<ImportProblem>(), p => Assert.True(p.File == "row.csv" && p.Line >= 2, p.ToString()));
        Assert.All(items, i => Assert.True(i is SaleRow or ImportProblem));
    }
}
