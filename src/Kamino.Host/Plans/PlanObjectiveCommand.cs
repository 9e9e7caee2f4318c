using System.CommandLine;
using System.Globalization;
using Kamino.Host.Cli;
using Kamino.Plans;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Plans;

/// <summary><c>kamino plan objective add|status|remove|link|unlink</c>: the objectives of a key account's plan and their actions (tasks).</summary>
public static class PlanObjectiveCommand
{
    private static readonly Argument<long> Id = new("ID") { Description = "The objective's number (see `kamino plan show CUSTOMER`)" };
    private static readonly Argument<string> StatusArgument = CreateStatusArgument();
    private static readonly Option<string> Area = CreateAreaOption();
    private static readonly Option<string> Title = new("--title") { Description = $"What to achieve (up to {PlanObjective.MaxTitleLength} characters)", Required = true };
    private static readonly Option<string?> Owner = new("--owner") { Description = "Email of the member responsible" };
    private static readonly Option<string?> Measure = new("--measure") { Description = "How progress is measured, e.g. \"orders per month\"" };
    private static readonly Option<string?> Target = new("--target") { Description = "The value to reach, e.g. \"120,000 EUR\"" };
    private static readonly Option<string?> Due = new("--due") { Description = "Due date, yyyy-mm-dd" };
    private static readonly Option<long> Task = new("--task") { Description = "The task's number (see `kamino tasks list`); it must be about the same account", Required = true };

    public static Command Create()
    {
        var add = new Command("add", "Add an objective at the end of the plan (starts the plan when needed)")
        {
            PlanCommand.Customer, Area, Title, Owner, Measure, Target, Due, PlanCommand.YearOption, PlanCommand.Today, PlanCommand.User,
        };
        add.SetAction(async (parse, ct) =>
        {
            if (!CliFormat.TryDate(parse.GetValue(Due), "--due", out var due, out var error))
            {
                await KaminoCli.Error.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            var (open, exit) = await PlanCommand.OpenAsync(parse, ct);
            if (open is null)
            {
                return exit;
            }

            await using var ws = open.Context;
            string? ownerId = null;
            if (parse.GetValue(Owner) is { Length: > 0 } email && (ownerId = await ws.MemberAsync(email, ct)) is null)
            {
                return ExitCodes.Failure;
            }

            var area = PlanRules.TryParseArea(parse.GetValue(Area), out var a) ? a : default;
            var fields = new ObjectiveFields(area, parse.GetValue(Title), ownerId, parse.GetValue(Measure), parse.GetValue(Target), due);
            var result = await AccountPlans.AddObjectiveAsync(ws.Db, ws.WorkspaceId, open.CustomerId, open.Year, fields, open.UserId, CliContext.Clock, ct);
            return await PlanCommand.ReportAsync(result, Say("Plans_ObjectiveAdded", (result.ObjectiveId ?? 0).ToString(CultureInfo.InvariantCulture), PlanCommand.Year(open.Year)));
        });

        var status = new Command("status", $"Set an objective's status: {PlanRules.StatusNames}") { PlanCommand.Customer, Id, StatusArgument, PlanCommand.User };
        status.SetAction(async (parse, ct) =>
        {
            var (open, exit) = await PlanCommand.OpenAsync(parse, ct);
            if (open is null)
            {
                return exit;
            }

            await using var ws = open.Context;
            var value = PlanRules.TryParseStatus(parse.GetValue(StatusArgument), out var s) ? s : default;
            var result = await AccountPlans.SetStatusAsync(ws.Db, ws.WorkspaceId, open.CustomerId, parse.GetValue(Id), value, open.UserId, CliContext.Clock, ct);
            return await PlanCommand.ReportAsync(result, Say("Plans_ObjectiveStatus", Number(parse.GetValue(Id)), PlanCommand.StatusText(value)));
        });

        var remove = new Command("remove", "Remove an objective; its tasks are unlinked and stay") { PlanCommand.Customer, Id, PlanCommand.User };
        remove.SetAction((parse, ct) => ChangeAsync(parse, (ws, open) =>
            AccountPlans.RemoveObjectiveAsync(ws.Db, ws.WorkspaceId, open.CustomerId, parse.GetValue(Id), open.UserId, CliContext.Clock, ct),
            Say("Plans_ObjectiveRemoved", Number(parse.GetValue(Id))), ct));

        var link = new Command("link", "Make a task of the account an action of the objective") { PlanCommand.Customer, Id, Task, PlanCommand.User };
        link.SetAction((parse, ct) => ChangeAsync(parse, (ws, open) =>
            AccountPlans.LinkTaskAsync(ws.Db, ws.WorkspaceId, open.CustomerId, parse.GetValue(Id), parse.GetValue(Task), open.UserId, CliContext.Clock, ct),
            Say("Plans_TaskLinked", Number(parse.GetValue(Task)), Number(parse.GetValue(Id))), ct));

        var unlink = new Command("unlink", "Unlink a task from its objective (the task stays)") { PlanCommand.Customer, Task, PlanCommand.User };
        unlink.SetAction((parse, ct) => ChangeAsync(parse, (ws, open) =>
            AccountPlans.UnlinkTaskAsync(ws.Db, ws.WorkspaceId, open.CustomerId, parse.GetValue(Task), open.UserId, CliContext.Clock, ct: ct),
            Say("Plans_TaskUnlinked", Number(parse.GetValue(Task))), ct));

        return new Command("objective", "The plan's objectives: add, status, remove, link and unlink tasks") { add, status, remove, link, unlink };
    }

    private static async Task<int> ChangeAsync(ParseResult parse, Func<CliContext, PlanCommand.Opened, Task<ChangeResult>> change, string done, CancellationToken ct)
    {
        var (open, exit) = await PlanCommand.OpenAsync(parse, ct);
        if (open is null)
        {
            return exit;
        }

        await using var ws = open.Context;
        return await CliContext.ReportAsync(await change(ws, open), done);
    }

    private static string Number(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static Option<string> CreateAreaOption()
    {
        var option = new Option<string>("--area") { Description = "The objective's area: " + PlanRules.AreaNames, Required = true };
        option.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (!PlanRules.TryParseArea(text, out _))
            {
                r.AddError(Say("Plans_BadArea", CliText.Visible(text ?? ""), PlanRules.AreaNames));
            }
        });
        return option;
    }

    private static Argument<string> CreateStatusArgument()
    {
        var argument = new Argument<string>("STATUS") { Description = PlanRules.StatusNames };
        argument.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (!PlanRules.TryParseStatus(text, out _))
            {
                r.AddError(Say("Plans_BadStatus", CliText.Visible(text ?? ""), PlanRules.StatusNames));
            }
        });
        return argument;
    }
}
