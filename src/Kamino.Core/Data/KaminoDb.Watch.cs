using Kamino.Alerts;
using Kamino.Customers;
using Kamino.People;
using Kamino.Plans;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>The tables of keeping watch: account plans and their objectives, alert dismissals and digests.</summary>
public abstract partial class KaminoDb
{
    public DbSet<AccountPlan> AccountPlans => Set<AccountPlan>();

    public DbSet<PlanObjective> PlanObjectives => Set<PlanObjective>();

    public DbSet<AlertDismissal> AlertDismissals => Set<AlertDismissal>();

    public DbSet<AlertDigest> AlertDigests => Set<AlertDigest>();

    private static void ConfigureWatch(ModelBuilder builder)
    {
        builder.Entity<AccountPlan>(e =>
        {
            e.ToTable("account_plan");
            e.HasKey(p => new { p.WorkspaceId, p.Id });
            e.Property(p => p.Id).ValueGeneratedNever();
            e.HasIndex(p => new { p.WorkspaceId, p.CustomerId, p.Year }).IsUnique();
            e.Property(p => p.Strengths).HasMaxLength(AccountPlan.MaxSituationLength);
            e.Property(p => p.Weaknesses).HasMaxLength(AccountPlan.MaxSituationLength);
            e.Property(p => p.Opportunities).HasMaxLength(AccountPlan.MaxSituationLength);
            e.Property(p => p.Threats).HasMaxLength(AccountPlan.MaxSituationLength);
            e.HasOne<Customer>().WithMany().HasForeignKey(p => new { p.WorkspaceId, p.CustomerId }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PlanObjective>(e =>
        {
            e.ToTable("plan_objective");
            e.HasKey(o => new { o.WorkspaceId, o.Id });
            e.Property(o => o.Id).ValueGeneratedNever();
            e.HasIndex(o => new { o.WorkspaceId, o.PlanId, o.Position });
            e.Property(o => o.Area).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Title).HasMaxLength(PlanObjective.MaxTitleLength);
            e.Property(o => o.Measure).HasMaxLength(PlanObjective.MaxMeasureLength);
            e.Property(o => o.Target).HasMaxLength(PlanObjective.MaxMeasureLength);
            e.HasOne<AccountPlan>().WithMany().HasForeignKey(o => new { o.WorkspaceId, o.PlanId }).OnDelete(DeleteBehavior.Cascade);
            // Removing a member who owns objectives is refused (like tasks they are assigned); reassign first.
            e.HasOne<Membership>().WithMany().HasForeignKey(o => new { o.WorkspaceId, o.OwnerUserId }).OnDelete(DeleteBehavior.Restrict);
        });

        // A task's objective: removing an objective unlinks its tasks first (Restrict catches a code path that forgets).
        builder.Entity<WorkTask>(e =>
        {
            e.HasIndex(t => new { t.WorkspaceId, t.ObjectiveId });
            e.HasOne<PlanObjective>().WithMany().HasForeignKey(t => new { t.WorkspaceId, t.ObjectiveId }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AlertDismissal>(e =>
        {
            e.ToTable("alert_dismissal");
            e.HasKey(d => new { d.WorkspaceId, d.UserId, d.AlertKey });
            e.Property(d => d.AlertKey).HasMaxLength(AlertDismissal.MaxKeyLength);
            e.Property(d => d.Fingerprint).HasMaxLength(200);
            e.Property(d => d.Action).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Membership>().WithMany().HasForeignKey(d => new { d.WorkspaceId, d.UserId }).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AlertDigest>(e =>
        {
            e.ToTable("alert_digest");
            e.HasKey(d => new { d.WorkspaceId, d.UserId, d.Week });
            e.HasOne<Membership>().WithMany().HasForeignKey(d => new { d.WorkspaceId, d.UserId }).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
