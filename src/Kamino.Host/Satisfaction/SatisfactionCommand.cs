using System.CommandLine;
using System.Globalization;
using Kamino.Host.Analysis;
using Kamino.Host.Cli;
using Kamino.Satisfaction;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Satisfaction;

/// <summary><c>kamino satisfaction [--from D] [--to D] [--format table|json|csv]</c>: the workspace's NPS and average CSAT over a period.</summary>
public static class SatisfactionCommand
{
    private static readonly Option<string?> From = new Option<string?>("--from").Help("Help_Satisfaction_From");
    private static readonly Option<string?> To = new Option<string?>("--to").Help("Help_Satisfaction_To");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("satisfaction", Say("Help_Satisfaction"))
        {
            From, To, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<ParameterError>();
            if (ParetoParameters.Validate(parse.GetValue(From), parse.GetValue(To), false, 0.80m, p => "--" + p, errors) is not { } request)
            {
                await KaminoCli.Error.WriteLineAsync(PeriodOptions.Words(errors[0], p => p == "from" ? parse.GetValue(From) : parse.GetValue(To)));
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var today = ws.Today;
            var report = await SatisfactionFigures.WorkspaceAsync(ws.Db, ws.WorkspaceId, SatisfactionFigures.Period(request.From, request.To, today), ct);
            CliColumn<SatisfactionReport>[] columns =
            [
                new(Say("Satisfaction_From"), "from", r => r.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new(Say("Satisfaction_To"), "to", r => r.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new(Say("Satisfaction_Checkins"), "checkins", r => Invariant(r.Checkins)),
                new(Say("Satisfaction_AverageCsat"), "averageCsat", r => r.AverageCsat?.ToString(CultureInfo.InvariantCulture)),
                new("NPS", "nps", r => r.Nps.Score?.ToString(CultureInfo.InvariantCulture)),
                new(Say("Satisfaction_Promoters"), "promoters", r => Invariant(r.Nps.Promoters)),
                new(Say("Satisfaction_Passives"), "passives", r => Invariant(r.Nps.Passives)),
                new(Say("Satisfaction_Detractors"), "detractors", r => Invariant(r.Nps.Detractors)),
            ];
            CliOutput.Print(parse.GetValue(format), report, w => CliOutput.WriteCsv(w, [report], columns), console =>
            {
                CliOutput.WriteTable(console, [report], columns);
                if (report.Checkins == 0)
                {
                    console.WriteLine(Say("Satisfaction_NoCheckins"));

                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
