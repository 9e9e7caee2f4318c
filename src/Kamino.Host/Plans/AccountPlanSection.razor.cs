using System.Globalization;
using Kamino.Data;
using Kamino.People;
using Kamino.Plans;
using Kamino.WorkTasks;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Plans;

/// <summary>
/// The key account's plan on its account page (issue 13): the situation and the objectives of a year (<c>?plan-year=</c>,
/// default this year) with their actions and progress, links to the print view and the PDF, and for whom may edit it
/// (<see cref="AccountPlans.MayEditAsync"/>) the situation form, add/edit/remove/reorder objectives, their status,
/// linking the account's tasks and starting next year's plan. Like the contacts section it loads and changes its data
/// through its own context; every post is checked again by <see cref="AccountPlans"/>.
/// </summary>
public partial class AccountPlanSection
{
    public const string StrengthsField = "plan-strengths";
    public const string WeaknessesField = "plan-weaknesses";
    public const string OpportunitiesField = "plan-opportunities";
    public const string ThreatsField = "plan-threats";
    public const string AreaField = "objective-area";
    public const string TitleField = "objective-title";
    public const string OwnerField = "objective-owner";
    public const string MeasureField = "objective-measure";
    public const string TargetField = "objective-target";
    public const string DueField = "objective-due";
    public const string StatusField = "objective-status";

    /// <summary>The query parameter of the year shown.</summary>
    public const string YearParameter = "plan-year";

    /// <summary>The query parameter that says, after the redirect, which change was made.</summary>
    private const string DoneParameter = "plan";

    private const string AddForm = "add";
    private const string SituationForm = "situation";

    private static readonly string[] DoneWords = ["saved", "added", "removed", "status", "linked", "unlinked", "moved", "next"];

    private PlanDto? plan;
    private IReadOnlyList<int> years = [];
    private IReadOnlyList<MemberDto> members = [];
    private List<WorkTask> tasks = [];
    private bool mayEdit;
    private string? done;
    private string? postedForm;
    private Dictionary<string, string> problems = [];

    [Parameter, EditorRequired]
    public string Slug { get; set; } = "";

    private int Year { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        Year = query.TryGetValue(YearParameter, out var y) && int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && PlanRules.IsPlanYear(year)
            ? year
            : 0;
        done = query.TryGetValue(DoneParameter, out var value) && DoneWords.Contains(value.ToString()) ? value.ToString() : null;
        await using var db = Database.CreateDbContext();
        if (Year == 0)
        {
            Year = (await WorkspaceTime.TodayAsync(db, WorkspaceId, Clock, Aborted)).Year;
        }

        plan = await AccountPlans.GetAsync(db, WorkspaceId, CustomerId, Year, Aborted);
        years = await AccountPlans.YearsAsync(db, WorkspaceId, CustomerId, Aborted);
        mayEdit = await AccountPlans.MayEditAsync(db, WorkspaceId, CustomerId, UserId, Aborted);
        if (mayEdit)
        {
            members = await Members.ListAsync(db, WorkspaceId, Aborted);
            tasks = await db.Tasks.AsNoTracking().Where(t => t.WorkspaceId == WorkspaceId && t.CustomerId == CustomerId)
                .OrderBy(t => t.Status).ThenBy(t => t.DueDate).ThenBy(t => t.Id).ToListAsync(Aborted);
        }
    }

    private Task SaveSituationAsync() => ChangeAsync(SituationForm, "saved", db => AccountPlans.SetSituationAsync(db, WorkspaceId, CustomerId, Year,
        new SituationFields(Posted(StrengthsField), Posted(WeaknessesField), Posted(OpportunitiesField), Posted(ThreatsField)), UserId, Clock, Aborted));

    private Task AddAsync() => ObjectiveAsync(AddForm, "added", (db, fields) => AccountPlans.AddObjectiveAsync(db, WorkspaceId, CustomerId, Year, fields, UserId, Clock, Aborted));

    private Task EditAsync(long id) =>
        ObjectiveAsync(id.ToString(CultureInfo.InvariantCulture), "saved", (db, fields) => AccountPlans.EditObjectiveAsync(db, WorkspaceId, CustomerId, id, fields, UserId, Clock, Aborted));

    private Task SetStatusAsync()
    {
        var id = PostedLong("id");
        return id is not null && Enum.TryParse<ObjectiveStatus>(Posted("status-" + id.Value.ToString(CultureInfo.InvariantCulture)), out var status) && Enum.IsDefined(status)
            ? ChangeAsync(null, "status", db => AccountPlans.SetStatusAsync(db, WorkspaceId, CustomerId, id.Value, status, UserId, Clock, Aborted))
            : BadPost();
    }

    private Task MoveAsync()
    {
        var up = PostedLong("up");
        var id = up ?? PostedLong("down");
        if (id is null || plan is null)
        {
            return BadPost();
        }

        var order = plan.Objectives.Select(o => o.Id).ToList();
        var at = order.IndexOf(id.Value);
        var to = up is not null ? at - 1 : at + 1;
        if (at < 0 || to < 0 || to >= order.Count)
        {
            return ChangeAsync(null, "moved", _ => Task.FromResult(new PlanResult(ChangeResult.Done, plan, null, [])));
        }

        (order[at], order[to]) = (order[to], order[at]);
        return ChangeAsync(null, "moved", db => AccountPlans.ReorderAsync(db, WorkspaceId, CustomerId, Year, order, UserId, Clock, Aborted));
    }

