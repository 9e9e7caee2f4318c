using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Analysis;

/// <summary><c>kamino accounts series CUSTOMER</c>: one customer's revenue per month, every month of the period.</summary>
public static class SeriesCommand
{
    private static readonly Argument<string> Customer = new Argument<string>("CUSTOMER").Help("Help_Series_Customer");
    private static readonly PeriodOptions Period = new("Help_Series_All", withThreshold: false);

    public static Command Create()
    {
        return Period.Runs(new Command("series", Say("Help_Series"))
        {
            Customer,
        }, PeriodOptions.NoWorkspaceHint, async (parse, ws, request, format, ct) =>
        {
            var key = parse.GetValue(Customer)!.Trim();
            return await PeriodOptions.PrintAsync(await AnalysisQueries.SeriesAsync(ws.Db, ws.WorkspaceId, key, request, ct), Say("Cli_NoCustomer", key, ws.Slug), r => Print(format, r));
        });
    }

    private static void Print(OutputFormat format, SeriesReport report) => CliOutput.Print(
        format,
        report,
        w =>
        {
            w.WriteLine("month,revenue,partial");
            foreach (var m in report.Months)
            {
                w.WriteLine(string.Join(',', m.Month, CliFormat.CsvNumber(m.Revenue), m.Partial ? "true" : "false"));
            }
        },
        console =>
        {
            var culture = CultureInfo.CurrentCulture;
            console.MarkupLineInterpolated($"[bold]{report.CustomerId}[/] {report.Name}   [bold]{Say("Analysis_Period")}[/] {CliFormat.Period(report.Period)}   [bold]{Say("Analysis_Revenue")}[/] {CliFormat.Money(report.TotalRevenue, report.Currency)}");
            var table = new Table().Border(TableBorder.Rounded).AddColumn(Say("Analysis_Month")).AddColumn(Say("Analysis_Revenue"), c => c.RightAligned());
            foreach (var m in report.Months)
            {
                table.AddRow(m.Partial ? Say("Analysis_PartMonth", m.Month) : m.Month, m.Revenue.ToString("N2", culture));
            }

            console.Write(table);
        });
}
