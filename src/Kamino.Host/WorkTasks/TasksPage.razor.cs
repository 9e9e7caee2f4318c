using System.Globalization;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.WorkTasks;

/// <summary>
/// "My tasks" and "my team's tasks" (<c>?tab=mine|team</c>), overdue first and highlighted; creating,
/// closing, reopening and reassigning tasks with the rules of the tasks API (<see cref="TaskRules"/>).
/// <c>/tasks/{id}</c>, the link of a notification, shows the list that holds that task with the task marked.
/// </summary>
public partial class TasksPage
{
    private List<TaskRow> rows = [];
    private Dictionary<long, WorkTask> tasks = [];
    private List<MemberDto> assignable = [];
    private List<CustomerOption> customers = [];
    private List<Kamino.Plans.ObjectiveOption> objectives = [];
    private TaskActor? actor;

    [Parameter]
    public long? TaskId { get; set; }

    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    [SupplyParameterFromForm(FormName = "task-create")]
    private NewTaskForm? NewTask { get; set; }

    [Inject]
    private TaskMail Mail { get; set; } = default!;

    private bool IsTeamTab { get; set; }

    private sealed record CustomerOption(string Key, string Name, bool IsKeyAccount);

    protected override async Task LoadAsync(CurrentMember member)
    {
        NewTask ??= new NewTaskForm { DueDate = Today.AddDays(7), AssigneeUserId = member.UserId };
        actor = await Tasks.ActorAsync(Db, member.WorkspaceId, member.UserId, Aborted);
        if (actor is null)
        {
            Navigation.NotFound();
            return;
        }

        IsTeamTab = string.Equals(Tab, "team", StringComparison.OrdinalIgnoreCase);
        if (TaskId is { } id && Tab is null)
        {
            // A notification's link: show the list the task is in.
            IsTeamTab = !await Db.Tasks.AsNoTracking().Mine(member.WorkspaceId, member.UserId).AnyAsync(t => t.Id == id, Aborted);
        }

        var query = IsTeamTab
            ? Db.Tasks.AsNoTracking().Team(Db, member.WorkspaceId, actor)
            : Db.Tasks.AsNoTracking().Mine(member.WorkspaceId, member.UserId);
        rows = await query.ToRowsAsync(Db, Today, Aborted);
        var ids = rows.Select(r => r.Id).ToList();
        tasks = await Db.Tasks.AsNoTracking().Where(t => t.WorkspaceId == member.WorkspaceId && ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, Aborted);
        assignable = (await Members.ListAsync(Db, member.WorkspaceId, Aborted)).Where(m => TaskRules.CanBeAssignedTo(m.Role) && !m.Disabled).ToList();
        customers = member.Can(Permission.CreateTasks)
            ? (await Db.Customers.AsNoTracking().Where(c => c.WorkspaceId == member.WorkspaceId)
                .Select(c => new CustomerOption(c.Key, c.Name, c.IsKeyAccount)).ToListAsync(Aborted))
                .OrderByDescending(c => c.IsKeyAccount).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList()
            : [];
        objectives = member.Can(Permission.CreateTasks) ? await LinkableObjectivesAsync(member) : [];
    }

    /// <summary>This year's plan objectives of the key accounts whose plan the member may edit: what a new task can be an action of.</summary>
    private async Task<List<Kamino.Plans.ObjectiveOption>> LinkableObjectivesAsync(CurrentMember member)
    {
        var year = Today.Year;
        var planned = await Db.AccountPlans.AsNoTracking().Where(p => p.WorkspaceId == member.WorkspaceId && p.Year == year).Select(p => p.CustomerId).ToListAsync(Aborted);
        var editable = new List<long>();
        foreach (var customerId in planned)
        {
            if (await Kamino.Plans.AccountPlans.MayEditAsync(Db, member.WorkspaceId, customerId, member.UserId, Aborted))
            {
                editable.Add(customerId);
            }
        }

        return editable.Count == 0 ? [] : [.. await Kamino.Plans.AccountPlans.ObjectiveOptionsAsync(Db, member.WorkspaceId, editable, year, Aborted)];
    }

