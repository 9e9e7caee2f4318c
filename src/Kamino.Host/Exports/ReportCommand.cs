using System.CommandLine;
using System.Globalization;
using Kamino.Exports;
using Kamino.Host.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Exports;

/// <summary>
/// <c>kamino report portfolio --output FILE.pdf [--from D --to D | --all] [--threshold S] [--language es|en]</c>: the
/// portfolio report for the monthly meeting (docs/exports.md), the same PDF as <c>GET …/reports/portfolio.pdf</c>.
/// </summary>
public static class ReportCommand
{
    private static readonly PeriodOptions Period = new();

    private static readonly Option<FileInfo> Output = new Option<FileInfo>("--output", "-o") { Required = true }.Help("Help_Report_Output");

    private static readonly Option<string?> Language = new Option<string?>("--language").Help("Help_Report_Language");

    public static Command Create()
    {
        var portfolio = new Command("portfolio", Say("Help_Report_Portfolio"))
        {
            Output, Language,
        };
        Language.AcceptOnlyFromAmong("es", "en");
        Period.AddTo(portfolio);
        portfolio.SetAction((parse, ct) => Period.RunAsync(parse, async (ws, request) =>
        {
            var report = (await PortfolioReport.LoadAsync(ws.Db, ws.WorkspaceId, request, ws.Today, ct))!;
            var file = parse.GetValue(Output)!;
            var labels = PortfolioPdfLabels.For(parse.GetValue(Language) ?? CultureInfo.CurrentUICulture.Name);
            await File.WriteAllBytesAsync(file.FullName, PortfolioPdf.Render(report, labels), ct);
            KaminoCli.Out.WriteLine(Say("Exports_PortfolioWritten", ws.Slug, report.KeyAccounts.Count.ToString(CultureInfo.InvariantCulture), file.FullName));
            return ExitCodes.Ok;
        }, PeriodOptions.NoWorkspaceHint, ct));
        return new Command("report", Say("Help_Report")) { portfolio };
    }
}
