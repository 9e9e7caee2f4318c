using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Analysis;

/// <summary><c>kamino accounts compare</c>: the current period against the previous one, with class migrations.</summary>
public static class CompareCommand
{
    private static readonly Option<string?> From = new Option<string?>("--from").Help("Help_Compare_From");
    private static readonly Option<string?> To = new Option<string?>("--to").Help("Help_Compare_To");
    private static readonly Option<string?> VsFrom = new Option<string?>("--vs-from").Help("Help_Compare_VsFrom");
    private static readonly Option<string?> VsTo = new Option<string?>("--vs-to").Help("Help_Compare_VsTo");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("compare", Say("Help_Compare"))
        {
            From,
            To,
            VsFrom,
            VsTo,
            format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<ParameterError>();
            var request = CompareParameters.Validate(parse.GetValue(From), parse.GetValue(To), parse.GetValue(VsFrom), parse.GetValue(VsTo), p => "--" + p, errors);
            if (request is null)
            {
                await KaminoCli.Error.WriteLineAsync(PeriodOptions.Words(errors[0], p => p switch
                {
                    "from" => parse.GetValue(From)?.Trim(),
                    "to" => parse.GetValue(To)?.Trim(),
                    "vs-from" => parse.GetValue(VsFrom)?.Trim(),
                    "vs-to" => parse.GetValue(VsTo)?.Trim(),
                    _ => null,
                }));
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct, PeriodOptions.NoWorkspaceHint);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            Print(parse.GetValue(format), (await AnalysisQueries.CompareAsync(ws.Db, ws.WorkspaceId, request, ct))!);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(OutputFormat format, ComparisonReport report) => CliOutput.Print(
        format,
        report,
        w =>
        {
            w.WriteLine("customerId,name,previousRevenue,currentRevenue,previousClass,currentClass,change,relativeChange,movement");
            foreach (var c in report.Customers)
            {
                w.WriteLine(string.Join(',', CliFormat.CsvField(c.CustomerId), CliFormat.CsvField(c.Name), CliFormat.CsvNumber(c.PreviousRevenue), CliFormat.CsvNumber(c.CurrentRevenue),
                    c.PreviousClass?.ToString() ?? "", c.CurrentClass?.ToString() ?? "", CliFormat.CsvNumber(c.Change), CliFormat.CsvNumber(c.RelativeChange), c.Movement.ToString()));
            }
        },
        console => PrintTable(console, report));

    private static void PrintTable(IAnsiConsole console, ComparisonReport r)
    {
        var culture = CultureInfo.CurrentCulture;
        string Money(decimal v) => CliFormat.Money(v, r.Currency);
        static string Pct(decimal? v) => CliFormat.Percent(v);
        static string Period(PeriodDto p) => CliFormat.Period(p);
        CliFormat.ConvertedLines(console, r.Currency, r.ConvertedLines);

        var sides = new Table().Border(TableBorder.Rounded)
            .AddColumn("")
            .AddColumn(Say("Analysis_Previous"), c => c.RightAligned())
            .AddColumn(Say("Analysis_Current"), c => c.RightAligned());
        sides.AddRow(Say("Analysis_Period"), Period(r.Previous.Period), Period(r.Current.Period));
        sides.AddRow(Say("Analysis_Revenue"), Money(r.Previous.TotalRevenue), Money(r.Current.TotalRevenue));
        sides.AddRow(Say("Analysis_Customers"), r.Previous.CustomerCount.ToString("N0", culture), r.Current.CustomerCount.ToString("N0", culture));
        sides.AddRow("A / B / C", $"{r.Previous.Classes.A:N0} / {r.Previous.Classes.B:N0} / {r.Previous.Classes.C:N0}", $"{r.Current.Classes.A:N0} / {r.Current.Classes.B:N0} / {r.Current.Classes.C:N0}");
        sides.AddRow("Top 1 / 5 / 10", Tops(r.Previous.Concentration), Tops(r.Current.Concentration));
        sides.AddRow("HHI", r.Previous.Concentration?.Hhi.ToString("N0", culture) ?? "–", r.Current.Concentration?.Hhi.ToString("N0", culture) ?? "–");
        sides.AddRow(Say("Analysis_EffectiveCustomers"), r.Previous.Concentration?.EffectiveCustomers.ToString("N1", culture) ?? "–", r.Current.Concentration?.EffectiveCustomers.ToString("N1", culture) ?? "–");
        console.Write(sides);
        console.MarkupLineInterpolated($"[bold]{Say("Analysis_Change")}[/] {Money(r.TotalChange)} ({Pct(r.TotalRelativeChange)})   [bold]{Say("Analysis_New")}[/] {r.NewCount:N0}   [bold]{Say("Analysis_Lost")}[/] {r.LostCount:N0}");

        var migrations = new Table().Border(TableBorder.Rounded).Title(Say("Analysis_MigrationsTitle"))
            .AddColumn(Say("Analysis_From")).AddColumn(Say("Analysis_To")).AddColumn(Say("Analysis_Customers"), c => c.RightAligned()).AddColumn(Say("Analysis_RevenueChange"), c => c.RightAligned());
        foreach (var m in r.Migrations)
        {
            migrations.AddRow(m.From, m.To, m.Count.ToString("N0", culture), Money(m.RevenueChange));
        }

        console.Write(migrations);

        var movers = new Table().Border(TableBorder.Rounded).Title(Say("Analysis_MoversTitle"))
            .AddColumn(Say("Analysis_Customer")).AddColumn(Say("Analysis_Name")).AddColumn(Say("Analysis_From")).AddColumn(Say("Analysis_To"))
            .AddColumn(Say("Analysis_Previous"), c => c.RightAligned()).AddColumn(Say("Analysis_Current"), c => c.RightAligned()).AddColumn(Say("Analysis_Change"), c => c.RightAligned());
        foreach (var c in r.Customers.Where(c => c.Movement != Movement.Same))
        {
            movers.AddRow(new Text(c.CustomerId), new Text(c.Name), new Text(c.PreviousClass?.ToString() ?? Say("Analysis_NewCustomer")), new Text(c.CurrentClass?.ToString() ?? Say("Analysis_LostCustomer")),
                new Text(Money(c.PreviousRevenue)), new Text(Money(c.CurrentRevenue)), new Text($"{Money(c.Change)} ({Pct(c.RelativeChange)})"));
        }

        console.Write(movers);

        string Tops(ConcentrationDto? c) => c is null ? "–" : $"{Pct(c.Top1Share)} / {Pct(c.Top5Share)} / {Pct(c.Top10Share)}";
    }
}
