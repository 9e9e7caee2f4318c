using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Data;
using Kamino.Email;
using Kamino.WorkTasks;

namespace Kamino.Jobs;

/// <summary>
/// The daily jobs, each run once per day through <see cref="JobLedger"/> whoever starts it: <c>kamino serve</c>'s daily
/// job on any number of nodes, or <c>kamino notify …</c> from cron. A job that already ran (or runs elsewhere) for the
/// day does nothing and says who did it.
/// </summary>
public static class DailyJobs
{
    public const string Checkins = "checkins";
    public const string AlertDigest = "alert-digest";
    public const string Reminders = "reminders";
    public const string Digest = "digest";

    /// <summary>In-app notifications of check-ins due (<see cref="CheckinReminders.NotifyOwnersAsync"/>).</summary>
    public static Task<JobOutcome<int>> CheckinsAsync(KaminoDb db, DateOnly day, string node, TimeProvider clock, CancellationToken ct = default) =>
        JobLedger.RunOnceAsync(db, Checkins, JobLedger.Day(day), node, clock,
            () => CheckinReminders.NotifyOwnersAsync(db, day, clock, ct), made => $"{made} notification(s) made", ct: ct);

    /// <summary>The weekly alert digest (<see cref="AlertDigests.SendAsync"/>), emailed when <paramref name="sender"/> is given.</summary>
    public static Task<JobOutcome<AlertDigestReport>> AlertDigestAsync(KaminoDb db, DateOnly day, EmailSender? sender, string node, TimeProvider clock, CancellationToken ct = default) =>
        JobLedger.RunOnceAsync(db, AlertDigest, JobLedger.Day(day), node, clock,
            () => AlertDigests.SendAsync(db, day, sender, clock, ct),
            r => $"{r.Digests} digest(s) made, {r.Emailed} emailed, {r.Failures.Count} failed",
            r => r.Emailed > 0 || r.Failures.Count == 0, ct);

    /// <summary>"Due tomorrow" task reminders (<see cref="TaskNotifier.SendDueRemindersAsync"/>).</summary>
    public static Task<JobOutcome<NotifyReport>> RemindersAsync(KaminoDb db, DateOnly day, TaskNotifier notifier, string node, TimeProvider clock, CancellationToken ct = default) =>
        JobLedger.RunOnceAsync(db, Reminders, JobLedger.Day(day), node, clock,
            () => notifier.SendDueRemindersAsync(db, day, ct), Describe, Done, ct);

    /// <summary>The daily task digest (<see cref="TaskNotifier.SendDailyDigestsAsync"/>).</summary>
    public static Task<JobOutcome<NotifyReport>> DigestAsync(KaminoDb db, DateOnly day, TaskNotifier notifier, string node, TimeProvider clock, CancellationToken ct = default) =>
        JobLedger.RunOnceAsync(db, Digest, JobLedger.Day(day), node, clock,
            () => notifier.SendDailyDigestsAsync(db, day, ct), Describe, Done, ct);

    /// <summary>What to say when a job left the day to an earlier run: who ran it and when, and what it did.</summary>
    public static string AlreadyRan(string job, DateOnly day, JobRun? earlier) => earlier is null
        ? $"The {job} job of {JobLedger.Day(day)} is running elsewhere; nothing done."
        : earlier.FinishedAt is { } finished
            ? $"The {job} job of {JobLedger.Day(day)} already ran on {earlier.Node} at {finished:yyyy-MM-dd HH:mm} UTC ({earlier.Result}); nothing done."
            : $"The {job} job of {JobLedger.Day(day)} is running on {earlier.Node} since {earlier.StartedAt:yyyy-MM-dd HH:mm} UTC; nothing done.";

    private static string Describe(NotifyReport r) => $"{r.Sent} sent, {r.Failures.Count} failed";

    private static bool Done(NotifyReport r) => r.Sent > 0 || r.Failures.Count == 0;
}
