using Kamino.Data;
using Kamino.Email;
using Kamino.Host.Email;
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
        services.AddSingleton<Kamino.Host.Jobs.DailyJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Kamino.Host.Jobs.DailyJob>());
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
}
