using System.Globalization;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Kamino.Orders;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.Orders;

/// <summary>
/// One order (issue 14): its promise, lines and totals, the status changes and the discount decision for whom may, and
/// its history (the audit entries). Each form posts the version shown: when someone else changed the order meanwhile,
/// nothing is applied, the page says so and shows the order as it now is.
/// </summary>
public partial class OrderPage
{
    private OrderDto? order;
    private IReadOnlyList<OrderEvent> history = [];
    private bool mayHandle;
    private bool mayDecide;

    [Parameter]
    public long Number { get; set; }

    /// <summary>After a change, which one (the redirect's <c>?saved=</c>).</summary>
    [SupplyParameterFromQuery(Name = "saved")]
    public string? Saved { get; set; }

    protected override async Task LoadAsync(CurrentMember member)
    {
        order = await OrderBook.GetAsync(Db, member.WorkspaceId, Number, Aborted);
        if (order is null)
        {
            Navigation.NotFound();
            return;
        }

        history = await OrderBook.HistoryAsync(Db, member.WorkspaceId, Number, CultureInfo.CurrentCulture, Aborted);
        mayHandle = await OrderBook.MayHandleAsync(Db, member.WorkspaceId, order.CustomerId, member.UserId, Aborted);
        mayDecide = order.NeedsApproval && await OrderBook.MayApproveAsync(Db, member.WorkspaceId, order.CustomerId, order.CreatedByUserId, member.UserId, Aborted);
    }

    private Task MoveAsync() => ChangeAsync((m, version) => Posted("move") switch
    {
        "start" => OrderBook.StartAsync(Db, m.WorkspaceId, Number, version, null, m.UserId, Clock, Aborted),
        _ => OrderBook.FulfilAsync(Db, m.WorkspaceId, Number, version, null, m.UserId, Clock, Aborted),
    });

    private Task CancelAsync() =>
        ChangeAsync((m, version) => OrderBook.CancelAsync(Db, m.WorkspaceId, Number, version, Posted("reason"), null, m.UserId, Clock, Aborted));

    private Task DecideAsync() => ChangeAsync((m, version) => Posted("decision") == "reject"
        ? OrderBook.RejectAsync(Db, m.WorkspaceId, Number, version, Posted("reason"), m.UserId, Clock, Aborted)
        : OrderBook.ApproveAsync(Db, m.WorkspaceId, Number, version, Posted("reason"), m.UserId, Clock, Aborted));

    private async Task ChangeAsync(Func<CurrentMember, int, Task<OrderResult>> change)
    {
        if (Member is not { } m || !int.TryParse(Posted("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            Refuse(StatusCodes.Status400BadRequest, L["BadForm"]);
            return;
        }

        var result = await change(m, version);
        switch (result.Outcome)
        {
            case OrderOutcome.Done:
                Navigation.NavigateTo(OrderLinks.Order(m.Slug, Number) + "?saved=1");
                return;
            case OrderOutcome.Conflict:
                Refuse(StatusCodes.Status409Conflict, L["OrderConflict", Number]);
                break;
            case OrderOutcome.NotFound:
                Refuse(StatusCodes.Status404NotFound, L["ChangeRefused", result.In(CultureInfo.CurrentUICulture)]);
                break;
            case OrderOutcome.Forbidden:
                Refuse(StatusCodes.Status403Forbidden, L["ChangeRefused", result.In(CultureInfo.CurrentUICulture)]);
                break;
            case OrderOutcome.Invalid:
                Refuse(StatusCodes.Status400BadRequest, L["ChangeRefused", result.In(CultureInfo.CurrentUICulture)]);
                break;
        }

        // The order as it now is: after a conflict, the other person's change.
        await LoadAsync(m);
    }

    private string Money(long cents) => Formats.Money(cents / 100m, order?.Currency ?? "EUR", Culture);

    private static string Pct(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    private string Time(DateTimeOffset t) => Member!.LocalTime(t);
}
