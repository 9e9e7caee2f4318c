using System.Text;
using Kamino.Accounts;
using Kamino.Activities;
using Kamino.Calendar;
using Kamino.Contacts;
using Kamino.Audit;
using Kamino.Customers;
using Kamino.Import;
using Kamino.People;
using Kamino.SignIn;
using Kamino.WorkTasks;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Kamino.Data;

/// <summary>
/// The one model of Kamino. Two provider-specific subclasses exist only so that each provider keeps its
/// own migrations; code takes a <see cref="KaminoDb"/> from <see cref="KaminoDatabase"/>.
/// Users are ASP.NET Core Identity users (no Identity roles: roles are per workspace, in <see cref="Membership"/>).
/// </summary>
public abstract partial class KaminoDb(DbContextOptions options) : IdentityUserContext<KaminoUser>(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<WorkspaceTaxId> WorkspaceTaxIds => Set<WorkspaceTaxId>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<SaleLine> SaleLines => Set<SaleLine>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<AccountTeamMember> AccountTeamMembers => Set<AccountTeamMember>();

    public DbSet<Designation> Designations => Set<Designation>();

    public DbSet<Tier> Tiers => Set<Tier>();

    public DbSet<Criterion> Criteria => Set<Criterion>();

    public DbSet<Rating> Ratings => Set<Rating>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<WorkTask> Tasks => Set<WorkTask>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<WorkspaceCounter> WorkspaceCounters => Set<WorkspaceCounter>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<ContactMember> ContactMembers => Set<ContactMember>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ActivityMember> ActivityMembers => Set<ActivityMember>();

    public DbSet<ActivityContact> ActivityContacts => Set<ActivityContact>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// No automatic index per foreign key: keys lead with workspace_id, parents are found by primary key, and
    /// every index on sale_line slows bulk imports. Indexes are declared where a query needs them.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<KaminoUser>(e =>
        {
            e.ToTable("app_user");
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Language).HasMaxLength(8);
        });
        builder.Entity<IdentityUserClaim<string>>().ToTable("app_user_claim");
        builder.Entity<IdentityUserLogin<string>>().ToTable("app_user_login");
        builder.Entity<IdentityUserToken<string>>().ToTable("app_user_token");

        builder.Entity<Workspace>(e =>
        {
            e.ToTable("workspace");
            e.HasKey(w => w.Id);
            e.HasIndex(w => w.Slug).IsUnique();
            e.Property(w => w.Slug).HasMaxLength(64);
            e.Property(w => w.Name).HasMaxLength(200);
            e.Property(w => w.Currency).HasMaxLength(3);
            e.Property(w => w.TimeZone).HasMaxLength(WorkspaceTime.MaxZoneLength);
            e.Property(w => w.ThresholdA).HasPrecision(5, 4);
            e.Property(w => w.ThresholdB).HasPrecision(5, 4);
            e.Property(w => w.Alpha).HasPrecision(5, 4);
            e.Property(w => w.SuggestThreshold).HasPrecision(5, 4);
        });

        builder.Entity<WorkspaceTaxId>(e =>
        {
            e.ToTable("workspace_tax_id");
            e.HasKey(t => new { t.WorkspaceId, t.TaxId });
            e.Property(t => t.TaxId).HasMaxLength(40);
            e.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Customer>(e =>
        {
            e.ToTable("customer");
            e.HasKey(c => new { c.WorkspaceId, c.Id });
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasIndex(c => new { c.WorkspaceId, c.Key }).IsUnique();
            e.Property(c => c.Key).HasMaxLength(100);
            e.Property(c => c.Name).HasMaxLength(300);
            e.Property(c => c.TaxId).HasMaxLength(40);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Tier>().WithMany().HasForeignKey(c => new { c.WorkspaceId, c.TierId }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ImportRecord>(e =>
        {
            e.ToTable("import");
            e.HasKey(i => new { i.WorkspaceId, i.Id });
            e.Property(i => i.Id).ValueGeneratedNever();
            e.Property(i => i.FileName).HasMaxLength(500);
            e.Property(i => i.Sha256).HasMaxLength(64);
            e.Property(i => i.Format).HasMaxLength(20);
            e.Property(i => i.Dialect).HasMaxLength(10);
            e.Property(i => i.Encoding).HasMaxLength(20);
            e.Property(i => i.Delimiter).HasMaxLength(5);
            e.HasIndex(i => new { i.WorkspaceId, i.Sha256 });
            e.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SaleLine>(e =>
        {
            e.ToTable("sale_line");
            e.HasKey(s => new { s.WorkspaceId, s.IssuerTaxId, s.DocumentNumber, s.LineNumber });
            e.Property(s => s.IssuerTaxId).HasMaxLength(40);
            e.Property(s => s.DocumentNumber).HasMaxLength(100);
            e.Property(s => s.ProductSku).HasMaxLength(100);
            e.Property(s => s.ProductName).HasMaxLength(300);
            e.Property(s => s.Currency).HasMaxLength(3);
            e.Property(s => s.OriginalCurrency).HasMaxLength(3);
            e.Property(s => s.Quantity).HasPrecision(18, 4);
            e.Property(s => s.UnitPrice).HasPrecision(18, 4);
            e.Property(s => s.DiscountPct).HasPrecision(9, 4);
            // No secondary index: every index costs import time (docs/benchmarks.md), and the analyses read sale_day,
            // kept from these lines by triggers (SaleDayTriggers), not the lines.
            // No foreign keys from sale_line to customer and import: PostgreSQL checks each one with a trigger per
            // row, which made a 1M-line import 4x slower (docs/benchmarks.md). The importer is the only writer of
            // sale_line and creates the customer and import rows in the same transaction as their lines.
        });

        builder.Entity<Membership>(e =>
        {
            e.ToTable("membership");
            e.HasKey(m => new { m.WorkspaceId, m.UserId });
            e.HasIndex(m => m.UserId);
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<KaminoUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Invitation>(e =>
        {
            e.ToTable("invitation");
            e.HasKey(i => new { i.WorkspaceId, i.Id });
            e.Property(i => i.Id).ValueGeneratedNever();
            // As calendar_feed: unique per workspace, found by the hash alone (docs/scaling.md).
            e.HasIndex(i => new { i.WorkspaceId, i.TokenHash }).IsUnique();
            e.HasIndex(i => i.TokenHash).HasDatabaseName("ix_invitation_token");
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AccountTeamMember>(e =>
        {
            e.ToTable("account_team_member");
            e.HasKey(m => new { m.WorkspaceId, m.CustomerId, m.UserId });
            e.HasIndex(m => new { m.WorkspaceId, m.UserId });
            // One owner per account, also when two reassignments race.
            e.HasIndex(m => new { m.WorkspaceId, m.CustomerId }).IsUnique().HasFilter("is_owner = TRUE").HasDatabaseName("ux_account_team_owner");
            e.Property(m => m.Department).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Customer>().WithMany().HasForeignKey(m => new { m.WorkspaceId, m.CustomerId }).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Membership>().WithMany().HasForeignKey(m => new { m.WorkspaceId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Designation>(e =>
        {
            e.ToTable("designation");
            e.HasKey(d => new { d.WorkspaceId, d.Id });
            e.Property(d => d.Id).ValueGeneratedNever();
            e.HasIndex(d => new { d.WorkspaceId, d.CustomerId });
            e.Property(d => d.Reason).HasMaxLength(1000);
            e.Property(d => d.FromTier).HasMaxLength(40);
            e.Property(d => d.ToTier).HasMaxLength(40);
            e.HasOne<Customer>().WithMany().HasForeignKey(d => new { d.WorkspaceId, d.CustomerId }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Tier>(e =>
        {
            e.ToTable("tier");
            e.HasKey(t => new { t.WorkspaceId, t.Id });
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Name).HasMaxLength(40);
            e.Property(t => t.Channel).HasConversion<string>().HasMaxLength(10);
            e.Property(t => t.DiscountMinPct).HasPrecision(5, 2);
            e.Property(t => t.DiscountMaxPct).HasPrecision(5, 2);
            e.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Criterion>(e =>
        {
            e.ToTable("criterion");
            e.HasKey(c => new { c.WorkspaceId, c.Key });
            e.Property(c => c.Key).HasMaxLength(20);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Weight).HasPrecision(9, 4);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        // Ratings and referrals go with their customer: the only customers ever deleted are those an import
        // undo removes because nothing else refers to them.
        builder.Entity<Rating>(e =>
        {
            e.ToTable("rating");
            e.HasKey(r => new { r.WorkspaceId, r.Id });
            e.Property(r => r.Id).ValueGeneratedNever();
            e.HasIndex(r => new { r.WorkspaceId, r.CustomerId });
            e.Property(r => r.CriterionKey).HasMaxLength(20);
            e.Property(r => r.Note).HasMaxLength(1000);
            e.HasOne<Customer>().WithMany().HasForeignKey(r => new { r.WorkspaceId, r.CustomerId }).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Criterion>().WithMany().HasForeignKey(r => new { r.WorkspaceId, r.CriterionKey }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Referral>(e =>
        {
            e.ToTable("referral");
            e.HasKey(r => new { r.WorkspaceId, r.CustomerId });
            e.HasIndex(r => new { r.WorkspaceId, r.ReferredByCustomerId });
            e.HasOne<Customer>().WithMany().HasForeignKey(r => new { r.WorkspaceId, r.CustomerId }).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Customer>().WithMany().HasForeignKey(r => new { r.WorkspaceId, r.ReferredByCustomerId }).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<WorkTask>(e =>
        {
            e.ToTable("task");
            e.HasKey(t => new { t.WorkspaceId, t.Id });
            e.Property(t => t.Id).ValueGeneratedNever();
            e.HasIndex(t => new { t.WorkspaceId, t.AssigneeUserId, t.Status });
            e.HasIndex(t => new { t.WorkspaceId, t.CustomerId });
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Description).HasMaxLength(4000);
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
            e.Property(t => t.Department).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Customer>().WithMany().HasForeignKey(t => new { t.WorkspaceId, t.CustomerId }).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Membership>().WithMany().HasForeignKey(t => new { t.WorkspaceId, t.AssigneeUserId }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Notification>(e =>
        {
            e.ToTable("notification");
            e.HasKey(n => new { n.WorkspaceId, n.Id });
            e.Property(n => n.Id).ValueGeneratedNever();
            e.HasIndex(n => new { n.WorkspaceId, n.UserId, n.ReadAt });
            e.Property(n => n.Text).HasMaxLength(500);
            e.Property(n => n.Link).HasMaxLength(300);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entry");
            e.HasKey(a => new { a.WorkspaceId, a.Id });
            e.Property(a => a.Id).ValueGeneratedNever();
            e.HasIndex(a => new { a.WorkspaceId, a.CustomerId });
            e.Property(a => a.Entity).HasMaxLength(20);
            e.Property(a => a.EntityId).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Summary).HasMaxLength(1000);
            e.Property(a => a.SummaryKey).HasMaxLength(200);
            e.Property(a => a.SummaryArgs).HasMaxLength(4000);
        });

        builder.Entity<WorkspaceCounter>(e =>
        {
            e.ToTable("workspace_counter");
            e.HasKey(c => new { c.WorkspaceId, c.Name });
            e.Property(c => c.Name).HasMaxLength(40);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureAccountService(builder);
        ConfigureWatch(builder);
        ConfigureOrders(builder);
        ConfigureDataProtection(builder);
        ConfigureJobs(builder);
        ConfigureSaleDay(builder);
        ConfigureBackups(builder);
        ConfigureCurrencies(builder);

        foreach (var entity in builder.Model.GetEntityTypes())
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