    private Task RemoveAsync() => PostedLong("id") is { } id
        ? ChangeAsync(null, "removed", async db => Wrap(await AccountPlans.RemoveObjectiveAsync(db, WorkspaceId, CustomerId, id, UserId, Clock, Aborted)))
        : BadPost();

    private Task LinkAsync()
    {
        var id = PostedLong("id");
        var task = id is null ? null : PostedLong("task-" + id.Value.ToString(CultureInfo.InvariantCulture));
        return id is not null && task is not null
            ? ChangeAsync(null, "linked", async db => Wrap(await AccountPlans.LinkTaskAsync(db, WorkspaceId, CustomerId, id.Value, task.Value, UserId, Clock, Aborted)))
            : BadPost();
    }

    private Task UnlinkAsync() => PostedLong("task") is { } task
        ? ChangeAsync(null, "unlinked", async db => Wrap(await AccountPlans.UnlinkTaskAsync(db, WorkspaceId, CustomerId, task, UserId, Clock, ct: Aborted)))
        : BadPost();

    private Task NextYearAsync() => ChangeAsync(null, "next", db => AccountPlans.StartNextYearAsync(db, WorkspaceId, CustomerId, Year, UserId, Clock, Aborted), Year + 1);

    private Task ObjectiveAsync(string form, string what, Func<KaminoDb, ObjectiveFields, Task<PlanResult>> change)
    {
        var inputProblems = new List<PlanProblem>();
        if (!Enum.TryParse<PlanArea>(Posted(AreaField), out var area) || !Enum.IsDefined(area))
        {
            inputProblems.Add(new("area", Said.Text("")));
        }

        if (!Enum.TryParse<ObjectiveStatus>(Posted(StatusField), out var status) || !Enum.IsDefined(status))
        {
            inputProblems.Add(new("status", Said.Text("")));
        }

        DateOnly? due = null;
        if (Posted(DueField) is { Length: > 0 } rawDue)
        {
            if (DateOnly.TryParseExact(rawDue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                due = d;
            }
            else
            {
                inputProblems.Add(new("dueOn", Said.Text("")));
            }
        }

        var fields = new ObjectiveFields(area, Posted(TitleField), Posted(OwnerField), Posted(MeasureField), Posted(TargetField), due, status);
        inputProblems.AddRange(PlanRules.Problems(fields));
        if (inputProblems.Count > 0)
        {
            postedForm = form;
            Finish(PlanResult.Invalid(inputProblems), what, Year);
            return Task.CompletedTask;
        }

        return ChangeAsync(form, what, db => change(db, fields));
    }

    private async Task ChangeAsync(string? form, string what, Func<KaminoDb, Task<PlanResult>> change, int? showYear = null)
    {
        postedForm = form;
        await using var db = Database.CreateDbContext();
        Finish(await change(db), what, showYear ?? Year);
    }

    /// <summary>After a post: back to the page with a GET saying what was done, or the problems shown where they belong.</summary>
    private void Finish(PlanResult result, string what, int showYear)
    {
        if (result.Change.Succeeded)
        {
            var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
            {
                [DoneParameter] = what,
                [YearParameter] = showYear.ToString(CultureInfo.InvariantCulture),
            });
            Navigation.NavigateTo(uri + "#plan-title");
            return;
        }

        problems = result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => (string)L["PlanProblem_" + g.Key], StringComparer.Ordinal);
        var (status, message) = result.Change.Outcome switch
        {
            ChangeOutcome.Forbidden => (StatusCodes.Status403Forbidden, (string)L["NotAllowed"]),
            ChangeOutcome.NotFound => (StatusCodes.Status404NotFound, (string)L["ChangeRefused", result.Change.In(CultureInfo.CurrentUICulture)]),
            _ => (StatusCodes.Status400BadRequest, problems.Count > 0 ? (string)L["PlanNotSaved"] : (string)L["ChangeRefused", result.Change.In(CultureInfo.CurrentUICulture)]),
        };
        Refuse(status, message);
    }

    private Task BadPost()
    {
        Finish(PlanResult.Refused(ChangeResult.Invalid(Said.Text("?"))), "", Year);
        return Task.CompletedTask;
    }

    private static PlanResult Wrap(ChangeResult change) => new(change, null, null, []);

    private long? PostedLong(string name) =>
        long.TryParse(Posted(name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>What an objective form shows: the posted values after its refused post, else the objective (or blanks).</summary>
    private FormValues ValuesFor(string form, ObjectiveDto? o) =>
        postedForm == form
            ? new FormValues(Posted(AreaField), Posted(TitleField), Posted(OwnerField), Posted(MeasureField), Posted(TargetField), Posted(DueField), Posted(StatusField))
            : o is null
                ? new FormValues(PlanArea.Sales.ToString(), null, UserId, null, null, null, ObjectiveStatus.NotStarted.ToString())
                : new FormValues(o.Area.ToString(), o.Title, o.OwnerUserId, o.Measure, o.Target, o.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.Status.ToString());

    private string? ProblemOf(string form, string field) => postedForm == form && problems.TryGetValue(field, out var p) ? p : null;

    private string AreaName(PlanArea area) => L["PlanArea_" + area];

    private string StatusName(ObjectiveStatus status) => L["PlanStatus_" + status];

    private static string Or(string text) => text.Length > 0 ? text : "–";

    private sealed record FormValues(string? Area, string? Title, string? Owner, string? Measure, string? Target, string? Due, string? Status);
}
