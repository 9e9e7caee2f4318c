using Kamino.Backup;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>The record of backups taken (<see cref="BackupRun"/>), read by the Director's backup status.</summary>
public abstract partial class KaminoDb
{
    public DbSet<BackupRun> BackupRuns => Set<BackupRun>();

    private static void ConfigureBackups(ModelBuilder builder) =>
        builder.Entity<BackupRun>(e =>
        {
            e.ToTable("backup_run");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedOnAdd();
            e.Property(r => r.Trigger).HasMaxLength(20);
            e.Property(r => r.Node).HasMaxLength(200);
            e.Property(r => r.File).HasMaxLength(400);
            e.Property(r => r.SchemaVersion).HasMaxLength(150);
            e.Property(r => r.Result).HasMaxLength(1000);
            e.HasIndex(r => r.FinishedMs);
        });
}
