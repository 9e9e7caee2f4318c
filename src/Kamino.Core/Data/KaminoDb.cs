using System.Text;
using Kamino.Customers;
using Kamino.Import;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Kamino.Data;

/// <summary>
/// The one model of Kamino. Two provider-specific subclasses exist only so that each provider keeps its
/// own migrations; code takes a <see cref="KaminoDb"/> from <see cref="KaminoDatabase"/>.
/// </summary>
public abstract class KaminoDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<SaleLine> SaleLines => Set<SaleLine>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// No automatic index per foreign key: keys lead with workspace_id, parents are found by primary key, and
    /// every index on sale_line slows bulk imports. Indexes are declared where a query needs them.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Workspace>(e =>
        {
            e.ToTable("workspace");
            e.HasKey(w => w.Id);
            e.HasIndex(w => w.Slug).IsUnique();
            e.Property(w => w.Slug).HasMaxLength(64);
            e.Property(w => w.Name).HasMaxLength(200);
            e.Property(w => w.Currency).HasMaxLength(3);
            e.Property(w => w.ThresholdA).HasPrecision(5, 4);
            e.Property(w => w.ThresholdB).HasPrecision(5, 4);
        });

        modelBuilder.Entity<Customer>(e =>
        {
            e.ToTable("customer");
            e.HasKey(c => new { c.WorkspaceId, c.Id });
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasIndex(c => new { c.WorkspaceId, c.Key }).IsUnique();
            e.Property(c => c.Key).HasMaxLength(100);
            e.Property(c => c.Name).HasMaxLength(300);
            e.Property(c => c.TaxId).HasMaxLength(40);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ImportRecord>(e =>
        {
            e.ToTable("import");
            e.HasKey(i => new { i.WorkspaceId, i.Id });
            e.Property(i => i.Id).ValueGeneratedNever();
            e.Property(i => i.FileName).HasMaxLength(500);
            e.Property(i => i.Sha256).HasMaxLength(64);
            e.Property(i => i.Format).HasMaxLength(20);
            e.HasIndex(i => new { i.WorkspaceId, i.Sha256 });
            e.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<SaleLine>(e =>
        {
            e.ToTable("sale_line");
            e.HasKey(s => new { s.WorkspaceId, s.IssuerTaxId, s.DocumentNumber, s.LineNumber });
            e.Property(s => s.IssuerTaxId).HasMaxLength(40);
            e.Property(s => s.DocumentNumber).HasMaxLength(100);
            e.Property(s => s.ProductSku).HasMaxLength(100);
            e.Property(s => s.ProductName).HasMaxLength(300);
            e.Property(s => s.Currency).HasMaxLength(3);
            e.Property(s => s.Quantity).HasPrecision(18, 4);
            e.Property(s => s.UnitPrice).HasPrecision(18, 4);
            e.Property(s => s.DiscountPct).HasPrecision(9, 4);
            // No secondary indexes yet: each costs about as much as the insert itself on a bulk import, and a
            // workspace's Pareto query scans its lines anyway. Add one with the feature whose query needs it.
            // No foreign keys from sale_line to customer and import: PostgreSQL checks each one with a trigger per
            // row, which made a 1M-line import 4x slower (docs/benchmarks.md). The importer is the only writer of
            // sale_line and creates the customer and import rows in the same transaction as their lines.
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                sb.Append('_');
            }
            else if (char.IsUpper(c) && i > 0 && i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}

/// <summary>SQLite flavour of <see cref="KaminoDb"/>; owns the SQLite migrations.</summary>
public sealed class SqliteKaminoDb(DbContextOptions<SqliteKaminoDb> options) : KaminoDb(options);

/// <summary>PostgreSQL flavour of <see cref="KaminoDb"/>; owns the PostgreSQL migrations.</summary>
public sealed class PostgresKaminoDb(DbContextOptions<PostgresKaminoDb> options) : KaminoDb(options);
