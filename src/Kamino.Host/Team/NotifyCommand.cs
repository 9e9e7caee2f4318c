using System.CommandLine;
using System.Globalization;
using Kamino.Host.Cli;
using Kamino.Team.Email;
using Spectre.Console;

namespace Kamino.Host.Team;

/// <summary>
/// <c>kamino notify reminders|digest [--date D]</c>: the task email jobs, for every workspace of the database,
/// meant to run once a day (cron, systemd timer). SMTP settings come from <c>KAMINO_SMTP_*</c> variables.
/// </summary>
public static class NotifyCommand
{
    public const string NotConfigured = "SMTP is not configured: set KAMINO_SMTP_HOST and KAMINO_SMTP_FROM (and KAMINO_SMTP_PORT, KAMINO_SMTP_SECURITY, KAMINO_SMTP_USER, KAMINO_SMTP_PASSWORD as needed)";

    private static readonly Option<string?> Date = new("--date") { Description = "The day to run for, yyyy-mm-dd (default: today)" };

    public static Command Create()
    {
        var reminders = new Command("reminders", "Email each assignee about their open tasks due tomorrow (once per task)") { Date };
        reminders.SetAction((parse, ct) => RunAsync(parse, (n, db, day) => n.SendDueRemindersAsync(db, day, ct), "reminder", ct));
        var digest = new Command("digest", "Email each member, per workspace, their open tasks due today and overdue") { Date };
        digest.SetAction((parse, ct) => RunAsync(parse, (n, db, day) => n.SendDailyDigestsAsync(db, day, ct), "digest", ct));
        return new Command("notify", "Task email jobs (SMTP from KAMINO_SMTP_* variables)") { reminders, digest };
    }

    /// <summary>
    /// SMTP settings from <c>KAMINO_SMTP_HOST</c>, <c>_PORT</c> (default 587), <c>_SECURITY</c>
    /// (none|starttls|ssl; default starttls, or ssl on port 465), <c>_FROM</c>, <c>_USER</c>, <c>_PASSWORD</c>.
    /// </summary>
    public static SmtpSettings SettingsFromEnvironment()
    {
        static string? Get(string name) => Environment.GetEnvironmentVariable("KAMINO_SMTP_" + name) is { Length: > 0 } v ? v.Trim() : null;
        var port = int.TryParse(Get("PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 587;
        var security = Get("SECURITY")?.ToUpperInvariant() switch
        {
            "NONE" => SmtpSecurity.None,
            "SSL" => SmtpSecurity.Ssl,
            "STARTTLS" => SmtpSecurity.StartTls,
            _ => port == 465 ? SmtpSecurity.Ssl : SmtpSecurity.StartTls,
        };
        return new SmtpSettings
        {
            Host = Get("HOST") ?? "",
            Port = port,
            Security = security,
            FromAddress = Get("FROM") ?? "",
            User = Get("USER"),
            Password = Environment.GetEnvironmentVariable("KAMINO_SMTP_PASSWORD"),
        };
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<TaskNotifier, Kamino.Data.KaminoDb, DateOnly, Task<NotifyReport>> job, string what, CancellationToken ct)
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
        var report = await job(new TaskNotifier(new EmailSender(settings), clock), cli.Db, date ?? TasksCommand.Today(clock));
        KaminoCli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Sent} {what} email(s) sent, {report.Failures.Count} failed"));
        foreach (var failure in report.Failures)
        {
            await KaminoCli.Error.WriteLineAsync(failure);
        }

        return report.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
