using System.CommandLine;
using System.Globalization;
using Kamino.Exports;
using Kamino.Host.Activities;
using Kamino.Host.Cli;
using Kamino.Orders;
using Spectre.Console;

namespace Kamino.Host.Orders;

/// <summary>
/// <c>kamino orders add|list|show|start|fulfil|cancel|approve|reject</c> (issue 14). The command line acts as the system
/// unless <c>--user</c> names a member; approving and rejecting need <c>--user</c> (nobody decides on their own order).
/// A change is made from the order's current version, or from <c>--if-version</c>: a stale one is refused (exit 1).
/// </summary>
public static class OrdersCommand
{
    private static readonly Argument<string> Customer = new("CUSTOMER") { Description = "The customer's key (tax id or import customer id)" };
    private static readonly Argument<long> Number = new("NUMBER") { Description = "The order number" };
    private static readonly Option<string[]> Lines = new("--line", "-l")
    {
        Description = "\"DESCRIPTION|QUANTITY|UNIT_PRICE|DISCOUNT_PCT[|PRODUCT_CODE]\": one line (repeat for several); numbers with a dot, e.g. \"Tyres|4|89.90|10\"",
        AllowMultipleArgumentsPerToken = false,
        Required = true,
    };

    private static readonly Option<string?> Received = new("--received") { Description = "When the order arrived: yyyy-mm-dd or yyyy-mm-ddTHH:mm, optionally with an offset; default now, local time" };
    private static readonly Option<OrderChannel> Channel = new Option<OrderChannel>("--channel") { Description = "phone (default), email, visit or web", DefaultValueFactory = _ => OrderChannel.Phone }.DefinedOnly();
    private static readonly Option<string?> Requested = new("--requested") { Description = "The day the customer wants it by, yyyy-mm-dd" };
    private static readonly Option<string?> Notes = new("--notes") { Description = "Notes (up to 2000 characters)" };
    private static readonly Option<string?> Handler = new("--handler") { Description = "Email of the member handling it" };
    private static readonly Option<string?> User = new("--user", "-u") { Description = "Email of the member acting; default: the system" };
    private static readonly Option<string> DeciderUser = new("--user", "-u") { Description = "Email of the member deciding (Director, or Lead KAM in scope; not the order's creator)", Required = true };
    private static readonly Option<string?> At = new("--at") { Description = "When: yyyy-mm-dd or yyyy-mm-ddTHH:mm, optionally with an offset; default now, local time" };
    private static readonly Option<string> CancelReason = new("--reason", "-r") { Description = "Why it is cancelled", Required = true };
    private static readonly Option<string?> ApproveReason = new("--reason", "-r") { Description = "Why (optional)" };
    private static readonly Option<string?> RejectReason = new("--reason", "-r") { Description = "Why the discount is refused (the order is cancelled)", Required = true };
    private static readonly Option<int?> IfVersion = new("--if-version") { Description = "Change only if the order is still at this version (as last shown); default: its current version" };
    private static readonly Option<OrderStatus?> Status = new Option<OrderStatus?>("--status") { Description = "received, inProgress, fulfilled or cancelled" }.DefinedOnly();
    private static readonly Option<string?> OfCustomer = new("--customer", "-c") { Description = "Only this customer's orders (key)" };
    private static readonly Option<int> Take = new("--take") { Description = "How many, newest first (1–500)", DefaultValueFactory = _ => 50 };

    public static Command Create() => new("orders", "Customer orders: enter, list, show, start, fulfil, cancel; approve or reject a discount outside the tier's range; the queue and how fast each tier is served")
    {
        AddCommand(),
        ListCommand(),
        ShowCommand(),
        OrdersQueueCommand.Queue(),
        OrdersQueueCommand.Stats(),
        MoveCommand("start", "Start a received order", (ws, n, v, at, _, user, ct) => OrderBook.StartAsync(ws.Db, ws.WorkspaceId, n, v, at, user, CliContext.Clock, ct)),
        MoveCommand("fulfil", "Fulfil a received or in-progress order", (ws, n, v, at, _, user, ct) => OrderBook.FulfilAsync(ws.Db, ws.WorkspaceId, n, v, at, user, CliContext.Clock, ct)),
        MoveCommand("cancel", "Cancel a received or in-progress order, with a reason",
            (ws, n, v, at, reason, user, ct) => OrderBook.CancelAsync(ws.Db, ws.WorkspaceId, n, v, reason, at, user, CliContext.Clock, ct), CancelReason),
        DecideCommand("approve", "Approve the discount of an order waiting for it", ApproveReason,
            (ws, n, v, reason, user, ct) => OrderBook.ApproveAsync(ws.Db, ws.WorkspaceId, n, v, reason, user, CliContext.Clock, ct)),
        DecideCommand("reject", "Reject the discount of an order waiting for it: the order is cancelled", RejectReason,
            (ws, n, v, reason, user, ct) => OrderBook.RejectAsync(ws.Db, ws.WorkspaceId, n, v, reason, user, CliContext.Clock, ct)),
    };

