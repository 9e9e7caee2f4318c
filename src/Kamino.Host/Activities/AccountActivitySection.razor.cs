using System.Globalization;
using Kamino.Activities;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Activities;

/// <summary>
/// The account page's activities: the "Log activity" form (for whom <see cref="Permissions.MayServe"/> allows) and
/// the account's timeline. Made for a phone at the customer's door: large choices to tap, a check-in by default on
/// key accounts, the date now. It loads with its own context (the page's is busy with the rest of the page) and
/// handles its own form; <see cref="ActivityLog.LogAsync"/> checks the role and the account team again.
/// </summary>
public partial class AccountActivitySection
{
    /// <summary>Timeline entries shown at first; the rest behind "show all".</summary>
    public const int FirstEntries = 10;

    /// <summary>Next-step rows the form offers (empty rows are ignored).</summary>
    public const int StepRows = 3;

    private const string AtFormat = "yyyy-MM-ddTHH:mm";

    private IReadOnlyList<TimelineEntry> timeline = [];
    private List<MemberDto> members = [];
    private List<(long Id, string Name)> contacts = [];
    private Dictionary<string, string> problems = new(StringComparer.Ordinal);
    private bool mayLog;
    private bool mayCreateTasks;

    [Parameter, EditorRequired]
    public CurrentMember Member { get; set; } = default!;

    /// <summary>Check-in is preselected on key accounts, whose cadence asks for one.</summary>
    [Parameter]
    public bool IsKeyAccount { get; set; }

    private bool Posting => Posted("activity-form") is not null;

    protected override async Task OnParametersSetAsync()
    {
        await using var db = Database.CreateDbContext();
        await LoadAsync(db);
    }

    private async Task LoadAsync(KaminoDb db)
    {
        var ws = Member.WorkspaceId;
        mayLog = await ActivityLog.MayServeAsync(db, ws, CustomerId, Member.UserId, Aborted);
        mayCreateTasks = Member.Can(Permission.CreateTasks);
        members = (await Members.ListAsync(db, ws, Aborted)).Where(m => !m.Disabled).ToList();
        contacts = (await db.Contacts.AsNoTracking().Where(c => c.WorkspaceId == ws && c.CustomerId == CustomerId).OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name }).ToListAsync(Aborted)).Select(c => (c.Id, c.Name)).ToList();
        timeline = await Timeline.ForAccountAsync(db, ws, CustomerId, Aborted);
    }

    /// <summary>Handles the <c>activity</c> form; on success back to the page with a GET, else the form again with each problem by its field.</summary>
    private async Task LogAsync()
    {
        await using var db = Database.CreateDbContext();
        var input = Read(out var formProblems);
        ActivityResult? result = null;
        if (formProblems.Count == 0)
        {
            result = await ActivityLog.LogAsync(db, Member.WorkspaceId, CustomerId, input!, Member.UserId, Clock, Aborted);
            if (result.Succeeded)
            {
                Navigation.NavigateTo(Navigation.Uri);
                return;
            }
        }

        problems = (result?.Problems ?? formProblems).GroupBy(p => FieldGroup(p.Field)).ToDictionary(g => g.Key, g => ProblemText(g.Key, g.First()), StringComparer.Ordinal);
        SetStatus(result?.Outcome switch
        {
            ChangeOutcome.Forbidden => StatusCodes.Status403Forbidden,
            ChangeOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        });

        await LoadAsync(db);
    }

    /// <summary>The posted form as a <see cref="NewActivity"/>; null with problems when a field cannot even be read.</summary>
    private NewActivity? Read(out List<ActivityProblem> formProblems)
    {
        formProblems = [];
        if (!Enum.TryParse<ActivityType>(Posted("type"), out var type) || !Enum.IsDefined(type))
        {
            formProblems.Add(new("type", Said.Text("type")));
        }

        DateTimeOffset? at = null;
        // The field shows the minute the form was drawn; left as it was, it means now (to the second, so that the
        // activity is listed after what was done a moment before it).
        if (Posted("at") is { Length: > 0 } rawAt && rawAt != Posted("at-shown"))
        {
            if (DateTime.TryParseExact(rawAt, AtFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                at = WorkspaceTime.FromLocal(local, Member.TimeZone);
            }
            else
            {
                formProblems.Add(new("at", Said.Text("at")));
            }
        }

        // The check-in switch is hidden for emails, meetings and notes: what it still posts then means nothing.
        var isCheckin = Posted("checkin") == "true" && ActivityRules.CanBeCheckin(type);
        var nextCheckin = Day(Posted("next-checkin"), "nextCheckinOn", formProblems);
        var steps = new List<NextStep>();
        for (var i = 0; i < StepRows; i++)
        {
            var title = Posted(Step("title", i));
            if (string.IsNullOrWhiteSpace(title))
            {
                continue;
            }

            var due = Day(Posted(Step("due", i)), "nextSteps", formProblems);
            steps.Add(new NextStep(title, Posted(Step("assignee", i)) ?? "", due ?? Today.AddDays(7)));
        }

        var form = HttpContext!.Request.Form;
        return formProblems.Count > 0 ? null : new NewActivity(
            type,
            Posted("summary") ?? "",
            at,
            isCheckin,
            isCheckin ? Number(Posted("csat")) : null,
            isCheckin ? Number(Posted("nps")) : null,
            isCheckin && Number(Posted("nps")) is not null ? Id(Posted("nps-contact")) : null,
            isCheckin ? nextCheckin : null,
            form["member"].OfType<string>().ToList(),
            form["contact"].Select(Id).OfType<long>().ToList(),
            steps);
    }

    private static DateOnly? Day(string? raw, string field, List<ActivityProblem> formProblems)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        formProblems.Add(new(field, Said.Text(field)));
        return null;
    }

    private static int? Number(string? raw) => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static long? Id(string? raw) => long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Step(string part, int i) => string.Create(CultureInfo.InvariantCulture, $"step-{part}-{i}");

    /// <summary>Problems of the next-step rows are shown together, under the rows.</summary>
    private static string FieldGroup(string field) => field.StartsWith("nextSteps", StringComparison.Ordinal) ? "nextSteps" : field;

    private string ProblemText(string field, ActivityProblem problem)
    {
        var text = L["ActivityProblem_" + field];
        return text.ResourceNotFound ? problem.Why.In(CultureInfo.CurrentUICulture) : text.Value;
    }

    private DateOnly Today => Member.Today(Clock);

    private string NowValue => WorkspaceTime.Local(Clock.GetUtcNow(), Member.TimeZone).ToString(AtFormat, CultureInfo.InvariantCulture);

    private string? ProblemOf(string field) => problems.GetValueOrDefault(field);

    private bool Checked(string name, string value, bool byDefault) => Posting ? Posted(name) == value : byDefault;

    private bool MemberChecked(string userId) =>
        Posting ? HttpContext!.Request.Form["member"].Contains(userId) : userId == Member.UserId;

    private string TypeName(ActivityType type) => L["ActivityType_" + type];

    private static string Person(MemberDto m) => m.Name;

    private static string When(DateTimeOffset at) => at.ToLocalTime().ToString("g", Culture);
}
