using System.CommandLine;
using System.Globalization;
using Kamino.Alerts;
using Kamino.Email;
using Kamino.Host.Cli;
using Kamino.Host.Email;
using Kamino.Host.WorkTasks;
using Kamino.Jobs;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Alerts;

/// <summary>
/// <c>kamino alerts [--mine | --team] [--user EMAIL] [--today DATE] [--format table|json|csv]</c>,
/// <c>kamino alerts ack|snooze|undo KEY --user EMAIL [--until DATE]</c> and <c>kamino notify alerts [--today DATE]</c> (docs/alerts.md).
/// </summary>
public static class AlertsCommand
{
    // The scope options of `kamino checkins due` (ScopeOptions): the same scopes (plus, in mine, the overdue tasks assigned to --user).
    private static readonly Option<string?> User = ScopeOptions.User;
    private static readonly Option<string?> Today = ScopeOptions.Today;
    private static readonly Option<string?> Until = new Option<string?>("--until").Help("Help_Alerts_Until");
    private static readonly Argument<string> Key = new Argument<string>("KEY").Help("Help_Alerts_Key");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var alerts = new Command("alerts", Say("Help_Alerts"))
        {
            format,
        };
        ScopeOptions.AddTo(alerts);
        alerts.SetAction(async (parse, ct) =>
        {
            if (!CliFormat.TryDate(parse.GetValue(Today), "--today", out var today, out var error))
            {
                await KaminoCli.Error.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            if (await ScopeOptions.UserIdAsync(parse, ws, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var day = today ?? ws.Today;
            var scope = ScopeOptions.Scope(parse);
            var rows = userId.Length == 0
                ? await AlertsQuery.DeriveAsync(ws.Db, ws.WorkspaceId, scope, userId, day, ct: ct)
                : (await AlertsQuery.ListAsync(ws.Db, ws.WorkspaceId, scope, userId, day, ct)).Open;
            CliOutput.Print(parse.GetValue(format), rows.Select(AlertDto.Of).ToList(),
                new CliColumn<AlertDto>(Say("Alerts_Kind"), "kind", r => Say("Alerts_Kind_" + r.Kind), r => KindName(r.Kind)),
                new CliColumn<AlertDto>(Say("Alerts_Customer"), "customerId", r => r.CustomerId),
                new CliColumn<AlertDto>(Say("Alerts_Name"), "customerName", r => r.CustomerName),
                new CliColumn<AlertDto>(Say("Alerts_Reason"), "reason", r => CliLanguage.IsSpanish ? AlertWords.Reason(r.Kind, r.Figures, r.Reason, CultureInfo.CurrentCulture) : r.Reason, r => r.Reason),
                new CliColumn<AlertDto>(Say("Alerts_Since"), "since", r => r.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new CliColumn<AlertDto>(Say("Alerts_Link"), "link", r => r.Link),
                new CliColumn<AlertDto>(Say("Alerts_Key"), "key", r => r.Key));
            return ExitCodes.Ok;
        });
        alerts.Subcommands.Add(Dismiss("ack", Say("Help_Alerts_Ack"), snooze: false));
        alerts.Subcommands.Add(Dismiss("snooze", Say("Help_Alerts_Snooze"), snooze: true));
        var undo = new Command("undo", Say("Help_Alerts_Undo")) { Key, User };
        undo.Validators.Add(NeedsUser);
        undo.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.MemberAsync(parse.GetValue(User)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var key = parse.GetValue(Key)!;
            return await CliContext.ReportAsync(await AlertDismissals.UndoAsync(ws.Db, ws.WorkspaceId, userId, key, CliContext.Clock, ct), Say("Alerts_ShownAgain", key));
        });
        alerts.Subcommands.Add(undo);
        return alerts;
    }

    /// <summary><c>kamino notify alerts [--today DATE]</c>: the weekly alert digests not sent yet this week (in-app; email too when SMTP is configured).</summary>
    public static Command CreateDigest()
    {
        var digest = new Command("alerts", Say("Help_Alerts_Digest")) { Today };
        digest.SetAction(async (parse, ct) =>
        {
            if (!CliFormat.TryDate(parse.GetValue(Today), "--today", out var today, out var error))
            {
                await KaminoCli.Error.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            var settings = SmtpConfiguration.FromEnvironment();
            await using var cli = await CliContext.OpenAsync(parse, ct);
            var day = today ?? TasksCommand.JobDay(CliContext.Clock);
            var outcome = await DailyJobs.AlertDigestAsync(cli.Db, day, settings.IsConfigured ? new EmailSender(settings) : null, JobLedger.ThisNode, CliContext.Clock, ct);
            if (outcome.Result is not { } report)
            {
                KaminoCli.Out.WriteLine(DailyJobs.AlreadyRan(DailyJobs.AlertDigest, day, outcome.Earlier));
                return ExitCodes.Ok;
            }

            KaminoCli.Out.WriteLine(Say(settings.IsConfigured ? "Alerts_Digests" : "Alerts_DigestsInApp", report.Digests, report.Emailed, report.Failures.Count));
            foreach (var failure in report.Failures)
            {
                await KaminoCli.Error.WriteLineAsync(failure);
            }

            return report.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return digest;
    }

    /// <summary>The kind as JSON writes it (<c>checkinOverdue</c>, …).</summary>
    public static string KindName(AlertKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static void NeedsUser(System.CommandLine.Parsing.CommandResult r)
    {
        if (r.GetValue(User) is null)
        {
            r.AddError(Say("Alerts_NeedsUser"));
        }
    }

    private static Command Dismiss(string name, string description, bool snooze)
    {
        var command = new Command(name, description) { Key, User, Today };
        if (snooze)
        {
            command.Options.Add(Until);
        }

        command.Validators.Add(NeedsUser);
        command.SetAction(async (parse, ct) =>
        {
            if (!CliFormat.TryDate(parse.GetValue(Today), "--today", out var today, out var error)
                || !CliFormat.TryDate(snooze ? parse.GetValue(Until) : null, "--until", out var until, out error))
            {
                await KaminoCli.Error.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.MemberAsync(parse.GetValue(User)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var key = parse.GetValue(Key)!;
            var day = today ?? ws.Today;
            var result = snooze
                ? await AlertDismissals.SnoozeAsync(ws.Db, ws.WorkspaceId, userId, key, until, day, CliContext.Clock, ct)
                : await AlertDismissals.AcknowledgeAsync(ws.Db, ws.WorkspaceId, userId, key, day, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result, snooze
                ? Say("Alerts_Snoozed", key, (until ?? day.AddDays(AlertDismissals.DefaultSnoozeDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                : Say("Alerts_Acknowledged", key));
        });
        return command;
    }
}
