using System.CommandLine;
using System.Globalization;
using Kamino.Exports;
using Kamino.Host.Activities;
using Kamino.Host.Cli;
using Kamino.Orders;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Orders;

/// <summary>
/// <c>kamino orders add|list|show|start|fulfil|cancel|approve|reject</c> (issue 14). The command line acts as the system
/// unless <c>--user</c> names a member; approving and rejecting need <c>--user</c> (nobody decides on their own order).
/// A change is made from the order's current version, or from <c>--if-version</c>: a stale one is refused (exit 1).
/// </summary>
public static class OrdersCommand
{
    private static readonly Argument<string> Customer = new Argument<string>("CUSTOMER").Help("Help_Orders_Customer");
    private static readonly Argument<long> Number = new Argument<long>("NUMBER").Help("Help_Orders_Number");
    private static readonly Option<string[]> Lines = new Option<string[]>("--line", "-l")
    {
        AllowMultipleArgumentsPerToken = false,
        Required = true,
    }.Help("Help_Orders_Lines");

    private static readonly Option<string?> Received = new Option<string?>("--received").Help("Help_Orders_Received");
    private static readonly Option<OrderChannel> Channel = new Option<OrderChannel>("--channel") { DefaultValueFactory = _ => OrderChannel.Phone }.Help("Help_Orders_Channel").DefinedOnly();
    private static readonly Option<string?> Requested = new Option<string?>("--requested").Help("Help_Orders_Requested");
    private static readonly Option<string?> Notes = new Option<string?>("--notes").Help("Help_Orders_Notes");
    private static readonly Option<string?> Handler = new Option<string?>("--handler").Help("Help_Orders_Handler");
    private static readonly Option<string?> User = new Option<string?>("--user", "-u").Help("Help_Orders_User");
    private static readonly Option<string> DeciderUser = new Option<string>("--user", "-u") { Required = true }.Help("Help_Orders_DeciderUser");
    private static readonly Option<string?> At = new Option<string?>("--at").Help("Help_Orders_At");
    private static readonly Option<string> CancelReason = new Option<string>("--reason", "-r") { Required = true }.Help("Help_Orders_CancelReason");
    private static readonly Option<string?> ApproveReason = new Option<string?>("--reason", "-r").Help("Help_Orders_ApproveReason");
    private static readonly Option<string?> RejectReason = new Option<string?>("--reason", "-r") { Required = true }.Help("Help_Orders_RejectReason");
    private static readonly Option<int?> IfVersion = new Option<int?>("--if-version").Help("Help_Orders_IfVersion");
    private static readonly Option<OrderStatus?> Status = new Option<OrderStatus?>("--status").Help("Help_Orders_Status").DefinedOnly();
    private static readonly Option<string?> OfCustomer = new Option<string?>("--customer", "-c").Help("Help_Orders_OfCustomer");
    private static readonly Option<int> Take = new Option<int>("--take") { DefaultValueFactory = _ => 50 }.Help("Help_Orders_Take");

    public static Command Create() => new("orders", Say("Help_Orders"))
    {
        AddCommand(),
        ListCommand(),
        ShowCommand(),
        OrdersQueueCommand.Queue(),
        OrdersQueueCommand.Stats(),
        MoveCommand("start", Say("Help_Orders_Start"), (ws, n, v, at, _, user, ct) => OrderBook.StartAsync(ws.Db, ws.WorkspaceId, n, v, at, user, CliContext.Clock, ct)),
        MoveCommand("fulfil", Say("Help_Orders_Fulfil"), (ws, n, v, at, _, user, ct) => OrderBook.FulfilAsync(ws.Db, ws.WorkspaceId, n, v, at, user, CliContext.Clock, ct)),
        MoveCommand("cancel", Say("Help_Orders_Cancel"),
            (ws, n, v, at, reason, user, ct) => OrderBook.CancelAsync(ws.Db, ws.WorkspaceId, n, v, reason, at, user, CliContext.Clock, ct), CancelReason),
        DecideCommand("approve", Say("Help_Orders_Approve"), ApproveReason,
            (ws, n, v, reason, user, ct) => OrderBook.ApproveAsync(ws.Db, ws.WorkspaceId, n, v, reason, user, CliContext.Clock, ct)),
        DecideCommand("reject", Say("Help_Orders_Reject"), RejectReason,
            (ws, n, v, reason, user, ct) => OrderBook.RejectAsync(ws.Db, ws.WorkspaceId, n, v, reason, user, CliContext.Clock, ct)),
    };

    private static Command AddCommand()
    {
        var format = CliFormat.CreateFormatOption();
        var add = new Command("add", Say("Help_Orders_Add"))
        {
            Customer, Lines, Received, Channel, Requested, Notes, Handler, User, format,
        };
        add.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer)
            {
                return ExitCodes.Failure;
            }

