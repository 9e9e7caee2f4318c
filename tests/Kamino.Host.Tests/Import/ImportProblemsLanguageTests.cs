using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// The reasons of an import's problems in the reader's language (issue 17 items 3 and 5): a file the sales generator
/// made with malformed rows at known lines is rejected by <c>kamino import</c> and <c>kamino analyze</c> with each
/// problem at its <c>file:line</c>, the reason in Spanish for a Spanish run and in English otherwise; the
/// <c>--problems</c> CSV keeps its header, file, line and kind and words the reason like the run.
/// </summary>
public sealed class ImportProblemsLanguageTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kamino-import-words-").FullName;

    private string Db => Path.Combine(dir, "k.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task ASpanishImport_OfABadFile_TellsEachProblemInSpanish_AtItsFileAndLine()
    {
        var (file, bad) = Generate();
        var problems = Path.Combine(dir, "problemas.csv");

        var run = await CliRunner.RunInAsync("es", "import", file, "--db", Db, "--workspace", "acme", "--problems", problems);

        Assert.Equal(ExitCodes.Rejected, run.Exit);
        var lines = Lines(run.Error);
        Assert.Equal(bad.Select(b => b.Line), lines.Where(l => l.StartsWith("ventas.csv:", StringComparison.Ordinal) && char.IsAsciiDigit(l["ventas.csv:".Length]))
            .Select(l => int.Parse(l.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Order());
        foreach (var (row, reason) in Expected(bad, spanish: true))
        {
            AssertTold(lines, row, reason);
        }

        Assert.DoesNotContain(lines, l => l.Contains("is not a", StringComparison.Ordinal) || l.Contains("instead of", StringComparison.Ordinal));

        var csv = await File.ReadAllLinesAsync(problems);
        Assert.Equal("file,line,kind,reason,row", csv[0]);
        foreach (var (row, reason) in Expected(bad, spanish: true))
        {
            Assert.Contains(csv, l => l.StartsWith($"ventas.csv,{row.Line},", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnEnglishImport_AndAnalyze_SayTheRecordedEnglish_TheSpanishAnalyzeSaysSpanish()
    {
        var (file, bad) = Generate();
        var problems = Path.Combine(dir, "problems.csv");

        var english = await CliRunner.RunAsync("import", file, "--db", Db, "--workspace", "acme", "--problems", problems);
        var analyze = await CliRunner.RunAsync("analyze", file);
        var spanishAnalyze = await CliRunner.RunInAsync("es", "analyze", file);

        Assert.Equal((ExitCodes.Rejected, ExitCodes.Rejected, ExitCodes.Rejected), (english.Exit, analyze.Exit, spanishAnalyze.Exit));
        foreach (var (row, reason) in Expected(bad, spanish: false))
        {
            AssertTold(Lines(english.Error), row, reason);
            AssertTold(Lines(analyze.Error), row, reason);
        }

        foreach (var (row, reason) in Expected(bad, spanish: true))
        {
            AssertTold(Lines(spanishAnalyze.Error), row, reason);
        }

        var csv = await File.ReadAllLinesAsync(problems);
        Assert.All(Expected(bad, spanish: false), e => Assert.Contains(csv, l => l.StartsWith($"ventas.csv,{e.Row.Line},", StringComparison.Ordinal) && l.Contains(e.Reason, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AFileThatIsNotThere_AndAnEmptyFile_AreToldInSpanish()
    {
        var empty = Path.Combine(dir, "vacio.csv");
        await File.WriteAllTextAsync(empty, "");

        var run = await CliRunner.RunInAsync("es", "import", empty, Path.Combine(dir, "no-esta.csv"), "--db", Db, "--workspace", "acme");

        Assert.Equal(ExitCodes.Rejected, run.Exit);
        Assert.Contains("no-esta.csv: no se encuentra el archivo", run.Error, StringComparison.Ordinal);
        Assert.Contains("vacio.csv: el archivo está vacío: hace falta una fila de encabezados", Lines(run.Error));
    }

    /// <summary>The generator's file of 40 valid lines and three malformed ones (a bad date, text in a number, a missing column).</summary>
    private (string File, IReadOnlyList<BadRow> Bad) Generate()
    {
        var file = Path.Combine(dir, "ventas.csv");
        var bad = SalesGenerator.Write(file, "--lines", "40", "--customers", "6", "--seed", "3", "--bad", "3");
        Assert.Equal(["bad_date", "missing_column", "text_in_number"], bad.Select(b => b.Kind).Order(StringComparer.Ordinal));
        return (file, bad);
    }

    /// <summary>
    /// What each generated bad row is told (the start of its reason), from what the generator reports: <c>field='value'</c>
    /// for a bad value, <c>N fields instead of M</c> for a missing column.
    /// </summary>
    private static IEnumerable<(BadRow Row, string Reason)> Expected(IEnumerable<BadRow> bad, bool spanish) => bad.Select(b => (b, b.Kind switch
    {
        "bad_date" => spanish ? $"la fecha «{Value(b)}» no es válida (" : $"date '{Value(b)}' is not a valid date (",
        "text_in_number" when Field(b) == "line_total" => spanish ? $"importe neto: «{Value(b)}» no es un número" : $"net amount '{Value(b)}' is not a number",
        "missing_column" => spanish ? b.Detail.Replace("fields instead of", "campos en lugar de", StringComparison.Ordinal) : b.Detail,
        _ => throw new InvalidOperationException($"{b.Kind} {b.Detail}"),
    }));

    private static string Field(BadRow b) => b.Detail[..b.Detail.IndexOf('=', StringComparison.Ordinal)];

    private static string Value(BadRow b) => b.Detail[(b.Detail.IndexOf('\'', StringComparison.Ordinal) + 1)..^1];

    private static void AssertTold(List<string> lines, BadRow row, string reason) =>
        Assert.True(lines.Any(l => l.StartsWith($"ventas.csv:{row.Line}: {reason}", StringComparison.Ordinal)), $"ventas.csv:{row.Line}: {reason}… not in:\n{string.Join('\n', lines)}");

    private static List<string> Lines(string text) => [.. text.Split('\n').Select(l => l.TrimEnd('\r'))];
}
