using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Analysis;

/// <summary><c>kamino accounts whatif --without CUSTOMER</c>: total revenue, Pareto set and HHI without one customer.</summary>
public static class WhatIfCommand
{
    private static readonly Option<string> Without = new Option<string>("--without") { Required = true }.Help("Help_WhatIf_Without");
    private static readonly PeriodOptions Period = new();

    public static Command Create()
    {
        return Period.Runs(new Command("whatif", Say("Help_WhatIf_Whatif"))
        {
            Without,
        }, PeriodOptions.NoWorkspaceHint, async (parse, ws, request, format, ct) =>
        {
            var key = parse.GetValue(Without)!.Trim();
            if (key.Length == 0)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Analysis_WithoutEmpty"));
                return ExitCodes.Usage;
            }

            return await PeriodOptions.PrintAsync(await AnalysisQueries.WhatIfAsync(ws.Db, ws.WorkspaceId, key, request, ct), "--without: " + Say("Cli_NoCustomer", key, ws.Slug), r => Print(format, r));
        });
    }

    private static void Print(OutputFormat format, WhatIfReport report) => CliOutput.Print(
        format,
        report,
        w =>
        {
            w.WriteLine("side,totalRevenue,customerCount,paretoCount,a,b,c,top1Share,hhi,effectiveCustomers");
            foreach (var (side, s) in new[] { ("before", report.Before), ("after", report.After) })
            {
                w.WriteLine(string.Join(',', side, CliFormat.CsvNumber(s.TotalRevenue), CliFormat.CsvNumber(s.CustomerCount), CliFormat.CsvNumber(s.ParetoCount),
                    CliFormat.CsvNumber(s.Classes.A), CliFormat.CsvNumber(s.Classes.B), CliFormat.CsvNumber(s.Classes.C),
                    CliFormat.CsvNumber(s.Concentration?.Top1Share), CliFormat.CsvNumber(s.Concentration?.Hhi), CliFormat.CsvNumber(s.Concentration?.EffectiveCustomers)));
            }
        },
        console => PrintTable(console, report));

    private static void PrintTable(IAnsiConsole console, WhatIfReport r)
    {
        var culture = CultureInfo.CurrentCulture;
        string Money(decimal v) => CliFormat.Money(v, r.Currency);
        static string Pct(decimal? v) => CliFormat.Percent(v);

        console.MarkupLineInterpolated($"[bold]{Say("Analysis_Period")}[/] {CliFormat.Period(r.Period)}   [bold]{Say("Analysis_Without")}[/] {r.CustomerId} {r.Name}");
        console.MarkupLineInterpolated($"[bold]{Say("Analysis_RevenueAtRisk")}[/] {Say("Analysis_AtRiskLine", Money(r.RevenueAtRisk), Pct(r.ShareAtRisk))}");
        CliFormat.ConvertedLines(console, r.Currency, r.ConvertedLines);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("")
            .AddColumn(Say("Analysis_With"), c => c.RightAligned())
            .AddColumn(Say("Analysis_Without"), c => c.RightAligned());
        table.AddRow(Say("Analysis_Revenue"), Money(r.Before.TotalRevenue), Money(r.After.TotalRevenue));
        table.AddRow(Say("Analysis_Customers"), r.Before.CustomerCount.ToString("N0", culture), r.After.CustomerCount.ToString("N0", culture));
        table.AddRow(Say("Analysis_ParetoSetOf", Pct(r.Threshold)), r.Before.ParetoCount.ToString("N0", culture), r.After.ParetoCount.ToString("N0", culture));
        table.AddRow("A / B / C", $"{r.Before.Classes.A:N0} / {r.Before.Classes.B:N0} / {r.Before.Classes.C:N0}", $"{r.After.Classes.A:N0} / {r.After.Classes.B:N0} / {r.After.Classes.C:N0}");
        table.AddRow("HHI", r.Before.Concentration?.Hhi.ToString("N0", culture) ?? "–", r.After.Concentration?.Hhi.ToString("N0", culture) ?? "–");
        table.AddRow(Say("Analysis_EffectiveCustomers"), r.Before.Concentration?.EffectiveCustomers.ToString("N1", culture) ?? "–", r.After.Concentration?.EffectiveCustomers.ToString("N1", culture) ?? "–");
        console.Write(table);
        if (r.JoinsParetoSet.Count > 0)
        {
            console.MarkupLineInterpolated($"[bold]{Say("Analysis_WouldJoin")}[/] {string.Join(", ", r.JoinsParetoSet)}");

        }
    }
}
