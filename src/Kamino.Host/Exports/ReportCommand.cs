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

    private static readonly Option<FileInfo> Output = new("--output", "-o") { Description = "The PDF file to write (replaced if it exists)", Required = true };

    private static readonly Option<string?> Language = new("--language")
    {
        Description = "es or en (default: the language of the environment, LANG)",
    };

    public static Command Create()
    {
        var portfolio = new Command("portfolio", "The portfolio report as PDF: Pareto chart, ABC classes, concentration, key accounts with owner, health and next check-in. Default period: the 12 months up to the latest sale.")
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
        return new Command("report", "Reports to print or send: the portfolio report for the monthly meeting") { portfolio };
    }
}
