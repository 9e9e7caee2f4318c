using System.CommandLine;
using System.Globalization;
using Kamino.Email;
using Kamino.Exports;
using Kamino.Host.Cli;
using Kamino.People;
using Kamino.WorkTasks;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.WorkTasks;

/// <summary>
/// <c>kamino tasks mine|list|add|done</c>. The command line has the database, so <c>--user</c> says on whose
/// behalf it acts: that user must be a member of the workspace, and the same rules as in the web apply.
/// </summary>
public static class TasksCommand
{
    private static readonly Option<string> User = new Option<string>("--user", "-u") { Required = true }.Help("Help_Tasks_User");
    private static readonly Option<string?> OptionalUser = new Option<string?>("--user", "-u").Help("Help_Tasks_OptionalUser");
    private static readonly Option<bool> All = new Option<bool>("--all").Help("Help_Tasks_All");
    private static readonly Option<bool> IncludeDone = new Option<bool>("--include-done").Help("Help_Tasks_IncludeDone");
    private static readonly Option<string> Title = new Option<string>("--title") { Required = true }.Help("Help_Tasks_Title");
    private static readonly Option<string> Assignee = new Option<string>("--assignee") { Required = true }.Help("Help_Tasks_Assignee");
    private static readonly Option<string?> Account = new Option<string?>("--account").Help("Help_Tasks_Account");
    private static readonly Option<string?> Due = new Option<string?>("--due").Help("Help_Tasks_Due");
    private static readonly Option<Department> DepartmentOption = new Option<Department>("--department") { DefaultValueFactory = _ => Department.Other }.Help("Help_Tasks_Department").DefinedOnly();
    private static readonly Option<string?> Description = new Option<string?>("--description").Help("Help_Tasks_Description");
    private static readonly Argument<long> Id = new Argument<long>("ID").Help("Help_Tasks_Id");

    public static Command Create()
    {
        var mineFormat = CliFormat.CreateFormatOption(xlsx: true);
        var mine = new Command("mine", Say("Help_Tasks_Mine")) { User, IncludeDone, mineFormat };
        CliFormat.WithXlsx(mine, mineFormat);
        mine.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ActorAsync(ws, parse.GetValue(User)!, ct) is not { } actor)
            {
                return ExitCodes.Failure;
            }