    private async Task CreateAsync()
    {
        var me = Member!;
        if (!me.Can(Permission.CreateTasks))
        {
            Forbidden();
            return;
        }

        var form = NewTask!;
        long? customerId = null;
        var objective = form.ObjectiveId is { } objectiveId ? (await LinkableObjectivesAsync(me)).FirstOrDefault(o => o.Id == objectiveId) : null;
        if (form.ObjectiveId is not null && (objective is null || (!string.IsNullOrWhiteSpace(form.AccountKey) && form.AccountKey != objective.CustomerKey)))
        {
            Refuse(StatusCodes.Status400BadRequest, L["BadForm"]);
            return;
        }

        if (objective is not null)
        {
            // An objective's action is a task of the objective's account.
            customerId = objective.CustomerId;
        }
        else if (!string.IsNullOrWhiteSpace(form.AccountKey))
        {
            customerId = await Db.Customers.Where(c => c.WorkspaceId == me.WorkspaceId && c.Key == form.AccountKey)
                .Select(c => (long?)c.Id).FirstOrDefaultAsync(Aborted);
            if (customerId is null)
            {
                Refuse(StatusCodes.Status400BadRequest, L["NoSuchAccount", form.AccountKey]);
                return;
            }
        }

        var result = await Tasks.CreateAsync(Db, me.WorkspaceId,
            new NewTask(form.Title ?? "", form.AssigneeUserId ?? "", form.DueDate, form.Description, customerId, form.Department), me.UserId, Clock, Aborted);
        if (result.Outcome != TaskOutcome.Changed)
        {
            Refuse(StatusCodes.Status400BadRequest, L["ChangeRefused", Said.Together(result.Problems.Select(p => p.Why)).In(CultureInfo.CurrentUICulture)]);
            return;
        }

        if (objective is not null && Refused(await Kamino.Plans.AccountPlans.LinkTaskAsync(Db, me.WorkspaceId, objective.CustomerId, objective.Id, result.Task!.Id, me.UserId, Clock, Aborted)))
        {
            return;
        }

        await Mail.SendAssignedAsync(Db, result.Task!, me.UserId, Aborted);
        Navigation.NavigateTo(TeamLinks.Tasks(me.Slug, IsTeamTab ? "team" : "mine"));
    }

    private Task CompleteAsync() => ChangeAsync(TaskRules.CanComplete, (id, me) => Tasks.CompleteAsync(Db, me.WorkspaceId, id, me.UserId, Clock, Aborted));

    private Task ReopenAsync() => ChangeAsync(TaskRules.CanComplete, (id, me) => Tasks.ReopenAsync(Db, me.WorkspaceId, id, me.UserId, Clock, Aborted));

    private async Task ReassignAsync()
    {
        var me = Member!;
        var id = PostedId();
        var assignee = id is null ? null : Posted("assignee-" + id.Value.ToString(Culture));
        if (!me.Can(Permission.CreateTasks))
        {
            Forbidden();
            return;
        }

        await ChangeAsync(TaskRules.CanReassign, async (taskId, m) =>
        {
            var result = await Tasks.ReassignAsync(Db, m.WorkspaceId, taskId, assignee ?? "", m.UserId, Clock, Aborted);
            if (result.Outcome == TaskOutcome.Changed && result.Task!.AssigneeUserId != m.UserId)
            {
                await Mail.SendAssignedAsync(Db, result.Task, m.UserId, Aborted);
            }

            return result;
        });
    }

    /// <summary>The checks of the tasks API: the task is of this workspace and <paramref name="allowed"/> for the member.</summary>
    private async Task ChangeAsync(Func<TaskActor, WorkTask, bool> allowed, Func<long, CurrentMember, Task<TaskResult>> change)
    {
        var me = Member!;
        var task = PostedId() is { } id ? await Tasks.FindAsync(Db, me.WorkspaceId, id, Aborted) : null;
        var current = await Tasks.ActorAsync(Db, me.WorkspaceId, me.UserId, Aborted);
        if (task is null || current is null)
        {
            Refuse(StatusCodes.Status404NotFound, L["NoSuchTask"]);
            return;
        }

        if (!allowed(current, task))
        {
            Forbidden();
            return;
        }

        var result = await change(task.Id, me);
        if (result.Outcome is TaskOutcome.Invalid or TaskOutcome.NotFound)
        {
            Refuse(StatusCodes.Status400BadRequest, L["ChangeRefused", Said.Together(result.Problems.Select(p => p.Why)).In(CultureInfo.CurrentUICulture)]);
            return;
        }

        Reload();
    }

    private string RowClass(TaskRow t) =>
        string.Join(' ', new[] { t.Overdue ? "overdue" : null, t.Status == WorkTaskStatus.Done ? "done" : null, t.Id == TaskId ? "focus" : null }.Where(c => c is not null));

    private string Label(MemberDto m) => $"{(string.IsNullOrEmpty(m.DisplayName) ? m.Email : m.DisplayName)} ({RoleName(m.Role)})";

    internal sealed class NewTaskForm
    {
        public string? Title { get; set; }

        public string? Description { get; set; }

        public string? AccountKey { get; set; }

        public string? AssigneeUserId { get; set; }

        public Department Department { get; set; } = Department.Other;

        public DateOnly DueDate { get; set; }

        /// <summary>The plan objective the task is an action of (its account becomes the task's).</summary>
        public long? ObjectiveId { get; set; }
    }
}
