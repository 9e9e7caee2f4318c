using System.Globalization;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// The problems a reader composes from several parts (issue 17 item 3): the header's missing columns, the dialect's doubts,
/// a row's reason inside an unclosed quote's, a large limit with its thousands separators, the missing rates counted per
/// currency; each reads whole in Spanish, and the recorded English (the API's <c>reason</c>) is the text it always was.
/// <see cref="SentencesTests"/> covers every sentence on its own.
/// </summary>
public sealed class ImportSentencesTests : IDisposable
{
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-ES");

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private ImportProblem Problem(string csv) => Assert.Single(new CsvSalesReader(folder.Write("ventas.csv", csv)).Read().OfType<ImportProblem>());

    [Fact]
    public void AHeaderWithoutTheRequiredColumns_NamesEachInSpanish()
    {
        var p = Problem("foo,bar\n1,2\n");

        Assert.Equal((1, ImportProblemKind.File), (p.Line, p.Kind));
        Assert.Equal("header: no date column (e.g. 'date', 'fecha'); no customer column (e.g. 'customer_id', 'cliente'); "
            + "no net amount column (e.g. 'line_total', 'importe') and no quantity and unit price columns. Columns found: foo, bar", p.Reason);
        Assert.Equal("encabezados: no hay columna de fecha (p. ej. «date», «fecha»); no hay columna de cliente (p. ej. «customer_id», «cliente»); "
            + "no hay columna de importe neto (p. ej. «line_total», «importe») ni columnas de cantidad y precio unitario. Columnas encontradas: foo, bar", p.ReasonIn(Es));
        Assert.StartsWith("ventas.csv:1: encabezados: no hay columna de fecha", p.In(Es), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAmbiguousDialect_IsExplainedInSpanish_WithTheFlagThatSettlesIt()
    {
        var p = Problem("date,customer,amount\n01/02/2024,C1,\"1,500\"\n");

        Assert.Equal("cannot tell the dialect: dates like 01/02/2024 can be dd/mm/yyyy or mm/dd/yyyy; numbers like 1,500 can have a decimal comma or point. "
            + "Give --dialect es (dd/mm/yyyy, decimal comma) or --dialect en (mm/dd/yyyy, decimal point)", p.Reason);
        Assert.Equal("no se puede saber el dialecto: fechas como 01/02/2024 pueden ser dd/mm/aaaa o mm/dd/aaaa; números como 1,500 pueden llevar coma o punto decimal. "
            + "Indique --dialect es (dd/mm/aaaa, coma decimal) o --dialect en (mm/dd/aaaa, punto decimal)", p.ReasonIn(Es));
    }

    [Fact]
    public void AnUnclosedQuote_SaysTheRowsReasonInsideIt_InTheSameLanguage()
    {
        var problems = new CsvSalesReader(folder.Write("ventas.csv", "date,customer,amount\n2024-01-01,\"C1,10\n2024-01-02\",C2,5\n")).Read().OfType<ImportProblem>().ToList();

        var p = problems[0];
        Assert.Equal(2, p.Line);
        Assert.Equal("a quote opened on this line runs over 2 lines and the record is malformed (4 fields instead of 3): is a quote not closed?", p.Reason);
        Assert.Equal("unas comillas abiertas en esta línea abarcan 2 líneas y el registro está mal formado (4 campos en lugar de 3): ¿quedaron unas comillas sin cerrar?", p.ReasonIn(Es));
    }

    [Fact]
    public void ALongRecord_GivesTheLimitWithTheLanguagesSeparators()
    {
        var p = Problem("date,customer,amount\n2024-01-01," + new string('x', CsvSalesReader.MaxLineChars) + ",10\n");

        Assert.Equal("the record is longer than 1,048,576 characters", p.Reason);
        Assert.Equal("el registro tiene más de 1.048.576 caracteres", p.ReasonIn(Es));
    }

    [Fact]
    public void LinesWithoutARate_AreCountedPerCurrency_WithTheFix_InSpanish()
    {
        var missing = new Kamino.Currencies.MissingRates();
        var row = new SaleRow(7, "", "F-1", 1, new DateOnly(2026, 1, 2), "C1", "C1", null, null, null, 1m, 10m, 0m, 1000, "USD");
        missing.Add(row, "USD");
        missing.Add(row with { SourceLine = 8, Date = new DateOnly(2026, 1, 5) }, "USD");
        missing.Add(row with { SourceLine = 9 }, "GBP");

        var p = missing.Problem("ventas.csv", "EUR", Kamino.Currencies.MissingRates.ImportFix("acme", "EUR"))!;

        Assert.Equal((7, ImportProblemKind.Currency), (p.Line, p.Kind));
        Assert.Equal("3 lines in another currency than EUR, the reporting currency, with no exchange rate in the document nor in the workspace's rate table "
            + "on or before their date: GBP (1 line from 2026-01-02), USD (2 lines from 2026-01-02). Import the rates with: kamino rates import FILE --workspace acme "
            + "(a CSV date,currency,rate in units per 1 EUR, or the ECB's reference-rate CSV), or on the exchange rates page of the settings", p.Reason);
        var day = new DateOnly(2026, 1, 2).ToString("d", CultureInfo.GetCultureInfo("es"));
        Assert.Equal("3 líneas en otra moneda que EUR, la moneda de los informes, sin tipo de cambio en el documento ni en la tabla de tipos del espacio de trabajo "
            + $"en su fecha o antes: GBP (1 línea desde el {day}), USD (2 líneas desde el {day}). Importe los tipos con: kamino rates import FILE --workspace acme "
            + "(un CSV date,currency,rate en unidades por 1 EUR, o el CSV de tipos de referencia del BCE), o en la página de tipos de cambio de la configuración", p.ReasonIn(Es));
    }
}
