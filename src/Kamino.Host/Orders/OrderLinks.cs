using Kamino.Orders;

namespace Kamino.Host.Orders;

/// <summary>Addresses of the order pages (issue 14).</summary>
public static class OrderLinks
{
    /// <summary>The queue of open orders.</summary>
    public static string Queue(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/orders";

    /// <summary>The order form, for a customer when <paramref name="customerKey"/> is given.</summary>
    public static string New(string workspace, string? customerKey = null) =>
        $"/w/{Uri.EscapeDataString(workspace)}/orders/new" + (customerKey is null ? "" : "?customer=" + Uri.EscapeDataString(customerKey));

    /// <summary>An order's page: the address its alerts link to (<see cref="OrderAlerts.Link"/>, written once in Core).</summary>
    public static string Order(string workspace, long number) => OrderAlerts.Link(workspace, number);

    /// <summary>The orders waiting for a discount decision of the signed-in member.</summary>
    public static string Approvals(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/orders/approvals";
}
