using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Kamino.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;

namespace Kamino.Host.Analysis;

/// <summary><c>kamino accounts series CUSTOMER</c>: one customer's revenue per month, every month of the period.</summary>
public static class SeriesCommand
{
    private static readonly Argument<string> Customer = new("CUSTOMER") { Description = "Customer key (its tax id, else its customer id)" };
    private static readonly Option<string?> From = new("--from") { Description = "First sale date of the period, yyyy-mm-dd (inclusive)" };
    private static readonly Option<string?> To = new("--to") { Description = "Last sale date of the period, yyyy-mm-dd (inclusive)" };
    private static readonly Option<bool> All = new("--all") { Description = "All sales of the workspace, whatever their date" };

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("series", "A customer's monthly revenue over the period (default: the 12 months up to the workspace's latest sale), zeros included")
        {
            Customer,
            From,
            To,
            All,
            format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<ParameterError>();
            var request = ParetoParameters.Validate(parse.GetValue(From), parse.GetValue(To), parse.GetValue(All), 0.80m, p => "--" + p, errors);
            if (request is null)
            {
                await KaminoCli.Error.WriteLineAsync(errors[0].Message);
                return ExitCodes.Usage;
            }

            var key = parse.GetValue(Customer)!.Trim();
            var database = KaminoCli.OpenDatabase(parse);
            await database.MigrateAsync(ct);
            await using var db = database.CreateDbContext();
            var workspace = parse.GetValue(KaminoCli.Workspace)!;
            var result = await AnalysisQueries.SeriesAsync(db, workspace, key, request, ct);
            switch (result.Status)
            {
                case LookupStatus.NoWorkspace:
                    await KaminoCli.Error.WriteLineAsync($"workspace '{workspace}' does not exist (import a file into it first)");
                    return ExitCodes.Failure;
                case LookupStatus.NoCustomer:
                    await KaminoCli.Error.WriteLineAsync($"no customer '{key}' in workspace '{workspace}'");
                    return ExitCodes.Rejected;
                case LookupStatus.Found:
                    break;
            }

            Print(parse.GetValue(format), result.Report!);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(OutputFormat format, SeriesReport report)
    {
        var console = KaminoCli.Out;
        var w = console.Profile.Out.Writer;
        switch (format)
        {
            case OutputFormat.Json:
                w.WriteLine(JsonSerializer.Serialize(report, KaminoJson.Options));
                break;
            case OutputFormat.Csv:
                w.WriteLine("month,revenue,partial");
                foreach (var m in report.Months)
                {
                    w.WriteLine(string.Join(',', m.Month, CliFormat.CsvNumber(m.Revenue), m.Partial ? "true" : "false"));
                }

                break;
            case OutputFormat.Table:
                var culture = CultureInfo.CurrentCulture;
                var period = report.Period.From is null ? "no sales" : $"{report.Period.From:yyyy-MM-dd} .. {report.Period.To:yyyy-MM-dd}";
                console.MarkupLineInterpolated($"[bold]{report.CustomerId}[/] {report.Name}   [bold]Period[/] {period}   [bold]Revenue[/] {report.TotalRevenue.ToString("N2", culture)} {report.Currency}");
                var table = new Table().Border(TableBorder.Rounded).AddColumn("Month").AddColumn("Revenue", c => c.RightAligned());
                foreach (var m in report.Months)
                {
                    table.AddRow(m.Partial ? m.Month + " (part)" : m.Month, m.Revenue.ToString("N2", culture));
                }

                console.Write(table);
                break;
        }
    }
}
