using System.CommandLine;

namespace Kamino.Host.Orders;

/// <summary>
/// The <c>kamino orders</c> command group as far as the queue and the statistics need it. When <c>OrdersCommand.cs</c>
/// (orders add|list|show|…) lands, its group takes <see cref="OrdersQueueCommand.Queue"/> and <see cref="OrdersQueueCommand.Stats"/>
/// and this file goes.
/// </summary>
public static class OrdersGroup
{
    public static Command Create() => new("orders", "Orders: the queue and how fast each tier is served")
    {
        OrdersQueueCommand.Queue(),
        OrdersQueueCommand.Stats(),
    };
}
