using System.CommandLine;
using System.Globalization;
using Kamino.Host.Cli;
using Kamino.Plans;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Plans;

/// <summary><c>kamino plan objective add|status|remove|link|unlink</c>: the objectives of a key account's plan and their actions (tasks).</summary>
public static class PlanObjectiveCommand
{
    private static readonly Argument<long> Id = new Argument<long>("ID").Help("Help_PlanObjective_Id");
    private static readonly Argument<string> StatusArgument = CreateStatusArgument();
    private static readonly Option<string> Area = CreateAreaOption();
    private static readonly Option<string> Title = new Option<string>("--title") { Required = true }.Help("Help_PlanObjective_Title", PlanObjective.MaxTitleLength);
    private static readonly Option<string?> Owner = new Option<string?>("--owner").Help("Help_PlanObjective_Owner");
    private static readonly Option<string?> Measure = new Option<string?>("--measure").Help("Help_PlanObjective_Measure");
    private static readonly Option<string?> Target = new Option<string?>("--target").Help("Help_PlanObjective_Target");
    private static readonly Option<string?> Due = new Option<string?>("--due").Help("Help_PlanObjective_Due");
    private static readonly Option<long> Task = new Option<long>("--task") { Required = true }.Help("Help_PlanObjective_Task");

    public static Command Create()
    {
        var add = new Command("add", Say("Help_PlanObjective_Add"))
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

        var status = new Command("status", Say("Help_PlanObjective_Status", PlanRules.StatusNames)) { PlanCommand.Customer, Id, StatusArgument, PlanCommand.User };
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

        var remove = new Command("remove", Say("Help_PlanObjective_Remove")) { PlanCommand.Customer, Id, PlanCommand.User };
        remove.SetAction((parse, ct) => ChangeAsync(parse, (ws, open) =>
            AccountPlans.RemoveObjectiveAsync(ws.Db, ws.WorkspaceId, open.CustomerId, parse.GetValue(Id), open.UserId, CliContext.Clock, ct),
            Say("Plans_ObjectiveRemoved", Number(parse.GetValue(Id))), ct));

        var link = new Command("link", Say("Help_PlanObjective_Link")) { PlanCommand.Customer, Id, Task, PlanCommand.User };
        link.SetAction((parse, ct) => ChangeAsync(parse, (ws, open) =>
            AccountPlans.LinkTaskAsync(ws.Db, ws.WorkspaceId, open.CustomerId, parse.GetValue(Id), parse.GetValue(Task), open.UserId, CliContext.Clock, ct),
            Say("Plans_TaskLinked", Number(parse.GetValue(Task)), Number(parse.GetValue(Id))), ct));

        var unlink = new Command("unlink", Say("Help_PlanObjective_Unlink")) { PlanCommand.Customer, Task, PlanCommand.User };
        unlink.SetAction((parse, ct) => ChangeAsync(parse, (ws, open) =>
            AccountPlans.UnlinkTaskAsync(ws.Db, ws.WorkspaceId, open.CustomerId, parse.GetValue(Task), open.UserId, CliContext.Clock, ct: ct),
            Say("Plans_TaskUnlinked", Number(parse.GetValue(Task))), ct));

        return new Command("objective", Say("Help_PlanObjective_Objective")) { add, status, remove, link, unlink };
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
        var option = new Option<string>("--area") { Required = true }.Help("Help_PlanObjective_Area", PlanRules.AreaNames);
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
        var argument = new Argument<string>("STATUS").Help("Help_PlanObjective_StatusArgument", PlanRules.StatusNames);
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
