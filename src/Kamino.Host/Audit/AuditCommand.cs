using System.CommandLine;
using System.Globalization;
using Kamino.Audit;
using Kamino.Host.Cli;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Audit;

/// <summary><c>kamino audit [--account CUSTOMERKEY]</c>: who changed what, newest first.</summary>
public static class AuditCommand
{
    private static readonly Option<string?> Account = new("--account") { Description = "Only changes concerning this customer (its key)" };

    /// <summary>An audit entry as the CLI prints it: the user's email and the customer's key instead of ids.</summary>
    public sealed record AuditRow(long Id, DateTimeOffset At, string User, string Entity, string EntityId, string? CustomerKey, string Action, string Summary);

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("audit", "The audit trail of the workspace: members, designations, teams, tasks") { Account, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliWorkspace.OpenAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            long? customerId = null;
            if (parse.GetValue(Account) is { } key)
            {
                if (await ws.CustomerAsync(key, ct) is not { } customer)
                {
                    return ExitCodes.Failure;
                }

                customerId = customer.Id;
            }

            var entries = await AuditLog.For(ws.Db, ws.Id, customerId).ToListAsync(ct);
            var userIds = entries.Where(e => e.UserId is not null).Select(e => e.UserId!).Distinct().ToList();
            var emails = await ws.Db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
            var customerIds = entries.Where(e => e.CustomerId is not null).Select(e => e.CustomerId!.Value).Distinct().ToList();
            var keys = await ws.Db.Customers.Where(c => c.WorkspaceId == ws.Id && customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Key, ct);
            var rows = entries.Select(e => new AuditRow(e.Id, e.At,
                e.UserId is null ? "system" : emails.GetValueOrDefault(e.UserId, e.UserId),
                e.Entity, e.EntityId, e.CustomerId is { } c ? keys.GetValueOrDefault(c) : null, e.Action, e.Summary)).ToList();
            CliWorkspace.Print(parse.GetValue(format), rows,
                new CliColumn<AuditRow>("When (UTC)", "at", r => r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                new CliColumn<AuditRow>("Who", "user", r => r.User),
                new CliColumn<AuditRow>("What", "entity", r => r.Entity),
                new CliColumn<AuditRow>("Account", "customerKey", r => r.CustomerKey),
                new CliColumn<AuditRow>("Action", "action", r => r.Action),
                new CliColumn<AuditRow>("Change", "summary", r => r.Summary));
            return ExitCodes.Ok;
        });
        return command;
    }
}
