using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Cli;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Analysis;

/// <summary>
/// <c>kamino check [--workspace W]</c>: recomputes the revenue per customer and day (<c>sale_day</c>, what every
/// analysis reads) from the sale lines and compares. Exit 0 when they match, 1 with each differing day otherwise.
/// Without <c>--workspace</c> every workspace is checked.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", Say("Help_Check"));
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliContext.OpenAsync(parse, ct);
            int? only = null;
            if (parse.GetResult(KaminoCli.Workspace) is { Implicit: false })
            {
                if (!await cli.ResolveWorkspaceAsync(ct))
                {
                    return ExitCodes.Failure;
                }

                only = cli.WorkspaceId;
            }

            var result = await SaleDayCheck.RunAsync(cli.Db, only, ct);
            var inv = CultureInfo.InvariantCulture;
            var what = only is not null ? Say("Analysis_CheckWorkspace", cli.Slug) : result.Workspaces == 1 ? Say("Analysis_CheckOneWorkspace") : Say("Analysis_CheckWorkspaces", result.Workspaces.ToString("N0", inv));
            if (result.Matches)
            {
                KaminoCli.Out.WriteLine(Say("Analysis_CheckMatches", result.Lines.ToString("N0", inv), result.Days.ToString("N0", inv), what));
                return ExitCodes.Ok;
            }

            var slugs = await cli.Db.Workspaces.ToDictionaryAsync(w => w.Id, w => w.Slug, ct);
            foreach (var d in result.Differences)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Analysis_CheckDifference", slugs.GetValueOrDefault(d.WorkspaceId), d.CustomerId, d.Date.ToString("yyyy-MM-dd", inv), Side(d.StoredCents, d.StoredLines), Side(d.LinesCents, d.LinesCount)));
            }

            var more = result.DifferenceCount > result.Differences.Count ? Say("Analysis_CheckFirstListed", result.Differences.Count.ToString("N0", inv)) : "";
            await KaminoCli.Error.WriteLineAsync(Say("Analysis_CheckDiffers", result.DifferenceCount.ToString("N0", inv), more, result.Lines.ToString("N0", inv), what));
            return ExitCodes.Failure;
        });
        return command;
    }

    private static string Side(long? cents, long? lines) =>
        cents is { } c ? Say("Analysis_CheckSide", (c / 100m).ToString("0.00", CultureInfo.InvariantCulture), lines) : Say("Analysis_CheckNoRow");
}
