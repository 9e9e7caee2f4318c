using System.Globalization;
using Kamino.Data;
using Kamino.Host.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Web;

/// <summary>
/// A page under <c>/w/{workspace}</c> (static server rendering). <see cref="WorkspaceAccess"/> has already
/// resolved the signed-in member before the page renders; a page without one shows the not-found page. Forms
/// post back to the page; their handlers check the member's permission again, because a post can be forged.
/// </summary>
public abstract class WorkspacePage : ComponentBase
{
    [Parameter]
    public string Workspace { get; set; } = "";

    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    [Inject]
    protected KaminoDb Db { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<Ui> L { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    /// <summary>The signed-in member of this workspace; null only while the not-found page is shown instead.</summary>
    protected CurrentMember? Member { get; private set; }

    /// <summary>Why the last posted form was refused, fit to show; null when nothing was refused.</summary>
    protected string? Problem { get; private set; }

    protected static CultureInfo Culture => CultureInfo.CurrentCulture;

    protected DateOnly Today => Member!.Today(Clock);

    /// <summary>The context of the analysis reads (the standby when it is up to date, see <see cref="ReadYourWrites"/>); never for writes.</summary>
    protected async Task<KaminoDb> ReadDbAsync() =>
        HttpContext is null ? Db : (await ReadDb.BindAsync(HttpContext))!.Db;

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    protected override async Task OnParametersSetAsync()
    {
        Member = HttpContext is null ? null : CurrentMember.Get(HttpContext);
        if (Member is null)
        {
            Navigation.NotFound();
            return;
        }

        await LoadAsync(Member);
    }

    /// <summary>Loads what the page shows, for <paramref name="member"/>; called on every request and after a refused post.</summary>
    protected abstract Task LoadAsync(CurrentMember member);

    /// <summary>A posted field of the plain (non-EditForm) forms, whose names can carry a row id.</summary>
    protected string? Posted(string name) =>
        HttpContext?.Request is { HasFormContentType: true } request ? request.Form[name].FirstOrDefault() : null;

    /// <summary>The posted <c>id</c> field as a number, or null.</summary>
    protected long? PostedId() =>
        long.TryParse(Posted("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Refuses a posted form: the page is shown again with <paramref name="message"/> and <paramref name="status"/>.</summary>
    protected void Refuse(int status, string message)
    {
        Problem = message;
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    /// <summary>
    /// Shows why a library change was not made, in the page's language, and answers true; false when it was done.
    /// <paramref name="person"/> names the people the refusal mentions (see <see cref="PeopleOf"/>); null says their emails.
    /// </summary>
    protected bool Refused(ChangeResult result, Func<string, string?>? person = null)
    {
        if (result.Succeeded)
        {
            return false;
        }

        Refuse(result.Outcome switch
        {
            ChangeOutcome.NotFound => StatusCodes.Status404NotFound,
            ChangeOutcome.Forbidden => StatusCodes.Status403Forbidden,
            ChangeOutcome.Invalid or ChangeOutcome.Done => StatusCodes.Status400BadRequest,
        }, L["ChangeRefused", result.In(CultureInfo.CurrentUICulture, person)]);
        return true;
    }

    /// <summary>Names the workspace's <paramref name="members"/> by user id or email, as refusals and audit entries record them; null for anyone else.</summary>
    protected static Func<string, string?> PeopleOf(IEnumerable<Kamino.People.MemberDto> members)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in members)
        {
            names[m.UserId] = m.Name;
            names.TryAdd(m.Email, m.Name);
        }

        return recorded => names.GetValueOrDefault(recorded);
    }

    protected void Forbidden() => Refuse(StatusCodes.Status403Forbidden, L["NotAllowed"]);

    /// <summary>After a change: back to the page with a GET, so that reloading does not post again.</summary>
    protected void Reload() => Navigation.NavigateTo(Navigation.Uri);

    /// <summary>
    /// After a change: back to the page with a GET carrying <c>done=<paramref name="done"/></c>, which the page shows as
    /// <see cref="DoneMessage"/> (resource <c>Done_{done}</c>), so the user sees what happened.
    /// </summary>
    protected void Reload(string done) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(DoneParameter, done));

    /// <summary>What the last change did, in the user's language, from the <c>done</c> query parameter; null when none.</summary>
    protected string? DoneMessage =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query).TryGetValue(DoneParameter, out var done)
        && done.ToString() is { Length: > 0 and <= 40 } kind && kind.All(char.IsAsciiLetter)
        && L["Done_" + kind] is { ResourceNotFound: false } text
            ? text.Value
            : null;

    private const string DoneParameter = "done";

    protected string RoleName(Kamino.People.Role role) => L["Role_" + role];

    protected string DepartmentName(Kamino.People.Department department) => L["Department_" + department];
}

/// <summary>Addresses of the team pages.</summary>
public static class TeamLinks
{
    public static string Tasks(string workspace, string? tab = null) =>
        $"/w/{Uri.EscapeDataString(workspace)}/tasks" + (tab is null ? "" : "?tab=" + tab);

    public static string Notifications(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/notifications";

    public static string Members(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/members";

    public static string MyAccounts(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/accounts/mine";

    public static string Account(string workspace, string key) => $"/w/{Uri.EscapeDataString(workspace)}/accounts/{Uri.EscapeDataString(key)}";

    public static string Invitation(string token) => "/invite/" + Uri.EscapeDataString(token);
}
