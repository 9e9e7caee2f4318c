using System.Text.RegularExpressions;
using Kamino.WorkTasks;

namespace Kamino.Host.Tests.WorkTasks;

/// <summary>
/// The team pages over HTTP, as a browser without scripts would use them: what each role sees, and that a
/// form post the page would not have offered (forged, or without the antiforgery token) changes nothing.
/// </summary>
public sealed partial class TeamPagesTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    [Fact]
    public async Task TasksPage_MyTasks_ShowsTheWorkspaceAndHighlightsOverdueTasks()
    {
        var late = await fixture.TaskAsync("Call about the late invoice", TeamServer.Kam1, TeamServer.Director, TeamServer.Today.AddDays(-2));
        var later = await fixture.TaskAsync("Prepare the spring plan", TeamServer.Kam1, TeamServer.Director, TeamServer.Today.AddDays(10));
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);

        var html = await kam.GetStringAsync("w/acme/tasks");

        Assert.Contains("data-testid=\"page-workspace\">Acme Foods<", html, StringComparison.Ordinal);
        var lateRow = Row(html, late.Id);
        Assert.Contains("class=\"overdue\"", lateRow, StringComparison.Ordinal);
        Assert.Contains(">Overdue</span>", lateRow, StringComparison.Ordinal);
        Assert.Contains(TeamServer.Today.AddDays(-2).ToString("d", new System.Globalization.CultureInfo("en")), lateRow, StringComparison.Ordinal);
        var laterRow = Row(html, later.Id);
        Assert.DoesNotContain("Overdue", laterRow, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"done\"", laterRow, StringComparison.Ordinal);
        Assert.True(html.IndexOf($"data-task=\"{late.Id}\"", StringComparison.Ordinal) < html.IndexOf($"data-task=\"{later.Id}\"", StringComparison.Ordinal), "overdue first");
    }

    [Fact]
    public async Task TasksPage_Spanish_FormatsTheDueDateTheSpanishWay()
    {
        var task = await fixture.TaskAsync("Revisar la tarifa", TeamServer.Kam2, TeamServer.Director, new DateOnly(2031, 3, 7));
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam2);
        kam.DefaultRequestHeaders.AcceptLanguage.Clear();
        kam.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");

        var row = Row(await kam.GetStringAsync("w/acme/tasks"), task.Id);

        // Day before month, as Spanish readers expect (7 March, not 3 July).
        Assert.Contains(">7/3/2031", row.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Marcar hecha", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("w/acme/tasks")]
    [InlineData("w/acme/tasks?tab=team")]
    [InlineData("w/acme/notifications")]
    [InlineData("w/acme/members")]
    [InlineData("w/acme/accounts/mine")]
    [InlineData("w/acme/accounts/C1")]
    public async Task TeamPages_MemberGets200_NonMemberGets404(string path)
    {
        using var member = await fixture.BrowserClientAsync(TeamServer.Viewer);
        using var stranger = await fixture.BrowserClientAsync(TeamServer.OtherDirector);

        using var ok = await member.GetAsync(path);
        using var notFound = await stranger.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Acme Foods", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.DoesNotContain("Acme Foods", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamPages_WithoutSignIn_RedirectToSignIn()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };

        using var response = await anonymous.GetAsync("w/acme/tasks");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C3", HttpStatusCode.OK)]
    [InlineData("O1", HttpStatusCode.NotFound)]
    [InlineData("NOPE", HttpStatusCode.NotFound)]
    public async Task AccountPage_OnlyCustomersOfTheWorkspace(string key, HttpStatusCode expected)
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);

        using var response = await director.GetAsync("w/acme/accounts/" + key);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsStringAsync()).Contains("Gamma Tours", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TasksPage_PostWithoutAntiforgeryToken_Is400AndTheTaskStaysOpen()
    {
        var task = await fixture.TaskAsync("Token test", TeamServer.Kam1, TeamServer.Director, TeamServer.Today.AddDays(1));
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);

        using var response = await kam.PostAsync("w/acme/tasks", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "task-done",
            ["id"] = task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(WorkTaskStatus.Open, (await fixture.FindTaskAsync(TeamServer.Slug, task.Id)).Status);
    }

    [Fact]
    public async Task TasksPage_AssigneeMarksDone_ThenReopens()
    {
        var task = await fixture.TaskAsync("Send the catalogue", TeamServer.Collaborator, TeamServer.Director, TeamServer.Today.AddDays(2));
        using var collaborator = await fixture.BrowserClientAsync(TeamServer.Collaborator);

        using var done = await Forms.PostAsync(collaborator, "w/acme/tasks", "task-done", new() { ["id"] = Id(task) });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(WorkTaskStatus.Done, (await fixture.FindTaskAsync(TeamServer.Slug, task.Id)).Status);
        var row = Row(await collaborator.GetStringAsync("w/acme/tasks"), task.Id);
        Assert.Contains("data-testid=\"reopen\"", row, StringComparison.Ordinal);

        using var reopened = await Forms.PostAsync(collaborator, "w/acme/tasks", "task-reopen", new() { ["id"] = Id(task) });

        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Equal(WorkTaskStatus.Open, (await fixture.FindTaskAsync(TeamServer.Slug, task.Id)).Status);
    }

    [Fact]
    public async Task TasksPage_ViewerSeesNoActions_AndAForgedDoneIsRefused()
    {
        var task = await fixture.TaskAsync("Viewer cannot close this", TeamServer.Kam1, TeamServer.Director, TeamServer.Today.AddDays(2), "C1");
        using var viewer = await fixture.BrowserClientAsync(TeamServer.Viewer);
        var html = await viewer.GetStringAsync("w/acme/tasks?tab=team");
        Assert.DoesNotContain("data-testid=\"done\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"create-task\"", html, StringComparison.Ordinal);

        using var forged = await Forms.PostAsync(viewer, "w/acme/tasks", "task-done", new() { ["id"] = Id(task) });

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("Your role may not do this", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(WorkTaskStatus.Open, (await fixture.FindTaskAsync(TeamServer.Slug, task.Id)).Status);
    }

    [Fact]
    public async Task TasksPage_CollaboratorCannotCreate_AForgedCreateIsRefused()
    {
        using var collaborator = await fixture.BrowserClientAsync(TeamServer.Collaborator);
        var html = await collaborator.GetStringAsync("w/acme/tasks");
        Assert.DoesNotContain("task-create", html, StringComparison.Ordinal);
        using var forged = await Forms.PostAsync(collaborator, "w/acme/tasks", "task-done", new()
        {
            ["_handler"] = "task-create",
            ["NewTask.Title"] = "Forged task",
            ["NewTask.AssigneeUserId"] = await fixture.UserIdAsync(TeamServer.Collaborator),
            ["NewTask.DueDate"] = "2031-01-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Tasks.AnyAsync(t => t.Title == "Forged task"));
    }

    [Fact]
    public async Task TasksPage_KamCreatesATask_TheAssigneeIsNotifiedAndSeesIt()
    {
        var collaboratorId = await fixture.UserIdAsync(TeamServer.Collaborator);
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam2);

        using var created = await Forms.PostAsync(kam, "w/acme/tasks", "task-create", new()
        {
            ["NewTask.Title"] = "Design the C2 brochure",
            ["NewTask.Description"] = "Two pages",
            ["NewTask.AccountKey"] = "C2",
            ["NewTask.AssigneeUserId"] = collaboratorId,
            ["NewTask.Department"] = nameof(Department.Marketing),
            ["NewTask.DueDate"] = "2031-05-04",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using (var db = fixture.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.Title == "Design the C2 brochure");
            Assert.Equal(collaboratorId, task.AssigneeUserId);
            Assert.Equal(Department.Marketing, task.Department);
            Assert.Equal(new DateOnly(2031, 5, 4), task.DueDate);
            Assert.NotNull(task.CustomerId);
        }

        using var collaborator = await fixture.BrowserClientAsync(TeamServer.Collaborator);
        Assert.Contains("Design the C2 brochure", await collaborator.GetStringAsync("w/acme/tasks"), StringComparison.Ordinal);
        var notifications = await collaborator.GetStringAsync("w/acme/notifications");
        Assert.Contains("assigned you a task: Design the C2 brochure", notifications, StringComparison.Ordinal);
        Assert.True(UnreadBadge().IsMatch(notifications), notifications);
    }

    [Fact]
    public async Task TasksPage_CreateWithoutTitle_IsRefusedWithTheReason()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);

        using var response = await Forms.PostAsync(director, "w/acme/tasks", "task-create", new()
        {
            ["NewTask.Title"] = "  ",
            ["NewTask.AssigneeUserId"] = await fixture.UserIdAsync(TeamServer.Kam1),
            ["NewTask.DueDate"] = "2031-05-04",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("A title is required.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksPage_InSpanish_SaysWhyATaskIsRefusedInSpanish()
    {
        using var director = await fixture.Server.SignedInClientAsync(TeamServer.Director);
        director.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");
        var kam = await fixture.UserIdAsync(TeamServer.Kam1);

        using var blank = await Forms.PostAsync(director, "w/acme/tasks", "task-create", new()
        {
            ["NewTask.Title"] = "  ",
            ["NewTask.AssigneeUserId"] = kam,
            ["NewTask.DueDate"] = "2031-05-04",
        });
        using var tooLong = await Forms.PostAsync(director, "w/acme/tasks", "task-create", new()
        {
            ["NewTask.Title"] = new string('x', 201),
            ["NewTask.AssigneeUserId"] = kam,
            ["NewTask.DueDate"] = "2031-05-04",
        });

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var blankHtml = WebUtility.HtmlDecode(await blank.Content.ReadAsStringAsync());
        Assert.Contains("El campo «título» es obligatorio.", blankHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("A title is required.", blankHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("El campo «título» tiene 201 caracteres; se admiten como máximo 200.", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksPage_LeadReassignsASupervisedKamsTask_KamMayNotReassignOthers()
    {
        var task = await fixture.TaskAsync("Visit the C1 warehouse", TeamServer.Kam1, TeamServer.Director, TeamServer.Today.AddDays(5), "C1");
        var other = await fixture.TaskAsync("Not Kam2's to give away", TeamServer.Collaborator, TeamServer.Director, TeamServer.Today.AddDays(5), "C2");
        var kam2Id = await fixture.UserIdAsync(TeamServer.Kam2);

        // Kam2 owns C2, so sees the collaborator's task on it, but may not hand it on.
        using var kam2 = await fixture.BrowserClientAsync(TeamServer.Kam2);
        var kamHtml = await kam2.GetStringAsync("w/acme/tasks?tab=team");
        Assert.DoesNotContain("data-testid=\"reassign\"", Row(kamHtml, other.Id), StringComparison.Ordinal);
        using var forged = await Forms.PostAsync(kam2, "w/acme/tasks?tab=team", "task-reassign", new() { ["id"] = Id(other), ["assignee-" + Id(other)] = kam2Id });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(await fixture.UserIdAsync(TeamServer.Collaborator), (await fixture.FindTaskAsync(TeamServer.Slug, other.Id)).AssigneeUserId);

        using var lead = await fixture.BrowserClientAsync(TeamServer.Lead);
        var leadHtml = await lead.GetStringAsync("w/acme/tasks?tab=team");
        Assert.Contains("data-testid=\"reassign\"", Row(leadHtml, task.Id), StringComparison.Ordinal);
        using var reassigned = await Forms.PostAsync(lead, "w/acme/tasks?tab=team", "task-reassign", new() { ["id"] = Id(task), ["assignee-" + Id(task)] = kam2Id });

        Assert.Equal(HttpStatusCode.Redirect, reassigned.StatusCode);
        Assert.Equal(kam2Id, (await fixture.FindTaskAsync(TeamServer.Slug, task.Id)).AssigneeUserId);
    }

    [Fact]
    public async Task NotificationsPage_MarkAsRead_OnlyTheMembersOwn()
    {
        await fixture.TaskAsync("Read me", TeamServer.Lead, TeamServer.Director, TeamServer.Today.AddDays(4));
        await fixture.TaskAsync("Someone else's", TeamServer.Kam2, TeamServer.Director, TeamServer.Today.AddDays(4));
        await using var db = fixture.Db();
        var leadId = await fixture.UserIdAsync(TeamServer.Lead);
        var mine = await db.Notifications.Where(n => n.UserId == leadId && n.Text.Contains("Read me")).SingleAsync();
        var kam2Id = await fixture.UserIdAsync(TeamServer.Kam2);
        var theirs = await db.Notifications.Where(n => n.UserId == kam2Id && n.Text.Contains("Someone else's")).SingleAsync();
        using var lead = await fixture.BrowserClientAsync(TeamServer.Lead);
        Assert.Contains("Read me", await lead.GetStringAsync("w/acme/notifications"), StringComparison.Ordinal);

        using var refused = await Forms.PostAsync(lead, "w/acme/notifications", "notification-read", new() { ["id"] = theirs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var read = await Forms.PostAsync(lead, "w/acme/notifications", "notification-read", new() { ["id"] = mine.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.NotNull((await db.Notifications.AsNoTracking().SingleAsync(n => n.WorkspaceId == mine.WorkspaceId && n.Id == mine.Id)).ReadAt);
        Assert.Null((await db.Notifications.AsNoTracking().SingleAsync(n => n.WorkspaceId == theirs.WorkspaceId && n.Id == theirs.Id)).ReadAt);
    }

    private static string Id(WorkTask task) => task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The table row of task <paramref name="id"/>.</summary>
    internal static string Row(string html, long id)
    {
        var match = Regex.Match(html, $"<tr[^>]*data-task=\"{id}\".*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for task {id}");
        return match.Value;
    }

    [GeneratedRegex("data-testid=\"unread-count\"[^>]*>[1-9]")]
    private static partial Regex UnreadBadge();
}
