using System.Globalization;
using Kamino.Backup;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.Jobs;

namespace Kamino.Host.Backup;

/// <summary>
/// The daily backup of <c>kamino serve</c> (section <c>Kamino:Backup</c>): <c>Daily</c> (default true), <c>Folder</c>
/// (default: <c>backups</c> next to a SQLite file; PostgreSQL needs it set, and pg_dump installed), <c>Keep</c> (the
/// last N daily copies kept, default 7) and <c>HourUtc</c> (default 2).
/// </summary>
/// <param name="Folder">Where the daily copies go, or null when the daily backup is off.</param>
/// <param name="Off">Why the daily backup does not run (null when it does).</param>
public sealed record BackupSettings(string? Folder, int Keep, int HourUtc, string? Off)
{
    public const string Section = "Kamino:Backup";

    public const int DefaultKeep = 7;

    public const int DefaultHourUtc = 2;

    public static BackupSettings From(IConfiguration configuration, KaminoDatabase database)
    {
        var section = configuration.GetSection(Section);
        var keep = int.TryParse(section["Keep"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k is >= 1 and <= 1000 ? k : DefaultKeep;
        var hour = int.TryParse(section["HourUtc"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 23 ? h : DefaultHourUtc;
        if (string.Equals(section["Daily"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return new BackupSettings(null, keep, hour, $"turned off ({Section}:Daily=false)");
        }

        var folder = section["Folder"] is { Length: > 0 } set
            ? Path.GetFullPath(set)
            : database.SqlitePath is { } file ? Path.Combine(Path.GetDirectoryName(file)!, "backups") : null;
        if (folder is null)
        {
            return new BackupSettings(null, keep, hour, $"on PostgreSQL, set {Section}:Folder to a folder for the copies");
        }

        if (database.Provider == DatabaseProvider.Postgres && PostgresCopies.ToolsFolder() is null)
        {
            return new BackupSettings(null, keep, hour, "pg_dump is not installed on this node");
        }

        return new BackupSettings(folder, keep, hour, null);
    }

    /// <summary>Registers the settings and the daily backup.</summary>
    public static IServiceCollection AddDailyBackup(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => From(configuration, sp.GetRequiredService<KaminoDatabase>()));
        services.AddSingleton<DailyBackup>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyBackup>());
        return services;
    }
}

/// <summary>
/// Takes the day's backup at <see cref="BackupSettings.HourUtc"/> on one node: the job ledger's (job <c>backup</c>,
/// period the UTC day) first claim wins, so two nodes of one database do not both copy it.
/// </summary>
public sealed class DailyBackup(BackupSettings settings, KaminoDatabase database, TimeProvider clock, ILogger<DailyBackup> log) : BackgroundService
{
    /// <summary>Takes the day's backup unless another run has it; null when the day was taken elsewhere or the backup is off.</summary>
    public async Task<BackupOutcome?> RunDayAsync(DateOnly day, string node, CancellationToken ct)
    {
        if (settings.Folder is not { } folder)
        {
            return null;
        }

        await using var db = database.CreateDbContext();
        var outcome = await JobLedger.RunOnceAsync(db, Backups.Job, JobLedger.Day(day), node, clock,
            () => Backups.TakeDailyAsync(database, folder, settings.Keep, node, clock, ct),
            o => o.Run.Result, o => o.Ok, ct);
        Telemetry.JobRan(Backups.Job, outcome.Ran ? outcome.Result!.Ok ? "done" : "failed" : "skipped");
        if (!outcome.Ran)
        {
            log.LogInformation("{Message}", DailyJobs.AlreadyRan(Backups.Job, day, outcome.Earlier));
            return null;
        }

        var result = outcome.Result!;
        if (result.Ok)
        {
            log.LogInformation("Daily backup {File}: {Result}", result.Run.File, result.Run.Result);
        }
        else
        {
            log.LogError("Daily backup {File} failed: {Result}", result.Run.File, result.Run.Result);
        }

        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Off is { } off)
        {
            log.LogInformation("No daily backup: {Reason}", off);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(now.Year, now.Month, now.Day, settings.HourUtc, 0, 0, TimeSpan.Zero);
            if (next <= now)
            {
                next = next.AddDays(1);
            }

            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await RunDayAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), JobLedger.ThisNode, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Telemetry.JobRan(Backups.Job, "failed");
                log.LogError(e, "The daily backup failed");
            }
        }
    }
}
