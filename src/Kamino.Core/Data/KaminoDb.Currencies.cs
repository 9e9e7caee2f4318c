using Kamino.Currencies;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>A workspace's exchange-rate table (<see cref="ExchangeRates"/>): per currency and date, units per unit of the reporting currency.</summary>
public abstract partial class KaminoDb
{
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();

    private static void ConfigureCurrencies(ModelBuilder builder) =>
        builder.Entity<ExchangeRate>(e =>
        {
            e.ToTable("exchange_rate");
            e.HasKey(r => new { r.WorkspaceId, r.Currency, r.Date });
            e.Property(r => r.Currency).HasMaxLength(3);
            e.Property(r => r.Rate).HasPrecision(24, 10);
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
}
