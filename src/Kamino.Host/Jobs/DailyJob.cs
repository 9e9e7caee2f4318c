using Kamino.Data;
using Kamino.Email;
using Kamino.Host.Web;
using Kamino.Jobs;
using Kamino.WorkTasks;

namespace Kamino.Host.Jobs;

/// <summary>
/// <c>kamino serve</c>'s daily job, once a day at <c>Smtp:DailyHourUtc</c> (default 7): the in-app notifications of
/// check-ins due and the weekly alert digest (also without SMTP; emailed with it), then, with SMTP, reminders for
/// tomorrow's tasks and the task digests. Each part runs once per day across every node (<see cref="DailyJobs"/>): the
/// first node to claim it does it, the others log that it was done.
/// </summary>
public sealed class DailyJob(SmtpSettings settings, KaminoDatabase database, TaskNotifier notifier, EmailSender sender, TimeProvider clock, ILogger<DailyJob> log) : BackgroundService
{
    /// <summary>Runs the day's parts that no node ran yet; returns the names of the parts this call did.</summary>
    public async Task<IReadOnlyList<string>> RunDayAsync(DateOnly today, string node, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var done = new List<string>();
        void Note<T>(string job, JobOutcome<T> outcome)
        {
            Telemetry.JobRan(job, outcome.Ran ? "done" : "skipped");
            if (outcome.Ran)
            {
                done.Add(job);
            }
            else
            {
                log.LogInformation("{Message}", DailyJobs.AlreadyRan(job, today, outcome.Earlier));
            }
        }

        var checkins = await DailyJobs.CheckinsAsync(db, today, node, clock, ct);
        Note(DailyJobs.Checkins, checkins);
        var alerts = await DailyJobs.AlertDigestAsync(db, today, settings.IsConfigured ? sender : null, node, clock, ct);
        Note(DailyJobs.AlertDigest, alerts);
        if (settings.IsConfigured)
        {
            Note(DailyJobs.Reminders, await DailyJobs.RemindersAsync(db, today, notifier, node, clock, ct));
            Note(DailyJobs.Digest, await DailyJobs.DigestAsync(db, today, notifier, node, clock, ct));
        }

        return done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hour = settings.DailyHourUtc;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(now.Year, now.Month, now.Day, hour, 0, 0, TimeSpan.Zero);
            if (next <= now)
            {
                next = next.AddDays(1);
            }

            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                var done = await RunDayAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), JobLedger.ThisNode, stoppingToken);
                log.LogInformation("Daily jobs done on this node: {Jobs}", done.Count == 0 ? "none (other runs had them)" : string.Join(", ", done));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Telemetry.JobRan("daily", "failed");
                log.LogError(e, "The daily jobs failed");
            }
        }
    }
}
