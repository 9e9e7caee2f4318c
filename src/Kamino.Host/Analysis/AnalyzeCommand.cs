using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Currencies;
using Kamino.Host.Cli;
using Kamino.Host.Import;
using Kamino.Import;
using Kamino.Workspaces;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Analysis;

/// <summary>
/// <c>kamino analyze FILE…</c>: the Pareto set, ABC classes and concentration straight from sales files, with
/// the import's readers and rules; nothing is stored and no database is opened.
/// </summary>
public static class AnalyzeCommand
{
    private static readonly Argument<FileInfo[]> Files = new Argument<FileInfo[]>("FILE")
    {
        Arity = ArgumentArity.OneOrMore,
    }.Help("Help_Analyze_Files");

    private static readonly Option<int?> Top = new Option<int?>("--top").Help("Help_Analyze_Top");
    private static readonly Option<string?> Currency = new Option<string?>("--currency").Help("Help_Analyze_Currency");

    private static readonly Option<FileInfo?> Rates = new Option<FileInfo?>("--rates").Help("Help_Analyze_Rates");

    private static readonly PeriodOptions Period = new();
    private static readonly SalesFileOptions Read = new();

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("analyze", Say("Help_Analyze"))
        {
            Files,
        };
        Read.AddTo(command);
        command.Options.Add(Top);
        command.Options.Add(Currency);
        command.Options.Add(Rates);
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
                await KaminoCli.Error.WriteLineAsync(Say("Analysis_TopNegative"));
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
                    await KaminoCli.Error.WriteLineAsync(Say("Analysis_InputNothingAnalysed", problem.In(CultureInfo.CurrentUICulture)));
                }

                return ExitCodes.Rejected;
            }

            var (conversion, conversionError) = await ConversionAsync(parse.GetValue(Currency), parse.GetValue(Rates), ct);
            if (conversionError is { } error)
            {
                await KaminoCli.Error.WriteLineAsync(error.Message);
                return error.Exit;
            }

            var read = SalesFileAnalysis.Read(inputs.Files, csv, parse.GetValue(Read.Sheet), conversion, ct);
            if (read.Rejected)
            {
                foreach (var p in read.Problems)
                {
                    await KaminoCli.Error.WriteLineAsync(p.In(CultureInfo.CurrentUICulture));
                }

                if (read.ProblemCount > read.Problems.Count)
                {
                    await KaminoCli.Error.WriteLineAsync(Say("Analysis_MoreProblems", read.ProblemCount - read.Problems.Count));
                }

                await KaminoCli.Error.WriteLineAsync(read.DialectAmbiguous
                    ? Say("Analysis_GiveDialect")
                    : Say(read.ProblemCount == 1 ? "Analysis_NothingAnalysedOne" : "Analysis_NothingAnalysed", read.ProblemCount));
                return read.DialectAmbiguous ? ExitCodes.Usage : ExitCodes.Rejected;
            }

            if (read.MixedCurrencies)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Analysis_MixedCurrencies", string.Join(", ", read.Aggregate.Currencies)));
                return ExitCodes.Rejected;
            }

            AccountsCommand.Print(parse.GetValue(format), SalesFileAnalysis.Report(read, request, parse.GetValue(Top)));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The conversion <c>--currency</c> and <c>--rates</c> ask for (none without <c>--currency</c>), or why there is none.</summary>
    private static async Task<(CurrencyConversion? Conversion, (string Message, int Exit)? Error)> ConversionAsync(string? currency, FileInfo? rates, CancellationToken ct)
    {
        if (currency is null)
        {
            return rates is null ? (null, null) : (null, (Say("Analysis_RatesNeedCurrency"), ExitCodes.Usage));
        }

        currency = currency.Trim().ToUpperInvariant();
        if (NewWorkspace.CurrencyProblem(currency) is { } problem)
        {
            return (null, ($"--currency: {Say(problem)}", ExitCodes.Usage));
        }

        if (rates is null)
        {
            return (new CurrencyConversion(currency, RateTable.Empty), null);
        }

        if (!rates.Exists)
        {
            return (null, (Say("Analysis_RatesNotFound", rates.FullName), ExitCodes.Failure));
        }

        if (rates.Length > RatesCsv.MaxBytes)
        {
            return (null, (Say("Analysis_RatesTooBig", RatesCsv.MaxBytes / 1024 / 1024), ExitCodes.Rejected));
        }

        var file = RatesCsv.Read(await File.ReadAllTextAsync(rates.FullName, ct), currency);
        if (file.Problems.Count > 0)
        {
            return (null, (Say("Analysis_RatesRefused", rates.Name) + Environment.NewLine + string.Join(Environment.NewLine, file.Reasons.Select(Say)), ExitCodes.Rejected));
        }

        return (new CurrencyConversion(currency, new RateTable(file.Rates)), null);
    }
}
