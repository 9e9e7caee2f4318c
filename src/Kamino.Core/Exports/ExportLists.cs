using System.Text.Json;
using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Health;
using Kamino.Orders;
using Kamino.WorkTasks;

namespace Kamino.Exports;

/// <summary>
/// The five downloadable lists, each read through the query its list page, API and CLI command use (no query of its
/// own): the rows the caller may see go in, a table comes out. Headers and coded values (classes, statuses, bands) are
/// the API's JSON names, so a download and <c>--format json</c> say the same; people are named by display name.
/// </summary>
public static class ExportLists
{
    /// <summary>
    /// Every customer matching <paramref name="filter"/> in rank order (<see cref="Kamino.Customers.KeyAccounts.ListAsync"/>), with its
    /// share of the period's revenue (<see cref="ParetoQuery"/>) and a key account's owner; null when there is no such workspace.
    /// </summary>
    public static async Task<ExportTable?> CustomersAsync(KaminoDb db, int workspaceId, ParetoRequest period, AccountFilter filter, DateOnly today, CancellationToken ct = default)
    {
        if (await Kamino.Customers.KeyAccounts.ListAsync(db, workspaceId, period, filter, ct) is not { } list)
        {
            return null;
        }

        var report = await ParetoQuery.RunAsync(db, workspaceId, period, ct);
        var shares = report?.Customers.ToDictionary(c => c.CustomerId, c => c.Share, StringComparer.Ordinal) ?? [];
        var keyIds = list.Customers.Where(c => c.IsKeyAccount).Select(c => c.Id).ToList();
        var owners = keyIds.Count == 0 ? [] : (await AccountHealth.LoadAsync(db, workspaceId, today, keyIds, ct))
            .ToDictionary(h => h.Signals.CustomerId, h => Person(h.Signals.OwnerName, h.Signals.OwnerEmail));
        return new ExportTable("customers",
            ["rank", "key", "name", "revenue", "currency", "share", "class", "score", "revenueScore", "intangibleScore", "suggested", "tier", "keyAccount", "owner"],
            list.Customers.Select(c => new object?[]
            {
                c.Rank, c.Key, c.Name, c.Revenue, list.Currency, shares.GetValueOrDefault(c.Key), Name(c.Class), c.Score, c.RevenueScore, c.IntangibleScore,
                c.Suggested, c.Tier, c.IsKeyAccount, owners.GetValueOrDefault(c.Id),
            }).ToList());
    }

    /// <summary>Key accounts as <see cref="AccountHealth.ListAsync"/> gives them (scoped, worst health first): tier, owner, health, next check-in.</summary>
    public static ExportTable KeyAccounts(IEnumerable<AccountHealthRow> rows) =>
        new("key-accounts",
            ["key", "name", "tier", "owner", "ownerEmail", "health", "band", "checkin", "nextCheckin", "daysOverdue", "lastCheckin"],
            rows.Select(r => new object?[]
            {
                r.Signals.Key, r.Signals.Name, r.Signals.Tier, Person(r.Signals.OwnerName, r.Signals.OwnerEmail), r.Signals.OwnerEmail, r.Health.Score, Name(r.Health.Band),
                r.Signals.Cadence.Status is { } s ? Name(s) : null, r.Signals.Cadence.NextDue, r.Signals.Cadence.DaysOverdue, r.Signals.Cadence.LastCheckin,
            }).ToList());

    /// <summary>Tasks as <see cref="TaskQueries.ToRowsAsync"/> gives them.</summary>
    public static ExportTable Tasks(IEnumerable<TaskRow> rows) =>
        new("tasks",
            ["id", "title", "status", "overdue", "dueDate", "assignee", "assigneeEmail", "account", "accountName", "department", "createdBy", "createdAt", "completedAt", "description"],
            rows.Select(t => new object?[]
            {
                t.Id, t.Title, Name(t.Status), t.Overdue, t.DueDate, t.AssigneeName, t.AssigneeEmail, t.AccountKey, t.AccountName, Name(t.Department), t.CreatedByEmail,
                t.CreatedAt, t.CompletedAt, t.Description,
            }).ToList());

    /// <summary>A customer's activities as <see cref="ActivityLog.ListAsync"/> gives them (newest first).</summary>
    public static ExportTable Activities(string customerKey, string customerName, IEnumerable<ActivityDto> rows) =>
        new("activities",
            ["id", "customer", "customerName", "at", "type", "isCheckin", "csat", "nps", "nextCheckinOn", "loggedBy", "members", "contacts", "summary"],
            rows.Select(a => new object?[]
            {
                a.Id, customerKey, customerName, a.At, Name(a.Type), a.IsCheckin, a.Csat, a.Nps, a.NextCheckinOn, a.LoggedBy,
                string.Join("; ", a.Members.Select(p => p.Name)), string.Join("; ", a.Contacts.Select(p => p.Name)), a.Summary,
            }).ToList());

    /// <summary>Every order matching <paramref name="filter"/>'s status and customer, newest first, read a page of <see cref="OrderFilter.MaxTake"/> at a time (<see cref="OrderBook.ListAsync"/>).</summary>
    public static async Task<ExportTable> OrdersAsync(KaminoDb db, int workspaceId, OrderFilter filter, CancellationToken ct = default)
    {
        var orders = new List<OrderDto>();
        while (true)
        {
            var page = await OrderBook.ListAsync(db, workspaceId, filter with { Skip = orders.Count, Take = OrderFilter.MaxTake }, ct);
            orders.AddRange(page);
            if (page.Count < OrderFilter.MaxTake)
            {
                break;
            }
        }

        return Orders(orders);
    }

    /// <summary>Orders as <see cref="OrderBook"/> reads them; the total in the currency's units.</summary>
    public static ExportTable Orders(IEnumerable<OrderDto> rows) =>
        new("orders",
            ["number", "customer", "customerName", "tier", "status", "priority", "receivedAt", "promisedAt", "startedAt", "fulfilledAt", "cancelledAt", "lines", "total", "currency",
                "needsApproval", "approval", "channel", "handler", "createdBy", "notes"],
            rows.Select(o => new object?[]
            {
                o.Number, o.CustomerKey, o.CustomerName, o.Tier, Name(o.Status), o.Priority, o.ReceivedAt, o.PromisedAt, o.StartedAt, o.FulfilledAt, o.CancelledAt, o.Lines.Count,
                o.TotalCents / 100m, o.Currency, o.NeedsApproval, Name(o.Approval), Name(o.Channel), o.Handler, o.CreatedBy, o.Notes,
            }).ToList());

    /// <summary>An enum value as the API's JSON writes it.</summary>
    internal static string Name<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, KaminoJson.Options).Trim('"');

    private static string? Person(string? name, string? email) => string.IsNullOrWhiteSpace(name) ? email : name;
}