            var query = ws.Db.Tasks.Mine(ws.WorkspaceId, actor.UserId);
            await PrintAsync(ws, parse, parse.GetValue(IncludeDone) ? query : query.Open(), parse.GetValue(mineFormat), ct);
            return ExitCodes.Ok;
        });

        var listFormat = CliFormat.CreateFormatOption(xlsx: true);
        var list = new Command("list", Say("Help_Tasks_List")) { OptionalUser, All, IncludeDone, listFormat };
        CliFormat.WithXlsx(list, listFormat);
        list.SetAction(async (parse, ct) =>
        {
            var email = parse.GetValue(OptionalUser);
            var all = parse.GetValue(All);
            if (email is null && !all)
            {
                await KaminoCli.Error.WriteLineAsync(Say("WorkTasks_WhoseTeam"));
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            IQueryable<WorkTask> query;
            if (email is null)
            {
                query = ws.Db.Tasks.Where(t => t.WorkspaceId == ws.WorkspaceId);
            }
            else
            {
                if (await ActorAsync(ws, email, ct) is not { } actor)
                {
                    return ExitCodes.Failure;
                }

                query = ws.Db.Tasks.Team(ws.Db, ws.WorkspaceId, actor);
            }

            await PrintAsync(ws, parse, all || parse.GetValue(IncludeDone) ? query : query.Open(), parse.GetValue(listFormat), ct);
            return ExitCodes.Ok;
        });

        var add = new Command("add", Say("Help_Tasks_Add"))
        {
            Title, Assignee, Account, Due, DepartmentOption, Description, User,
        };
        add.SetAction(AddAsync);

        var done = new Command("done", Say("Help_Tasks_Done")) { Id, User };
        done.SetAction(DoneAsync);

        return new Command("tasks", Say("Help_Tasks")) { mine, list, add, done };
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken ct)
    {
        if (!CliFormat.TryDate(parse.GetValue(Due), "--due", out var due, out var dateError))
        {
            await KaminoCli.Error.WriteLineAsync(dateError);
            return ExitCodes.Usage;
        }

        await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
        if (ws is null || await ActorAsync(ws, parse.GetValue(User)!, ct) is not { } actor)
        {
            return ExitCodes.Failure;
        }

        if (!Permissions.Allows(actor.Role, Permission.CreateTasks))
        {
            await KaminoCli.Error.WriteLineAsync(Say("WorkTasks_MayNotCreate", parse.GetValue(User), actor.Role, ws.Slug));
            return ExitCodes.Failure;
        }

        var assignee = await ws.MemberAsync(parse.GetValue(Assignee)!, ct);
        if (assignee is null)
        {
            return ExitCodes.Failure;
        }

        long? customerId = null;
        if (parse.GetValue(Account) is { } key)
        {
            var customer = await ws.CustomerAsync(key, ct);
            if (customer is null)
            {
                return ExitCodes.Failure;
            }

            customerId = customer.Id;
        }

        var clock = CliContext.Clock;
        var input = new NewTask(parse.GetValue(Title)!, assignee, due ?? ws.Today.AddDays(7), parse.GetValue(Description), customerId, parse.GetValue(DepartmentOption));
        var result = await Tasks.CreateAsync(ws.Db, ws.WorkspaceId, input, actor.UserId, clock, ct);
        if (result.Outcome != TaskOutcome.Changed)
        {
            foreach (var p in result.Problems)
            {
                await KaminoCli.Error.WriteLineAsync($"--{p.Field}: {Say(p.Why)}");
            }

            return ExitCodes.Failure;
        }

        var task = result.Task!;
        KaminoCli.Out.WriteLine(Say("WorkTasks_Created", Id_(task.Id), parse.GetValue(Assignee), task.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        await EmailAssigneeAsync(ws, task, actor.UserId, ct);
        return ExitCodes.Ok;
    }

    private static async Task<int> DoneAsync(ParseResult parse, CancellationToken ct)
    {
        await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
        if (ws is null || await ActorAsync(ws, parse.GetValue(User)!, ct) is not { } actor)
        {
            return ExitCodes.Failure;
        }

        var id = parse.GetValue(Id);
        var task = await Tasks.FindAsync(ws.Db, ws.WorkspaceId, id, ct);
        if (task is null)
        {
            await KaminoCli.Error.WriteLineAsync(Say("WorkTasks_NoTask", Id_(id), ws.Slug));
            return ExitCodes.Failure;
        }

        if (!TaskRules.CanComplete(actor, task))
        {
            await KaminoCli.Error.WriteLineAsync(Say("WorkTasks_MayNotClose", parse.GetValue(User), actor.Role, Id_(id)));
            return ExitCodes.Failure;
        }

        var result = await Tasks.CompleteAsync(ws.Db, ws.WorkspaceId, id, actor.UserId, CliContext.Clock, ct);
        KaminoCli.Out.WriteLine(result.Outcome == TaskOutcome.Unchanged
            ? Say("WorkTasks_AlreadyDone", Id_(id))
            : Say("WorkTasks_Done", Id_(id)));
        return ExitCodes.Ok;
    }

    /// <summary>The member with that email as a task actor, or null after saying why.</summary>
    private static async Task<TaskActor?> ActorAsync(CliContext ws, string email, CancellationToken ct)
    {
        var userId = await ws.MemberAsync(email, ct);
        return userId is null ? null : await Tasks.ActorAsync(ws.Db, ws.WorkspaceId, userId, ct);
    }

    private static async Task EmailAssigneeAsync(CliContext ws, WorkTask task, string actorUserId, CancellationToken ct)
    {
        if (string.Equals(task.AssigneeUserId, actorUserId, StringComparison.Ordinal))
        {
            return;
        }

        var settings = NotifyCommand.SettingsFromEnvironment();
        if (!settings.IsConfigured)
        {
            await KaminoCli.Error.WriteLineAsync(Say("WorkTasks_NoEmailSent", NotifyCommand.NotConfigured));
            return;
        }

        try
        {
            await new TaskNotifier(new EmailSender(settings), CliContext.Clock).SendAssignedAsync(ws.Db, task, actorUserId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The task is saved and the in-app notification is there; a mail server problem must not undo that.
            await KaminoCli.Error.WriteLineAsync(Say("WorkTasks_EmailFailed", e.Message));
        }
    }

    private static async Task PrintAsync(CliContext ws, ParseResult parse, IQueryable<WorkTask> query, OutputFormat format, CancellationToken ct)
    {
        var today = ws.Today;
        var rows = await query.ToRowsAsync(ws.Db, today, ct);
        if (format == OutputFormat.Xlsx)
        {
            await CliOutput.WriteXlsxAsync(parse, ExportLists.Tasks(rows), ct);
            return;
        }

        CliOutput.Print(
            format,
            rows.Select(Json),
            w =>
            {
                w.WriteLine("id,title,status,overdue,dueDate,assignee,account,department,createdBy");
                foreach (var r in rows)
                {
                    w.WriteLine(string.Join(',',
                        r.Id.ToString(CultureInfo.InvariantCulture), CliFormat.CsvField(r.Title), r.Status.ToString(), r.Overdue ? "true" : "false",
                        r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CliFormat.CsvField(r.AssigneeEmail), CliFormat.CsvField(r.AccountKey),
                        r.Department.ToString(), CliFormat.CsvField(r.CreatedByEmail)));
                }
            },
            console =>
            {
                if (rows.Count == 0)
                {
                    console.WriteLine(Say("WorkTasks_None"));
                    return;
                }

                var table = new Table().Border(TableBorder.Rounded)
                    .AddColumn("#", c => c.RightAligned()).AddColumn(Say("WorkTasks_Title")).AddColumn(Say("WorkTasks_Due")).AddColumn(Say("WorkTasks_Status"))
                    .AddColumn(Say("WorkTasks_Assignee")).AddColumn(Say("WorkTasks_Account")).AddColumn(Say("WorkTasks_Department"));
                foreach (var r in rows)
                {
                    var due = r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    table.AddRow(
                        new Text(r.Id.ToString(CultureInfo.InvariantCulture)),
                        new Text(r.Title, r.Overdue ? new Style(Color.Red, decoration: Decoration.Bold) : Style.Plain),
                        r.Overdue ? new Markup($"[bold red]{Markup.Escape(Say("WorkTasks_DueOverdue", due))}[/]") : new Text(due),
                        new Text(r.Status.ToString()),
                        new Text(r.AssigneeEmail ?? r.AssigneeName),
                        new Text(r.AccountKey is null ? "" : $"{r.AccountKey} {r.AccountName}"),
                        new Text(r.Department.ToString()));
                }

                console.Write(table);
                var overdue = rows.Count(r => r.Overdue);
                if (overdue > 0)
                {
                    console.MarkupLine($"[bold red]{Markup.Escape(Say("WorkTasks_Overdue", overdue.ToString(CultureInfo.InvariantCulture)))}[/]");
                }
            });
    }

    private static object Json(TaskRow r) => new
    {
        r.Id,
        r.Title,
        r.Description,
        r.Status,
        r.Overdue,
        r.DueDate,
        r.Department,
        Assignee = r.AssigneeEmail,
        r.AssigneeName,
        Account = r.AccountKey,
        r.AccountName,
        CreatedBy = r.CreatedByEmail,
        r.CreatedAt,
        r.CompletedAt,
    };

    private static string Id_(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The day of the jobs that span every workspace (reminders, digests): the UTC date, as the daily job in <c>serve</c> takes it.</summary>
    internal static DateOnly JobDay(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
