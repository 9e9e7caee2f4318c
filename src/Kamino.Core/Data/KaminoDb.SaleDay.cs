using Kamino.Analysis;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>The table every analysis reads: revenue and line count per customer and day, kept by triggers (<see cref="SaleDayTriggers"/>).</summary>
public abstract partial class KaminoDb
{
    public DbSet<SaleDay> SaleDays => Set<SaleDay>();

    private static void ConfigureSaleDay(ModelBuilder builder) =>
        builder.Entity<SaleDay>(e =>
        {
            e.ToTable("sale_day");
            // Led by customer: an account's days (health windows, its series, its first sale) are one range.
            e.HasKey(d => new { d.WorkspaceId, d.CustomerId, d.Date });
            // A period of the whole workspace (Pareto, comparison) and the span of sale dates.
            e.HasIndex(d => new { d.WorkspaceId, d.Date }).HasDatabaseName("ix_sale_day_date");
        });
}
