using System.CommandLine;
using Kamino.Analysis;
using Kamino.Host.Cli;
using Kamino.Host.Import;
using Kamino.Import;

namespace Kamino.Host.Analysis;

/// <summary>
/// <c>kamino analyze FILE…</c>: the Pareto set, ABC classes and concentration straight from sales files, with
/// the import's readers and rules; nothing is stored and no database is opened.
/// </summary>
public static class AnalyzeCommand
{
    private static readonly Argument<FileInfo[]> Files = new("FILE")
    {
        Description = "Sales files (CSV, Excel .xlsx, or UBL / Facturae / CII e-invoice XML, told by content), folders or .zip archives, as kamino import takes them",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<int?> Top = new("--top") { Description = "List only the first N customers of the ranking; the totals, Pareto set, classes and concentration still cover every customer" };
    private static readonly PeriodOptions Period = new();
    private static readonly SalesFileOptions Read = new();

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("analyze", "Pareto, ABC and concentration straight from sales files, without importing (default period: the 12 months up to the latest sale in the files); a file with any problem stops the analysis (exit 3)")
        {
            Files,
        };
        Read.AddTo(command);
        command.Options.Add(Top);
        Period.AddTo(command);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var request = await Period.ValidateAsync(parse);
            if (request is null)
            {
                return ExitCodes.Usage;
            }

            if (parse.GetValue(Top) is < 0)
            {
                await KaminoCli.Error.WriteLineAsync("--top must be 0 or more");
                return ExitCodes.Usage;
            }

            if (!Read.TryRead(parse, out var csv, out var mapError))
            {
                await KaminoCli.Error.WriteLineAsync(mapError);
                return ExitCodes.Usage;
            }

            using var inputs = ImportInputs.Expand(parse.GetValue(Files)!.Select(f => f.FullName));
            if (inputs.Problems.Count > 0)
            {
                foreach (var problem in inputs.Problems)
                {
                    await KaminoCli.Error.WriteLineAsync($"{problem}: nothing analysed");
                }

                return ExitCodes.Rejected;
            }

            var read = SalesFileAnalysis.Read(inputs.Files, csv, parse.GetValue(Read.Sheet), ct);
            if (read.Rejected)
            {
                foreach (var p in read.Problems)
                {
                    await KaminoCli.Error.WriteLineAsync(p.ToString());
                }

                if (read.ProblemCount > read.Problems.Count)
                {
                    await KaminoCli.Error.WriteLineAsync($"… and {read.ProblemCount - read.Problems.Count} more problems");
                }

                await KaminoCli.Error.WriteLineAsync(read.DialectAmbiguous
                    ? "nothing analysed: give --dialect"
                    : $"nothing analysed ({read.ProblemCount} problem{(read.ProblemCount == 1 ? "" : "s")}); kamino import would reject the same lines");
                return read.DialectAmbiguous ? ExitCodes.Usage : ExitCodes.Rejected;
            }

            AccountsCommand.Print(parse.GetValue(format), SalesFileAnalysis.Report(read.Aggregate, request, parse.GetValue(Top)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
