using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Analysis;

/// <summary>
/// The period options of the Pareto-based commands (<c>--from</c>, <c>--to</c>, <c>--all</c> and, where the
/// command has it, <c>--threshold</c>), one set per command, and their validation through
/// <see cref="ParetoParameters"/> so that every command accepts and rejects the same input.
/// </summary>
internal sealed class PeriodOptions
{
    /// <summary>What the analyses add to "workspace 'x' does not exist", in the run's language.</summary>
    public static string NoWorkspaceHint => Say("Analysis_NoWorkspaceHint");

    private readonly bool withThreshold;

    /// <param name="allKey">The help text of <c>--all</c>: its key in Cli.resx.</param>
    /// <param name="withThreshold">False for a command without <c>--threshold</c>; its requests use the default 0.80.</param>
    public PeriodOptions(string allKey = "Help_Period_All", bool withThreshold = true)
    {
        All = new Option<bool>("--all").Help(allKey);
        this.withThreshold = withThreshold;
    }

    public Option<string?> From { get; } = new Option<string?>("--from").Help("Help_Period_From");

    public Option<string?> To { get; } = new Option<string?>("--to").Help("Help_Period_To");

    public Option<bool> All { get; }

    public Option<decimal> Threshold { get; } = new Option<decimal>("--threshold")
    {
        DefaultValueFactory = _ => 0.80m,
        CustomParser = CliFormat.InvariantDecimal,
    }.Help("Help_Period_Threshold");

    /// <summary>Adds the options to <paramref name="command"/>, after those it already has.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(From);
        command.Options.Add(To);
        command.Options.Add(All);
        if (withThreshold)
        {
            command.Options.Add(Threshold);
        }
    }

    /// <summary>
    /// Makes <paramref name="command"/> (holding its own arguments and options) a command over the workspace's sales:
    /// adds the period options and <c>--format</c> (with xlsx and <c>--output</c> when <paramref name="xlsx"/>), and runs
    /// <paramref name="run"/> through <see cref="RunAsync"/>.
    /// </summary>
    public Command Runs(Command command, string hint, Func<ParseResult, CliContext, ParetoRequest, OutputFormat, CancellationToken, Task<int>> run, bool xlsx = false)
    {
        var format = CliFormat.CreateFormatOption(xlsx);
        AddTo(command);
        command.Options.Add(format);
        if (xlsx)
        {
            CliFormat.WithXlsx(command, format);
        }

        command.SetAction((parse, ct) => RunAsync(parse, (ws, request) => run(parse, ws, request, parse.GetValue(format), ct), hint, ct));
        return command;
    }

    /// <summary>Prints a customer's report, or says that there is no such customer (exit <see cref="ExitCodes.Rejected"/>).</summary>
    public static async Task<int> PrintAsync<T>(Lookup<T> result, string noCustomer, Action<T> print)
        where T : class
    {
        if (result.Report is null)
        {
            await KaminoCli.Error.WriteLineAsync(noCustomer);
            return ExitCodes.Rejected;
        }

        print(result.Report);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The usual run of a command over the workspace's sales: the period is checked (exit <see cref="ExitCodes.Usage"/>),
    /// the workspace opened (exit <see cref="ExitCodes.Failure"/>, after <paramref name="hint"/>), then <paramref name="run"/>.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parse, Func<CliContext, ParetoRequest, Task<int>> run, string hint, CancellationToken ct)
    {
        var request = await ValidateAsync(parse);
        if (request is null)
        {
            return ExitCodes.Usage;
        }

        await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct, hint);
        return ws is null ? ExitCodes.Failure : await run(ws, request);
    }

    /// <summary>The request, or null after writing the first problem on the error stream (exit with <see cref="ExitCodes.Usage"/>).</summary>
    public async Task<ParetoRequest?> ValidateAsync(ParseResult parse)
    {
        var errors = new List<ParameterError>();
        var threshold = withThreshold ? parse.GetValue(Threshold) : 0.80m;
        var request = ParetoParameters.Validate(parse.GetValue(From), parse.GetValue(To), parse.GetValue(All), threshold, p => "--" + p, errors);
        if (request is null)
        {
            await KaminoCli.Error.WriteLineAsync(Words(errors[0], p => p switch
            {
                "from" => parse.GetValue(From),
                "to" => parse.GetValue(To),
                "threshold" => threshold.ToString(CultureInfo.InvariantCulture),
                _ => null,
            }));
        }

        return request;
    }

    /// <summary>
    /// A rejected option of a period in the run's language: the rule's problem (<see cref="ParameterError.Message"/> is the
    /// API's English) worded again from the options as given (<paramref name="raw"/>: a parameter's text by its name).
    /// </summary>
    public static string Words(ParameterError error, Func<string, string?> raw) => error.Problem switch
    {
        ParameterProblem.NotADate => Say("Format_BadDate", "--" + error.Parameter, raw(error.Parameter)),
        ParameterProblem.FromAfterTo => Say("Analysis_FromAfterTo", "--" + error.Parameter, raw(error.Parameter), "--" + PairOf(error.Parameter), raw(PairOf(error.Parameter))),
        ParameterProblem.AllWithDates => Say("Analysis_AllWithDates", "--all", "--from", "--to"),
        ParameterProblem.ThresholdOutOfRange => Say("Analysis_ThresholdOutOfRange", "--threshold", raw("threshold")),
        _ => error.Message,
    };

    private static string PairOf(string from) => from == "vs-from" ? "vs-to" : "to";
}
