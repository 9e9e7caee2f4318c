using Kamino.Activities;
using Kamino.Data;
using Kamino.Email;
using Kamino.Host.Email;
using Kamino.Host.Web;
using Kamino.WorkTasks;

namespace Kamino.Host.WorkTasks;

/// <summary>
/// Task emails from the web app: the "assigned to you" message right after a change, and a daily job for the
/// "due tomorrow" reminders and the digest. Without SMTP settings (section <c>Smtp</c>) nothing is sent; a
/// failing mail server is logged and never fails the request that changed the task.
/// </summary>
public sealed class TaskMail(SmtpSettings settings, TaskNotifier notifier, ILogger<TaskMail> log)
{
    /// <summary>Registers the task emails; the SMTP settings and sender come from <see cref="SmtpConfiguration.AddEmail"/>.</summary>
    public static IServiceCollection AddTaskMail(IServiceCollection services)
    {
        services.AddSingleton<TaskNotifier>();
        services.AddSingleton<TaskMail>();
        services.AddHostedService<DailyJob>();
        return services;
    }

    /// <summary>Emails the assignee of <paramref name="task"/> (not when they assigned it to themselves).</summary>
    public async Task SendAssignedAsync(KaminoDb db, WorkTask task, string assignedByUserId, CancellationToken ct)
    {
        if (!settings.IsConfigured)
        {
            return;
        }

        try
        {
            await notifier.SendAssignedAsync(db, task, assignedByUserId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not send the assignment email of task {TaskId}", task.Id);
        }
    }

    /// <summary>
    /// Once a day at <c>Smtp:DailyHourUtc</c> (default 7): the in-app notifications of check-ins due and the weekly
    /// alert digest (also without SMTP; emailed with it), then, with SMTP, reminders for tomorrow's tasks and the digests.
    /// </summary>
    private sealed class DailyJob(SmtpSettings settings, KaminoDatabase database, TaskNotifier notifier, EmailSender sender, TimeProvider clock, ILogger<DailyJob> log) : BackgroundService
    {
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
                    await using var db = database.CreateDbContext();
                    var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                    var notified = await CheckinReminders.NotifyOwnersAsync(db, today, clock, stoppingToken);
                    log.LogInformation("Check-in notifications made: {Count}", notified);
                    // The weekly alert digest: the first run of the week makes it (once per member and week).
                    var alerts = await Kamino.Alerts.AlertDigests.SendAsync(db, today, settings.IsConfigured ? sender : null, clock, stoppingToken);
                    log.LogInformation("Alert digests made: {Count}, emailed {Emailed}", alerts.Digests, alerts.Emailed);
                    if (!settings.IsConfigured)
                    {
                        Telemetry.JobRan("daily", "done");
                        continue;
                    }

                    var reminders = await notifier.SendDueRemindersAsync(db, today, stoppingToken);
                    var digests = await notifier.SendDailyDigestsAsync(db, today, stoppingToken);
                    log.LogInformation("Task emails sent: {Reminders} reminders, {Digests} digests", reminders.Sent, digests.Sent);
                    Telemetry.JobRan("daily", "done");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Telemetry.JobRan("daily", "failed");
                    log.LogError(e, "The daily task emails failed");
                }
            }
        }
    }
}
