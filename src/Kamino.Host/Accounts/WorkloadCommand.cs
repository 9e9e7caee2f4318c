using System.CommandLine;
using System.Globalization;
using Kamino.Accounts;
using Kamino.Host.Cli;
using Spectre.Console;

namespace Kamino.Host.Accounts;

/// <summary>
/// <c>kamino accounts workload</c>: one row per owner of key accounts — key accounts, revenue covered and its share,
/// check-ins due and overdue, open tasks — and who carries more than the capacity per KAM (<see cref="Workload"/>).
/// </summary>
public static class WorkloadCommand
{
    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("workload", "Key accounts per owner: revenue covered, check-ins due and overdue, open tasks, and who is over the capacity per KAM") { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var report = (await Workload.GetAsync(ws.Db, ws.WorkspaceId, ws.Today, null, ct))!;
            var columns = Columns(report.Currency);
            CliOutput.Print(
                parse.GetValue(format),
                report,
                w => CliOutput.WriteCsv(w, report.People, columns),
                console =>
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Period {CliFormat.Period(report.Period)}; {report.KeyAccounts} key accounts, {report.Unowned} without owner; capacity {report.KamCapacity} key accounts per KAM"));
                    if (report.People.Count == 0)
                    {
                        console.WriteLine("Nobody owns a key account yet: set owners with `kamino accounts owner`.");
                        return;
                    }

                    CliOutput.WriteTable(console, report.People, columns);
                    foreach (var p in report.People.Where(p => p.OverCapacity))
                    {
                        console.MarkupLineInterpolated($"[bold]{p.Name}[/] carries {p.KeyAccounts} key accounts, more than the {report.KamCapacity} one KAM can serve");
                    }
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static CliColumn<WorkloadRow>[] Columns(string currency) =>
    [
        new("Owner", "name", r => r.Name),
        new("Key accounts", "keyAccounts", r => r.KeyAccounts.ToString(CultureInfo.InvariantCulture)),
        new($"Revenue ({currency})", "revenue", r => r.Revenue.ToString("N2", CultureInfo.InvariantCulture), r => r.Revenue.ToString(CultureInfo.InvariantCulture)),
        new("Share", "share", r => CliFormat.Percent(r.Share), r => CliFormat.CsvNumber(r.Share)),
        new("Due", "checkinsDue", r => r.CheckinsDue.ToString(CultureInfo.InvariantCulture)),
        new("Overdue", "checkinsOverdue", r => r.CheckinsOverdue.ToString(CultureInfo.InvariantCulture)),
        new("Open tasks", "openTasks", r => r.OpenTasks.ToString(CultureInfo.InvariantCulture)),
        new("Over capacity", "overCapacity", r => r.OverCapacity ? "yes" : "no"),
    ];
}
