using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Cli;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

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
        var command = new Command("check", "Recompute revenue per customer and day from the sale lines and report any difference with what the analyses read (exit 1). Every workspace unless --workspace is given");
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
            var what = only is not null ? $"workspace '{cli.Slug}'" : result.Workspaces == 1 ? "1 workspace" : $"{result.Workspaces.ToString("N0", inv)} workspaces";
            if (result.Matches)
            {
                KaminoCli.Out.WriteLine(string.Create(inv, $"sale_day matches {result.Lines:N0} sale lines ({result.Days:N0} customer days, {what})"));
                return ExitCodes.Ok;
            }

            var slugs = await cli.Db.Workspaces.ToDictionaryAsync(w => w.Id, w => w.Slug, ct);
            foreach (var d in result.Differences)
            {
                await KaminoCli.Error.WriteLineAsync(string.Create(inv,
                    $"{slugs.GetValueOrDefault(d.WorkspaceId)} customer {d.CustomerId} {d.Date:yyyy-MM-dd}: sale_day {Side(d.StoredCents, d.StoredLines)}, sale lines {Side(d.LinesCents, d.LinesCount)}"));
            }

            var more = result.DifferenceCount > result.Differences.Count ? $" (the first {result.Differences.Count:N0} listed)" : "";
            await KaminoCli.Error.WriteLineAsync(string.Create(inv,
                $"sale_day differs from the sale lines on {result.DifferenceCount:N0} customer days{more} ({result.Lines:N0} sale lines, {what})"));
            return ExitCodes.Failure;
        });
        return command;
    }

    private static string Side(long? cents, long? lines) =>
        cents is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c / 100m:0.00} in {lines} lines") : "no row";
}
