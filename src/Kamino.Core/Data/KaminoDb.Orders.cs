using Kamino.Customers;
using Kamino.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kamino.Data;

/// <summary>The tables of orders: orders and their lines.</summary>
public abstract partial class KaminoDb
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    private static void ConfigureOrders(ModelBuilder builder)
    {
        builder.Entity<Order>(e =>
        {
            e.ToTable("sales_order");
            e.HasKey(o => new { o.WorkspaceId, o.Id });
            e.Property(o => o.Id).ValueGeneratedNever();
            // The queue: open orders by priority, promised time, received time.
            e.HasIndex(o => new { o.WorkspaceId, o.Status, o.Priority, o.PromisedAt });
            e.HasIndex(o => new { o.WorkspaceId, o.CustomerId, o.ReceivedAt });
            e.HasIndex(o => new { o.WorkspaceId, o.ReceivedAt });
            e.Property(o => o.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Approval).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Notes).HasMaxLength(Order.MaxNotesLength);
            e.Property(o => o.CancelReason).HasMaxLength(Order.MaxReasonLength);
            e.Property(o => o.DecisionReason).HasMaxLength(Order.MaxReasonLength);
            e.Property(o => o.TierName).HasMaxLength(100);
            e.Property(o => o.Currency).HasMaxLength(3);
            e.Property(o => o.DiscountMinPct).HasPrecision(5, 2);
            e.Property(o => o.DiscountMaxPct).HasPrecision(5, 2);
            e.Property(o => o.Version).IsConcurrencyToken();
            Utc(e.Property(o => o.ReceivedAt));
            Utc(e.Property(o => o.CreatedAt));
            Utc(e.Property(o => o.PromisedAt));
            Utc(e.Property(o => o.StartedAt));
            Utc(e.Property(o => o.FulfilledAt));
            Utc(e.Property(o => o.CancelledAt));
            Utc(e.Property(o => o.DecidedAt));
            e.HasOne<Customer>().WithMany().HasForeignKey(o => new { o.WorkspaceId, o.CustomerId }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OrderLine>(e =>
        {
            e.ToTable("sales_order_line");
            e.HasKey(l => new { l.WorkspaceId, l.OrderId, l.Line });
            e.Property(l => l.ProductCode).HasMaxLength(OrderLine.MaxProductCodeLength);
            e.Property(l => l.Description).HasMaxLength(OrderLine.MaxDescriptionLength);
            e.Property(l => l.Quantity).HasPrecision(18, 4);
            e.Property(l => l.DiscountPct).HasPrecision(5, 2);
            e.HasOne<Order>().WithMany().HasForeignKey(l => new { l.WorkspaceId, l.OrderId }).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>A time given in UTC, stored as it is and read back as UTC (SQLite returns unspecified kinds; Npgsql wants UTC).</summary>
    private static readonly ValueConverter<DateTime, DateTime> UtcTime =
        new(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static void Utc(PropertyBuilder<DateTime> property) => property.HasConversion(UtcTime);

    private static void Utc(PropertyBuilder<DateTime?> property) => property.HasConversion(UtcTime);
}
