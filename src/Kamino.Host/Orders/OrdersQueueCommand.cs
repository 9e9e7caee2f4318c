using System.CommandLine;
using System.Globalization;
using Kamino.Host.Activities;
using Kamino.Host.Analysis;
using Kamino.Host.Cli;
using Kamino.Orders;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Orders;

/// <summary>
/// <c>kamino orders queue [--now DATETIME] [--offset N] [--limit N]</c> and <c>kamino orders stats [--from D] [--to D]</c>,
/// both with <c>--format table|json|csv</c> (docs/orders-queue.md). Factories: the <c>orders</c> group adds them.
/// </summary>
public static class OrdersQueueCommand
{
    private static readonly Option<string?> Now = new Option<string?>("--now", "--today").Help("Help_OrdersQueue_Now");

    private static readonly Option<int?> Offset = new Option<int?>("--offset").Help("Help_OrdersQueue_Offset");
    private static readonly Option<int?> Limit = new Option<int?>("--limit").Help("Help_OrdersQueue_Limit");
    private static readonly Option<string?> From = new Option<string?>("--from").Help("Help_OrdersQueue_From");
    private static readonly Option<string?> To = new Option<string?>("--to").Help("Help_OrdersQueue_To");

    /// <summary><c>kamino orders queue</c>.</summary>
    public static Command Queue()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("queue", Say("Help_OrdersQueue_Queue"))
        {
            Now, Offset, Limit, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var raw = parse.GetValue(Now);
            var at = raw is null ? CliContext.Clock.GetUtcNow() : ActivitiesCommand.ParseAt(raw);
            if (at is null)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Orders_BadNow", raw));
                return ExitCodes.Usage;
            }

            if (parse.GetValue(Offset) is < 0 || parse.GetValue(Limit) is < 1 or > OrderQueue.MaxLimit)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Orders_BadPage"));
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var page = await OrderQueue.PageAsync(ws.Db, ws.WorkspaceId, at.Value.UtcDateTime, parse.GetValue(Offset), parse.GetValue(Limit), ct);
            CliColumn<QueuedOrder>[] columns =
            [
                new(Say("Orders_Number"), "number", o => Invariant(o.Number)),
                new(Say("Orders_Customer"), "customerId", o => o.CustomerId),
                new(Say("Orders_Name"), "customerName", o => o.CustomerName),
                new(Say("Orders_Tier"), "tier", o => o.Tier),
                new(Say("Orders_Priority"), "priority", o => Invariant(o.Priority)),
                new(Say("Orders_Status"), "status", o => Say("Orders_Status_" + StatusName(o.Status)), o => StatusName(o.Status)),
                new(Say("Orders_ReceivedAt"), "receivedAt", o => Time(o.ReceivedAt)),
                new(Say("Orders_Promised"), "promisedAt", o => Time(o.PromisedAt)),
                new(Say("Orders_Handler"), "handler", o => o.Handler),
                new(Say("Orders_Late"), "late", o => o.Late ? Say("Orders_LateBy", LateText(o.LateMinutes)) : "", o => o.Late ? "late " + LateText(o.LateMinutes) : ""),
            ];
            CliOutput.Print(parse.GetValue(format), page.Orders, w => CliOutput.WriteCsv(w, page.Orders, columns), console =>
            {
                CliOutput.WriteTable(console, page.Orders, columns);
                console.WriteLine(page.Total == 0
                    ? Say("Orders_QueueEmpty")
                    : Say("Orders_QueueShown", Invariant(page.Orders.Count), Invariant(page.Total), Invariant(page.Offset + 1), Invariant(page.Late), Time(page.At)));
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>kamino orders stats</c>.</summary>
    public static Command Stats()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("stats", Say("Help_OrdersQueue_Stats"))
        {
            From, To, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<ParameterError>();
            if (ParetoParameters.Validate(parse.GetValue(From), parse.GetValue(To), false, 0.80m, p => "--" + p, errors) is not { } request)
            {
                await KaminoCli.Error.WriteLineAsync(PeriodOptions.Words(errors[0], p => p == "from" ? parse.GetValue(From) : parse.GetValue(To)));
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var (from, to) = OrderStats.Period(request.From, request.To, ws.Today);
            if (from > to)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Orders_FromAfterTo", Day(from), Day(to)));
                return ExitCodes.Usage;
            }

            var report = await OrderStats.ReportAsync(ws.Db, ws.WorkspaceId, from, to, ct);
            CliColumn<TierOrderStats>[] columns =
            [
                new(Say("Orders_Tier"), "tier", t => t.Tier),
                new(Say("Orders_Orders"), "orders", t => Invariant(t.Orders)),
                new(Say("Orders_FulfilledCount"), "fulfilled", t => Invariant(t.Fulfilled)),
                new(Say("Orders_MedianHours"), "medianHours", t => Hours(t.MedianHours), t => CliFormat.CsvNumber(t.MedianHours)),
                new(Say("Orders_P90Hours"), "p90Hours", t => Hours(t.P90Hours), t => CliFormat.CsvNumber(t.P90Hours)),
                new(Say("Orders_OnTime"), "onTimeShare", t => CliFormat.CsvNumber(t.OnTimeShare)),
            ];
            CliOutput.Print(parse.GetValue(format), report.Tiers, w => CliOutput.WriteCsv(w, report.Tiers, columns), console =>
            {
                console.WriteLine(Say("Orders_StatsPeriod", Day(report.From), Day(report.To)));
                CliOutput.WriteTable(console, report.Tiers, [.. columns[..5], new(Say("Orders_OnTime"), "onTimeShare", t => CliFormat.Percent(t.OnTimeShare))]);
                if (report.Tiers.Count == 0)
                {
                    console.WriteLine(Say("Orders_StatsNone"));
                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The status as JSON writes it (<c>received</c>, <c>inProgress</c>, …).</summary>
    public static string StatusName(OrderStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>How late, in hours and minutes ("5 h 20 min").</summary>
    public static string LateText(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60} min");

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>Hours for the table: a decimal comma in a Spanish run, a dot otherwise (the CSV always has a dot).</summary>
    private static string Hours(decimal? hours) => hours?.ToString(CliLanguage.IsSpanish ? CultureInfo.CurrentCulture : CultureInfo.InvariantCulture) ?? "";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