    private static Command AddCommand()
    {
        var format = CliFormat.CreateFormatOption();
        var add = new Command("add", "Enter an order for a customer; a discount outside the tier's range waits for approval")
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
                problems.Add($"--received: '{r}' is not yyyy-mm-dd or yyyy-mm-ddTHH:mm (optionally with an offset)");
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
            return await ReportAsync(result, parse.GetValue(format), o => string.Create(CultureInfo.InvariantCulture,
                $"order {o.Number} received for {o.CustomerKey}: {o.Lines.Count} line(s), total {Money(o.TotalCents)} {o.Currency}, promised by {o.PromisedAt:yyyy-MM-dd HH:mm}Z ({o.Tier})")
                + (o.NeedsApproval ? string.Create(CultureInfo.InvariantCulture, $"; waits for approval: a discount is outside {o.Tier}'s range {o.DiscountMinPct:0.##}–{o.DiscountMaxPct:0.##} %") : ""));
        });
        return add;
    }

    private static Command ListCommand()
    {
        var format = CliFormat.CreateFormatOption(xlsx: true);
        var list = new Command("list", "Orders, newest first") { Status, OfCustomer, Take, format };
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
                await KaminoCli.Error.WriteLineAsync($"--take: give 1 to {OrderFilter.MaxTake}");
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
        var show = new Command("show", "One order: its lines, totals, approval and history") { Number, format };
        show.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await FindAsync(ws, parse.GetValue(Number), ct) is not { } order)
            {
                return ExitCodes.Failure;
            }

            var history = await OrderBook.HistoryAsync(ws.Db, ws.WorkspaceId, order.Number, ct);
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
                await KaminoCli.Error.WriteLineAsync($"--at: '{raw}' is not yyyy-mm-dd or yyyy-mm-ddTHH:mm (optionally with an offset)");
                return ExitCodes.Rejected;
            }

            if (await ws.OptionalMemberAsync(parse.GetValue(User), ct) is not (true, var userId))
            {
                return ExitCodes.Failure;
            }

            var result = await move(ws, order.Number, parse.GetValue(IfVersion) ?? order.Version, at, reason is null ? null : parse.GetValue(reason), userId, ct);
            return await ReportAsync(result, parse.GetValue(format), o => $"order {Num(o.Number)} is {OrderRules.StatusName(o.Status)}");
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
            return await ReportAsync(result, parse.GetValue(format), o => $"order {Num(o.Number)}: discount {OrderRules.ApprovalName(o.Approval)}, order {OrderRules.StatusName(o.Status)}");
        });
        return command;
    }

    /// <summary>Prints orders as a table, CSV or JSON (each order whole, lines included).</summary>
    internal static void PrintOrders(OutputFormat format, IReadOnlyList<OrderDto> orders) => CliOutput.Print(format, orders, OrderColumns);

    private static readonly CliColumn<OrderDto>[] OrderColumns =
    [
        new("#", "number", o => Num(o.Number)),
        new("Customer", "customerKey", o => o.CustomerKey),
        new("Tier", "tier", o => o.Tier),
        new("Priority", "priority", o => o.Priority.ToString(CultureInfo.InvariantCulture)),
        new("Status", "status", o => OrderRules.StatusName(o.Status)),
        new("Approval", "approval", o => OrderRules.ApprovalName(o.Approval)),
        new("Received", "receivedAt", o => Time(o.ReceivedAt)),
        new("Promised", "promisedAt", o => Time(o.PromisedAt)),
        new("Fulfilled", "fulfilledAt", o => o.FulfilledAt is { } f ? Time(f) : null),
        new("Lines", "lines", o => o.Lines.Count.ToString(CultureInfo.InvariantCulture)),
        new("Total", "totalCents", o => o.TotalCents.ToString(CultureInfo.InvariantCulture)),
        new("Currency", "currency", o => o.Currency),
        new("Version", "version", o => o.Version.ToString(CultureInfo.InvariantCulture)),
    ];

    private static readonly CliColumn<OrderLineDto>[] LineColumns =
    [
        new("Line", "line", l => l.Line.ToString(CultureInfo.InvariantCulture)),
        new("Product", "productCode", l => l.ProductCode),
        new("Description", "description", l => l.Description),
        new("Quantity", "quantity", l => l.Quantity.ToString(CultureInfo.InvariantCulture)),
        new("Unit price", "unitPriceCents", l => l.UnitPriceCents.ToString(CultureInfo.InvariantCulture)),
        new("Discount %", "discountPct", l => l.DiscountPct.ToString(CultureInfo.InvariantCulture)),
        new("Net", "netCents", l => l.NetCents.ToString(CultureInfo.InvariantCulture)),
        new("In range", "inRange", l => l.InRange ? "yes" : "no"),
    ];

    private static void PrintOrder(IAnsiConsole console, OrderDto o, IReadOnlyList<OrderEvent> history)
    {
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLineInterpolated($"[bold]Order {Num(o.Number)}[/] for {o.CustomerKey} {o.CustomerName}: {OrderRules.StatusName(o.Status)} (version {o.Version})");
        console.MarkupLineInterpolated($"Tier {o.Tier}, priority {o.Priority}, discounts {o.DiscountMinPct.ToString("0.##", inv)}–{o.DiscountMaxPct.ToString("0.##", inv)} %; received {Time(o.ReceivedAt)} by {o.Channel.ToString().ToLowerInvariant()}, promised by {Time(o.PromisedAt)}");
        console.MarkupLineInterpolated($"Approval: {OrderRules.ApprovalName(o.Approval)}{(o.DecidedBy is { } by ? $" by {by}" : "")}{(o.DecisionReason is { } why ? $": {why}" : "")}");
        if (o.CancelReason is { } cancel)
        {
            console.MarkupLineInterpolated($"Cancelled: {cancel}");
        }

        console.MarkupLineInterpolated($"Handler: {o.Handler ?? "nobody yet"}; entered by {o.CreatedBy ?? "system"}{(o.RequestedOn is { } d ? $"; requested by {d:yyyy-MM-dd}" : "")}");
        if (o.Notes.Length > 0)
        {
            console.MarkupLineInterpolated($"Notes: {o.Notes}");
        }

        CliOutput.WriteTable(console, o.Lines, LineColumns);
        console.MarkupLineInterpolated($"[bold]Total {Money(o.TotalCents)} {o.Currency}[/]");
        foreach (var e in history)
        {
            console.MarkupLineInterpolated($"{e.At.ToString("yyyy-MM-dd HH:mm'Z'", inv)} {e.By ?? "system"}: {e.Summary}");
        }
    }

    private static async Task<OrderDto?> FindAsync(CliContext ws, long number, CancellationToken ct)
    {
        var order = await OrderBook.GetAsync(ws.Db, ws.WorkspaceId, number, ct);
        if (order is null)
        {
            await KaminoCli.Error.WriteLineAsync($"no order {Num(number)} in workspace '{ws.Slug}'");
        }

        return order;
    }

    private static async Task<int> ReportAsync(OrderResult result, OutputFormat format, Func<OrderDto, string> done)
    {
        if (!result.Succeeded)
        {
            await WriteAsync(result.Problems.Select(p => p.Message));
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
        var name = string.Create(CultureInfo.InvariantCulture, $"line {index + 1}");
        var parts = raw.Split('|');
        if (parts.Length is < 3 or > 5)
        {
            problems.Add($"{name}: '{raw}' is not \"DESCRIPTION|QUANTITY|UNIT_PRICE|DISCOUNT_PCT\"");
            return null;
        }

        var count = problems.Count;
        var quantity = Decimal(parts[1], $"{name}: '{parts[1].Trim()}' is not a quantity", problems);
        var price = Decimal(parts[2], $"{name}: '{parts[2].Trim()}' is not a unit price", problems);
        var discount = parts.Length > 3 && parts[3].Trim().Length > 0 ? Decimal(parts[3], $"{name}: '{parts[3].Trim()}' is not a discount in percent", problems) : 0m;
        if (price is { } p && (Math.Round(p, 2) != p || Math.Abs(p) > OrderRules.MaxUnitPriceCents / 100))
        {
            problems.Add($"{name}: the unit price must have at most 2 decimals and be at most {OrderRules.MaxUnitPriceCents / 100}");
        }

        if (problems.Count > count)
        {
            return null;
        }

        var line = new NewOrderLine(parts.Length > 4 ? parts[4].Trim() : null, parts[0].Trim(), quantity!.Value, (long)(price!.Value * 100), discount!.Value);
        problems.AddRange(OrderRules.LineProblems(line, index).Select(p => p.Message));
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

    private static string Money(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
