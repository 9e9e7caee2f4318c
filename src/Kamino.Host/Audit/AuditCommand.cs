using System.CommandLine;
using System.Globalization;
using Kamino.Audit;
using Kamino.Host.Cli;
using Microsoft.EntityFrameworkCore;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Audit;

/// <summary>
/// <c>kamino audit [--account CUSTOMERKEY]</c>: who changed what, newest first. The table says each change in the run's
/// language (<see cref="AuditWords"/>, members by name); CSV keeps the recorded English summary (scripts read it) and
/// JSON has both.
/// </summary>
public static class AuditCommand
{
    /// <summary>
    /// An audit entry as the CLI prints it: the user's email and the customer's key instead of ids, the recorded
    /// <paramref name="Summary"/> and <paramref name="Text"/>, the change in the run's language.
    /// </summary>
    public sealed record AuditRow(long Id, DateTimeOffset At, string User, string Entity, string EntityId, string? CustomerKey, string Action, string Summary, string Text);

    /// <summary>How JSON and CSV name the system (no user: imports by the CLI, reminders); the table says it in the run's language.</summary>
    private const string SystemUser = "system";

    public static Command Create()
    {
        var account = new Option<string?>("--account") { Description = Say("Audit_AccountOption") };
        var format = CliFormat.CreateFormatOption();
        var command = new Command("audit", Say("Audit_Description")) { account, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            long? customerId = null;
            if (parse.GetValue(account) is { } key)
            {
                if (await ws.CustomerAsync(key, ct) is not { } customer)
                {
                    return ExitCodes.Failure;
                }

                customerId = customer.Id;
            }

            var entries = await AuditLog.For(ws.Db, ws.WorkspaceId, customerId).ToListAsync(ct);
            var userIds = entries.Where(e => e.UserId is not null).Select(e => e.UserId!).Distinct().ToList();
            var emails = await ws.Db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
            var customerIds = entries.Where(e => e.CustomerId is not null).Select(e => e.CustomerId!.Value).Distinct().ToList();
            var keys = await ws.Db.Customers.Where(c => c.WorkspaceId == ws.WorkspaceId && customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Key, ct);
            var people = await AuditLog.PeopleAsync(ws.Db, ws.WorkspaceId, ct);
            var rows = entries.Select(e => new AuditRow(e.Id, e.At,
                e.UserId is null ? SystemUser : emails.GetValueOrDefault(e.UserId, e.UserId),
                e.Entity, e.EntityId, e.CustomerId is { } c ? keys.GetValueOrDefault(c) : null, e.Action, e.Summary,
                AuditWords.Summary(e, CultureInfo.CurrentUICulture, people))).ToList();
            CliOutput.Print(parse.GetValue(format), rows,
                new CliColumn<AuditRow>(Say("Audit_When"), "at", r => r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                new CliColumn<AuditRow>(Say("Audit_Who"), "user", r => r.User == SystemUser ? Say("Audit_System") : r.User, r => r.User),
                new CliColumn<AuditRow>(Say("Audit_What"), "entity", r => r.Entity),
                new CliColumn<AuditRow>(Say("Audit_Account"), "customerKey", r => r.CustomerKey),
                new CliColumn<AuditRow>(Say("Audit_Action"), "action", r => r.Action),
                new CliColumn<AuditRow>(Say("Audit_Change"), "summary", r => r.Text, r => r.Summary));
            return ExitCodes.Ok;
        });
        return command;
    }
}
