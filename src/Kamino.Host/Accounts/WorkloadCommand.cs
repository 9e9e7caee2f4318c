using System.CommandLine;
using System.Globalization;
using Kamino.Accounts;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

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
        var command = new Command("workload", Say("Help_Workload")) { format };
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
                    console.WriteLine(Say("Accounts_WorkloadSummary", report.Period.From is null ? Say("Accounts_NoSales") : CliFormat.Period(report.Period),
                        Count(report.KeyAccounts), Count(report.Unowned), Count(report.KamCapacity)));
                    if (report.People.Count == 0)
                    {
                        console.WriteLine(Say("Accounts_WorkloadEmpty"));
                        return;
                    }

                    CliOutput.WriteTable(console, report.People, columns);
                    foreach (var p in report.People.Where(p => p.OverCapacity))
                    {
                        console.MarkupLine($"[bold]{Markup.Escape(p.Name)}[/]" + Markup.Escape(Say("Accounts_OverCapacity", Count(p.KeyAccounts), Count(report.KamCapacity))));
                    }
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static CliColumn<WorkloadRow>[] Columns(string currency) =>
    [
        new(Say("Accounts_Owner"), "name", r => r.Name),
        new(Say("Accounts_KeyAccounts"), "keyAccounts", r => r.KeyAccounts.ToString(CultureInfo.InvariantCulture)),
        new(Say("Accounts_Revenue", currency), "revenue", r => r.Revenue.ToString("N2", Shown), r => r.Revenue.ToString(CultureInfo.InvariantCulture)),
        new(Say("Accounts_Share"), "share", r => CliFormat.Percent(r.Share), r => CliFormat.CsvNumber(r.Share)),
        new(Say("Accounts_Due"), "checkinsDue", r => r.CheckinsDue.ToString(CultureInfo.InvariantCulture)),
        new(Say("Accounts_Overdue"), "checkinsOverdue", r => r.CheckinsOverdue.ToString(CultureInfo.InvariantCulture)),
        new(Say("Accounts_OpenTasks"), "openTasks", r => r.OpenTasks.ToString(CultureInfo.InvariantCulture)),
        new(Say("Accounts_OverCapacityColumn"), "overCapacity", r => Say(r.OverCapacity ? "Accounts_Yes" : "Accounts_No"), r => r.OverCapacity ? "yes" : "no"),
    ];

    /// <summary>Revenue in the table: the run's culture when it speaks Spanish, as before (a dot) otherwise.</summary>
    private static CultureInfo Shown => CliLanguage.IsSpanish ? CultureInfo.CurrentCulture : CultureInfo.InvariantCulture;

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
