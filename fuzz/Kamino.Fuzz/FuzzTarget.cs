using Kamino.Import;

namespace Kamino.Fuzz;

/// <summary>What one input turned into: rows read and problems reported.</summary>
public sealed record FuzzOutcome(int Rows, int Problems);

/// <summary>
/// The one entry point of the fuzz harness and of the replay test (tests/Kamino.Tests/Import/FuzzReplayTests.cs):
/// reads a whole input with one reader. The expected outcomes are rows and <see cref="ImportProblem"/>s
/// (Kamino's import errors: file name plus line or element path); any exception that escapes is a bug,
/// and so is a problem or row that breaks the invariants checked here.
/// </summary>
public static class FuzzTarget
{
    /// <summary>The targets, by the argument <c>fuzz/run.sh</c> and the harness take; <c>auto</c> chooses by content like the importer.</summary>
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "ubl", "facturae", "cii", "auto"];

    /// <summary>The name problems must carry.</summary>
    public const string DisplayName = "fuzz-input";

    /// <summary>
    /// Copies <paramref name="input"/> to <paramref name="scratchPath"/> (the readers take files, as the
    /// importer gives them) and reads it to the end with the reader of <paramref name="format"/>.
    /// </summary>
    public static FuzzOutcome Run(string format, Stream input, string scratchPath)
    {
        using (var file = File.Create(scratchPath))
        {
            input.CopyTo(file);
        }

        var source = format switch
        {
            "csv" => new CsvSalesReader(scratchPath, null, DisplayName),
            "xlsx" => new XlsxSalesReader(scratchPath, null, null, DisplayName),
            "ubl" => new UblReader(scratchPath, DisplayName),
            "facturae" => new FacturaeReader(scratchPath, DisplayName),
            "cii" => new CiiReader(scratchPath, DisplayName),
            "auto" => SalesSources.Open(scratchPath, null, DisplayName),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "one of " + string.Join(", ", Formats)),
        };

        int rows = 0, problems = 0;
        foreach (var item in source.Read())
        {
            switch (item)
            {
                case SaleRow row:
                    Check(row.DocumentNumber.Length > 0 && row.CustomerKey.Length > 0 && row.LineNumber > 0, "a row without a document, customer or positive line number");
                    rows++;
                    break;
                case ImportProblem problem:
                    Check(problem.File == DisplayName && problem.Line >= 0 && !string.IsNullOrWhiteSpace(problem.Reason), "a problem without the file name, a line or a reason");
                    problems++;
                    break;
                case ImportWarning warning:
                    Check(warning.File == DisplayName && warning.Line >= 0 && !string.IsNullOrWhiteSpace(warning.Reason), "a warning without the file name, a line or a reason");
                    break;
                default:
                    throw new InvalidOperationException($"the reader yielded a {item?.GetType().Name ?? "null"}");
            }
        }

        return new FuzzOutcome(rows, problems);
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("invariant broken: " + what);
        }
    }
}
