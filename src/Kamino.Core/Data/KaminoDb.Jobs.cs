using Kamino.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>
/// The ledger of background job runs (<see cref="JobLedger"/>): one row per job and period, claimed by the node that
/// runs it. An installation table, not a workspace's: the daily job covers every workspace in one run.
/// </summary>
public abstract partial class KaminoDb
{
    public DbSet<JobRun> JobRuns => Set<JobRun>();

    private static void ConfigureJobs(ModelBuilder builder) =>
        builder.Entity<JobRun>(e =>
        {
            e.ToTable("job_run");
            e.HasKey(r => new { r.Job, r.Period });
            e.Property(r => r.Job).HasMaxLength(40);
            e.Property(r => r.Period).HasMaxLength(20);
            e.Property(r => r.Node).HasMaxLength(200);
            e.Property(r => r.Result).HasMaxLength(400);
        });
}
