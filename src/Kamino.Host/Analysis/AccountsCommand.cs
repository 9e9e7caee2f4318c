using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Accounts;
using Kamino.Host.Cli;
using Kamino.Host.Customers;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Analysis;

/// <summary><c>kamino accounts …</c>: analyses of the workspace's customers.</summary>
public static class AccountsCommand
{
    private static readonly PeriodOptions Period = new();

    public static Command Create()
    {
        var pareto = Period.Runs(
            new Command("pareto", Say("Help_Accounts_Pareto")),
            PeriodOptions.NoWorkspaceHint,
            async (parse, ws, request, format, ct) =>
            {
                Print(format, (await ParetoQuery.RunAsync(ws.Db, ws.WorkspaceId, request, ct))!);
                return ExitCodes.Ok;
            });

        return new Command("accounts", Say("Help_Accounts"))
        {
            pareto,
            CompareCommand.Create(),
            WhatIfCommand.Create(),
            SeriesCommand.Create(),
            AccountsListCommand.Create(),
            AccountShowCommand.Create(),
            RateCommand.Create(),
            ReferCommand.Create(),
            DesignateCommand.Create(designate: true),
            DesignateCommand.Create(designate: false),
            AccountTeamCommand.Create(),
            AccountOwnerCommand.Create(),
            AccountMemberCommand.Create(),
            MyAccountsCommand.Create(),
            WorkloadCommand.Create(),
            Kamino.Host.Health.HealthCommand.Create(),
        };
    }

    internal static void Print(OutputFormat format, ParetoReport report) => CliOutput.Print(
        format,
        report,
        w =>
        {
            w.WriteLine("rank,customerId,name,revenue,share,cumulativeShare,pareto,class");
            foreach (var c in report.Customers)
            {
                w.WriteLine(string.Join(',', CliFormat.CsvNumber(c.Rank), CliFormat.CsvField(c.CustomerId), CliFormat.CsvField(c.Name),
                    CliFormat.CsvNumber(c.Revenue), CliFormat.CsvNumber(c.Share), CliFormat.CsvNumber(c.CumulativeShare), c.Pareto ? "true" : "false", c.Class.ToString()));
            }
        },
        console => PrintTable(console, report),
        KaminoJson.Generated.ParetoReport);

    private static void PrintTable(IAnsiConsole console, ParetoReport r)
    {
        var culture = CultureInfo.CurrentCulture;
        string Money(decimal v) => CliFormat.Money(v, r.Currency);
        static string Pct(decimal? v) => CliFormat.Percent(v);

        console.MarkupLineInterpolated($"[bold]{Say("Analysis_Period")}[/] {CliFormat.Period(r.Period)}   [bold]{Say("Analysis_Revenue")}[/] {Money(r.TotalRevenue)}   [bold]{Say("Analysis_Customers")}[/] {r.CustomerCount:N0}");
        CliFormat.ConvertedLines(console, r.Currency, r.ConvertedLines);
        if (r.Note is not null)
        {
            console.MarkupLineInterpolated($"[yellow]{r.Note}[/]");
        }

        if (r.CustomerCount == 0)
        {
            return;
        }

        console.MarkupLineInterpolated($"[bold]{Say("Analysis_ParetoSet")}[/] {Say("Analysis_ParetoLine", Pct(r.Threshold), r.ParetoCount.ToString("N0", culture), Pct(r.ParetoCustomerShare), Pct(r.ParetoRevenueShare))}");
        console.MarkupLineInterpolated($"[bold]ABC[/] A {r.Classes.A:N0} ({Money(r.ClassRevenue.A)})  B {r.Classes.B:N0} ({Money(r.ClassRevenue.B)})  C {r.Classes.C:N0} ({Money(r.ClassRevenue.C)})");
        if (r.Concentration is { } c)
        {
            console.MarkupLineInterpolated($"[bold]{Say("Analysis_Concentration")}[/] {Say("Analysis_ConcentrationLine", Pct(c.Top1Share), Pct(c.Top5Share), Pct(c.Top10Share), c.Hhi.ToString("N0", culture), c.EffectiveCustomers.ToString("N1", culture))}");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("#", c => c.RightAligned())
            .AddColumn(Say("Analysis_Customer"))
            .AddColumn(Say("Analysis_Name"))
            .AddColumn(Say("Analysis_Revenue"), c => c.RightAligned())
            .AddColumn(Say("Analysis_Share"), c => c.RightAligned())
            .AddColumn(Say("Analysis_Cumulative"), c => c.RightAligned())
            .AddColumn(Say("Analysis_Class"));
        foreach (var row in r.Customers)
        {
            table.AddRow(
                new Text(row.Rank.ToString(culture)),
                new Text(row.CustomerId),
                new Text(row.Name),
                new Text(Money(row.Revenue)),
                new Text(Pct(row.Share)),
                new Text(Pct(row.CumulativeShare)),
                new Markup(row.Pareto ? $"[green]{row.Class}[/] ★" : row.Class.ToString()));
        }

        console.Write(table);
    }
}
