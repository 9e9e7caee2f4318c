using System.CommandLine;
using System.Globalization;
using Kamino.Email;
using Kamino.Host.Cli;
using Kamino.Host.Email;
using Kamino.Jobs;
using Kamino.WorkTasks;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.WorkTasks;

/// <summary>
/// <c>kamino notify reminders|digest|checkins [--date D]</c>: the task email jobs (the digest includes the check-ins due)
/// and the check-in notifications, for every workspace of the database,
/// meant to run once a day (cron, systemd timer). SMTP settings come from <c>Smtp__*</c> environment variables (<see cref="SmtpConfiguration"/>).
/// </summary>
public static class NotifyCommand
{
    /// <summary>Why no email is sent, in the run's language.</summary>
    public static string NotConfigured => Say("WorkTasks_SmtpNotConfigured");

    private static readonly Option<string?> Date = new Option<string?>("--date").Help("Help_Notify_Date");

    public static Command Create()
    {
        var reminders = new Command("reminders", Say("Help_Notify_Reminders")) { Date };
        reminders.SetAction((parse, ct) => RunAsync(parse, (n, db, day) => DailyJobs.RemindersAsync(db, day, n, JobLedger.ThisNode, CliContext.Clock, ct), DailyJobs.Reminders, "WorkTasks_RemindersSent", ct));
        var digest = new Command("digest", Say("Help_Notify_Digest")) { Date };
        digest.SetAction((parse, ct) => RunAsync(parse, (n, db, day) => DailyJobs.DigestAsync(db, day, n, JobLedger.ThisNode, CliContext.Clock, ct), DailyJobs.Digest, "WorkTasks_DigestsSent", ct));
        var checkins = new Command("checkins", Say("Help_Notify_Checkins")) { Date };
        checkins.SetAction(NotifyCheckinsAsync);
        return new Command("notify", Say("Help_Notify")) { reminders, digest, checkins, Kamino.Host.Alerts.AlertsCommand.CreateDigest() };
    }

    /// <summary>The SMTP settings of the command line: <see cref="SmtpConfiguration.FromEnvironment"/>.</summary>
    public static SmtpSettings SettingsFromEnvironment() => SmtpConfiguration.FromEnvironment();

    private static async Task<int> NotifyCheckinsAsync(ParseResult parse, CancellationToken ct)
    {
        if (!CliFormat.TryDate(parse.GetValue(Date), "--date", out var date, out var error))
        {
            await KaminoCli.Error.WriteLineAsync(error);
            return ExitCodes.Usage;
        }

        await using var cli = await CliContext.OpenAsync(parse, ct);
        var day = date ?? TasksCommand.JobDay(CliContext.Clock);
        var outcome = await DailyJobs.CheckinsAsync(cli.Db, day, JobLedger.ThisNode, CliContext.Clock, ct);
        if (!outcome.Ran)
        {
            KaminoCli.Out.WriteLine(DailyJobs.AlreadyRan(DailyJobs.Checkins, day, outcome.Earlier));
            return ExitCodes.Ok;
        }

        var made = outcome.Result;
        KaminoCli.Out.WriteLine(Say("WorkTasks_CheckinsMade", made.ToString(CultureInfo.InvariantCulture)));
        return ExitCodes.Ok;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<TaskNotifier, Kamino.Data.KaminoDb, DateOnly, Task<JobOutcome<NotifyReport>>> job, string name, string sentKey, CancellationToken ct)
    {
        if (!CliFormat.TryDate(parse.GetValue(Date), "--date", out var date, out var error))
        {
            await KaminoCli.Error.WriteLineAsync(error);
            return ExitCodes.Usage;
        }

        var settings = SettingsFromEnvironment();
        if (!settings.IsConfigured)
        {
            await KaminoCli.Error.WriteLineAsync(NotConfigured);
            return ExitCodes.Failure;
        }

        await using var cli = await CliContext.OpenAsync(parse, ct);
        var clock = CliContext.Clock;
        var day = date ?? TasksCommand.JobDay(clock);
        var outcome = await job(new TaskNotifier(new EmailSender(settings), clock), cli.Db, day);
        if (outcome.Result is not { } report)
        {
            KaminoCli.Out.WriteLine(DailyJobs.AlreadyRan(name, day, outcome.Earlier));
            return ExitCodes.Ok;
        }

        KaminoCli.Out.WriteLine(Say(sentKey, report.Sent.ToString(CultureInfo.InvariantCulture), report.Failures.Count.ToString(CultureInfo.InvariantCulture)));
        foreach (var failure in report.Failures)
        {
            await KaminoCli.Error.WriteLineAsync(failure);
        }

        return report.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