            var problems = new List<string>();
            var raw = parse.GetValue(Lines) ?? [];
            var lines = raw.Select((l, i) => ParseLine(l, i, problems)).OfType<NewOrderLine>().ToList();
            DateTimeOffset? received = null;
            if (parse.GetValue(Received) is { } r && (received = ActivitiesCommand.ParseAt(r)) is null)
            {
                problems.Add(Say("Orders_BadMoment", "--received", r));
            }

            if (!CliFormat.TryDate(parse.GetValue(Requested), "--requested", out var requested, out var dateError))
            {
                problems.Add(dateError!);
            }

            if (problems.Count > 0)
            {
                await WriteAsync(problems);
                return ExitCodes.Rejected;
            }

            if (await ws.OptionalMemberAsync(parse.GetValue(User), ct) is not (true, var userId)
                || await ws.OptionalMemberAsync(parse.GetValue(Handler), ct) is not (true, var handlerId))
            {
                return ExitCodes.Failure;
            }

            var input = new NewOrder(lines, parse.GetValue(Channel), received, requested, parse.GetValue(Notes), handlerId);
            var result = await OrderBook.CreateAsync(ws.Db, ws.WorkspaceId, customer.Id, input, userId, CliContext.Clock, ct);
            return await ReportAsync(result, parse.GetValue(format), o =>
                Say("Orders_Received", Num(o.Number), o.CustomerKey, Num(o.Lines.Count), CliMoney(o.TotalCents), o.Currency, Time(o.PromisedAt), o.Tier)
                + (o.NeedsApproval ? Say("Orders_WaitsForApproval", o.Tier, Pct(o.DiscountMinPct), Pct(o.DiscountMaxPct)) : ""));
        });
        return add;
    }

    private static Command ListCommand()
    {
        var format = CliFormat.CreateFormatOption(xlsx: true);
        var list = new Command("list", Say("Help_Orders_List")) { Status, OfCustomer, Take, format };
        CliFormat.WithXlsx(list, format);
        list.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            long? customerId = null;
            if (parse.GetValue(OfCustomer) is { } key)
            {
                if (await ws.CustomerAsync(key, ct) is not { } customer)
                {
                    return ExitCodes.Failure;
                }

                customerId = customer.Id;
            }

            var take = parse.GetValue(Take);
            if (take is < 1 or > OrderFilter.MaxTake)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Orders_BadTake", Num(OrderFilter.MaxTake)));
                return ExitCodes.Rejected;
            }

            var orders = await OrderBook.ListAsync(ws.Db, ws.WorkspaceId, new OrderFilter(parse.GetValue(Status), customerId, 0, take), ct);
            if (parse.GetValue(format) == OutputFormat.Xlsx)
            {
                await CliOutput.WriteXlsxAsync(parse, ExportLists.Orders(orders), ct);
                return ExitCodes.Ok;
            }

            PrintOrders(parse.GetValue(format), orders);
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command ShowCommand()
    {
        var format = CliFormat.CreateFormatOption();
        var show = new Command("show", Say("Help_Orders_Show")) { Number, format };
        show.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await FindAsync(ws, parse.GetValue(Number), ct) is not { } order)
            {
                return ExitCodes.Failure;
            }

            var history = await OrderBook.HistoryAsync(ws.Db, ws.WorkspaceId, order.Number, CultureInfo.CurrentUICulture, ct);
            CliOutput.Print(parse.GetValue(format), order, w => CliOutput.WriteCsv(w, order.Lines, LineColumns), console => PrintOrder(console, order, history));
            return ExitCodes.Ok;
        });
        return show;
    }

    private delegate Task<OrderResult> Move(CliContext ws, long number, int version, DateTimeOffset? at, string? reason, string? userId, CancellationToken ct);

    private delegate Task<OrderResult> Decision(CliContext ws, long number, int version, string? reason, string userId, CancellationToken ct);

    private static Command MoveCommand(string name, string description, Move move, Option<string>? reason = null)
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command(name, description) { Number, At, IfVersion, User, format };
        if (reason is not null)
        {
            command.Options.Add(reason);
        }

        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await FindAsync(ws, parse.GetValue(Number), ct) is not { } order)
            {
                return ExitCodes.Failure;
            }

            DateTimeOffset? at = null;
            if (parse.GetValue(At) is { } raw && (at = ActivitiesCommand.ParseAt(raw)) is null)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Orders_BadMoment", "--at", raw));
                return ExitCodes.Rejected;
            }

            if (await ws.OptionalMemberAsync(parse.GetValue(User), ct) is not (true, var userId))
            {
                return ExitCodes.Failure;
            }

            var result = await move(ws, order.Number, parse.GetValue(IfVersion) ?? order.Version, at, reason is null ? null : parse.GetValue(reason), userId, ct);
            return await ReportAsync(result, parse.GetValue(format), o => Say("Orders_Moved", Num(o.Number), StatusText(o.Status)));
        });
        return command;
    }

    private static Command DecideCommand(string name, string description, Option<string?> reason, Decision decide)
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command(name, description) { Number, reason, DeciderUser, IfVersion, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await FindAsync(ws, parse.GetValue(Number), ct) is not { } order || await ws.MemberAsync(parse.GetValue(DeciderUser)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var result = await decide(ws, order.Number, parse.GetValue(IfVersion) ?? order.Version, parse.GetValue(reason), userId, ct);
            return await ReportAsync(result, parse.GetValue(format), o => Say("Orders_Decided", Num(o.Number), ApprovalText(o.Approval), StatusText(o.Status)));
        });
        return command;
    }

    /// <summary>Prints orders as a table, CSV or JSON (each order whole, lines included).</summary>
    internal static void PrintOrders(OutputFormat format, IReadOnlyList<OrderDto> orders) => CliOutput.Print(format, orders, OrderColumns);

    // Built per run: the headers and the table's status words are in the run's language; the CSV keeps the API's names.
    private static CliColumn<OrderDto>[] OrderColumns =>
    [
        new("#", "number", o => Num(o.Number)),
        new(Say("Orders_Customer"), "customerKey", o => o.CustomerKey),
        new(Say("Orders_Tier"), "tier", o => o.Tier),
        new(Say("Orders_Priority"), "priority", o => o.Priority.ToString(CultureInfo.InvariantCulture)),
        new(Say("Orders_Status"), "status", o => StatusText(o.Status), o => OrderRules.StatusName(o.Status)),
        new(Say("Orders_Approval"), "approval", o => ApprovalText(o.Approval), o => OrderRules.ApprovalName(o.Approval)),
        new(Say("Orders_ReceivedAt"), "receivedAt", o => Time(o.ReceivedAt)),
        new(Say("Orders_Promised"), "promisedAt", o => Time(o.PromisedAt)),
        new(Say("Orders_Fulfilled"), "fulfilledAt", o => o.FulfilledAt is { } f ? Time(f) : null),
        new(Say("Orders_Lines"), "lines", o => o.Lines.Count.ToString(CultureInfo.InvariantCulture)),
        new(Say("Orders_Total"), "totalCents", o => o.TotalCents.ToString(CultureInfo.InvariantCulture)),
        new(Say("Orders_Currency"), "currency", o => o.Currency),
        new(Say("Orders_Version"), "version", o => o.Version.ToString(CultureInfo.InvariantCulture)),
    ];

    private static CliColumn<OrderLineDto>[] LineColumns =>
    [
        new(Say("Orders_Line"), "line", l => l.Line.ToString(CultureInfo.InvariantCulture)),
        new(Say("Orders_Product"), "productCode", l => l.ProductCode),
        new(Say("Orders_Description"), "description", l => l.Description),
        new(Say("Orders_Quantity"), "quantity", l => l.Quantity.ToString(CultureInfo.InvariantCulture)),
        new(Say("Orders_UnitPrice"), "unitPriceCents", l => l.UnitPriceCents.ToString(CultureInfo.InvariantCulture)),
        new(Say("Orders_DiscountPct"), "discountPct", l => l.DiscountPct.ToString(CultureInfo.InvariantCulture)),
        new(Say("Orders_Net"), "netCents", l => l.NetCents.ToString(CultureInfo.InvariantCulture)),
        new(Say("Orders_InRange"), "inRange", l => Say(l.InRange ? "Orders_Yes" : "Orders_No"), l => l.InRange ? "yes" : "no"),
    ];

    /// <summary>The status as the run's language words it in a table or message (English: the API's name).</summary>
    private static string StatusText(OrderStatus status) => Say("Orders_Status_" + OrderRules.StatusName(status));

    /// <summary>The approval state as the run's language words it (English: the API's name).</summary>
    private static string ApprovalText(OrderApproval approval) => Say("Orders_Approval_" + OrderRules.ApprovalName(approval));

    private static void PrintOrder(IAnsiConsole console, OrderDto o, IReadOnlyList<OrderEvent> history)
    {
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine($"[bold]{Markup.Escape(Say("Orders_ShowTitle", Num(o.Number)))}[/]" + Markup.Escape(Say("Orders_ShowFor", o.CustomerKey, o.CustomerName, StatusText(o.Status), Num(o.Version))));
        console.WriteLine(Say("Orders_ShowTerms", o.Tier, Num(o.Priority), Pct(o.DiscountMinPct), Pct(o.DiscountMaxPct), Time(o.ReceivedAt), Say("Orders_Channel_" + o.Channel), Time(o.PromisedAt)));
        console.WriteLine(Say("Orders_ShowApproval", ApprovalText(o.Approval)) + (o.DecidedBy is { } by ? Say("Orders_ShowDecidedBy", by) : "") + (o.DecisionReason is { } why ? $": {why}" : ""));
        if (o.CancelReason is { } cancel)
        {
            console.WriteLine(Say("Orders_ShowCancelled", cancel));
        }

        console.WriteLine(Say("Orders_ShowHandler", o.Handler ?? Say("Orders_Nobody"), o.CreatedBy ?? Say("Orders_System"))
            + (o.RequestedOn is { } d ? Say("Orders_ShowRequested", d.ToString("yyyy-MM-dd", inv)) : ""));
        if (o.Notes.Length > 0)
        {
            console.WriteLine(Say("Orders_ShowNotes", o.Notes));
        }

        CliOutput.WriteTable(console, o.Lines, LineColumns);
        console.MarkupLine($"[bold]{Markup.Escape(Say("Orders_ShowTotal", CliMoney(o.TotalCents), o.Currency))}[/]");
        foreach (var e in history)
        {
            // English keeps the recorded summary (machine-like states, UTC times); Spanish the entry worded when read.
            console.WriteLine($"{e.At.ToString("yyyy-MM-dd HH:mm'Z'", inv)} {e.By ?? Say("Orders_System")}: {(CliLanguage.IsSpanish ? e.Text ?? e.Summary : e.Summary)}");
        }
    }

    private static async Task<OrderDto?> FindAsync(CliContext ws, long number, CancellationToken ct)
    {
        var order = await OrderBook.GetAsync(ws.Db, ws.WorkspaceId, number, ct);
        if (order is null)
        {
            await KaminoCli.Error.WriteLineAsync(Say("Orders_NoOrder", Num(number), ws.Slug));
        }

        return order;
    }

    private static async Task<int> ReportAsync(OrderResult result, OutputFormat format, Func<OrderDto, string> done)
    {
        if (!result.Succeeded)
        {
            await WriteAsync(result.Problems.Select(p => Say(p.Why)));
            return result.Outcome == OrderOutcome.Invalid ? ExitCodes.Rejected : ExitCodes.Failure;
        }

        var order = result.Order!;
        CliOutput.Print(format, order, w => CliOutput.WriteCsv(w, [order], OrderColumns), console => console.WriteLine(done(order)));
        return ExitCodes.Ok;
    }

    private static async Task WriteAsync(IEnumerable<string> problems)
    {
        foreach (var p in problems)
        {
            await KaminoCli.Error.WriteLineAsync(p);
        }
    }

    /// <summary>"DESCRIPTION|QUANTITY|UNIT_PRICE|DISCOUNT_PCT[|PRODUCT_CODE]" (discount optional, 0), or null after adding why to <paramref name="problems"/>.</summary>
    internal static NewOrderLine? ParseLine(string raw, int index, List<string> problems)
    {
        var name = Say("Orders_LineName", Num(index + 1));
        var parts = raw.Split('|');
        if (parts.Length is < 3 or > 5)
        {
            problems.Add(Say("Orders_LineShape", name, raw));
            return null;
        }

        var count = problems.Count;
        var quantity = Decimal(parts[1], Say("Orders_NotQuantity", name, parts[1].Trim()), problems);
        var price = Decimal(parts[2], Say("Orders_NotPrice", name, parts[2].Trim()), problems);
        var discount = parts.Length > 3 && parts[3].Trim().Length > 0 ? Decimal(parts[3], Say("Orders_NotDiscount", name, parts[3].Trim()), problems) : 0m;
        if (price is { } p && (Math.Round(p, 2) != p || Math.Abs(p) > OrderRules.MaxUnitPriceCents / 100))
        {
            problems.Add(Say("Orders_PriceLimit", name, Num(OrderRules.MaxUnitPriceCents / 100)));
        }

        if (problems.Count > count)
        {
            return null;
        }

        var line = new NewOrderLine(parts.Length > 4 ? parts[4].Trim() : null, parts[0].Trim(), quantity!.Value, (long)(price!.Value * 100), discount!.Value);
        problems.AddRange(OrderRules.LineProblems(line, index).Select(p => Say(p.Why)));
        return line;
    }

    private static decimal? Decimal(string text, string problem, List<string> problems)
    {
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(problem);
        return null;
    }

    /// <summary>An amount for a message or the table: two decimals in the run's culture (English: as before, a dot).</summary>
    private static string CliMoney(long cents) => (cents / 100m).ToString("0.00", Shown);

    private static string Pct(decimal pct) => pct.ToString("0.##", Shown);

    private static CultureInfo Shown => CliLanguage.IsSpanish ? CultureInfo.CurrentCulture : CultureInfo.InvariantCulture;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
