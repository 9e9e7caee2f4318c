using Kamino.Accounts;

namespace Kamino.Host.Tests.Activities;

/// <summary>
/// Activities, check-ins and the timeline through the real host (<see cref="TeamServer"/>: C1 owned by Kam1, C2 by Kam2;
/// here the Collaborator joins C1's team).
/// </summary>
public sealed class ActivitiesApiTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Api = "api/workspaces/acme/customers/";

    private static object Checkin(string summary, int? csat = 4) => new { type = "Call", summary, isCheckin = true, csat };

    [Fact]
    public async Task Log_KamOnTheTeam_CheckinWithNextStep_Is201_AndShowsInActivitiesAndTimeline()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        var kamId = await fixture.UserIdAsync(TeamServer.Kam1);

        using var response = await kam.PostAsJsonAsync(Api + "C1/activities", new
        {
            type = "Visit",
            summary = "Visited the warehouse: happy with delivery times",
            isCheckin = true,
            csat = 5,
            nextCheckinOn = TeamServer.Today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            memberUserIds = new[] { kamId },
            nextSteps = new[] { new { title = "Send the price list", assigneeUserId = kamId, dueDate = TeamServer.Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Json(response);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("Visit", created.GetProperty("type").GetString());
        Assert.True(created.GetProperty("isCheckin").GetBoolean());
        Assert.Equal(5, created.GetProperty("csat").GetInt32());
        Assert.Equal("kam1", created.GetProperty("loggedBy").GetString());
        var taskId = created.GetProperty("taskIds")[0].GetInt64();

        var list = await Json(await kam.GetAsync(Api + "C1/activities"));
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        var timeline = (await Json(await kam.GetAsync(Api + "C1/timeline"))).EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "Activity" && e.GetProperty("activity").GetProperty("id").GetInt64() == id);
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "TaskCreated" && e.GetProperty("task").GetProperty("id").GetInt64() == taskId);
        var task = await fixture.FindTaskAsync(TeamServer.Slug, taskId);
        Assert.Equal("Send the price list", task.Title);
    }

    [Fact]
    public async Task Log_ByRole_ViewerAndKamOffTheTeamAre403_CollaboratorOnTheTeamAndLeadAre201()
    {
        await JoinC1Async(TeamServer.Collaborator);
        var before = await CountAsync();

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(TeamServer.Viewer, "C1", Checkin("viewer")));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(TeamServer.Kam2, "C1", Checkin("kam2 is not on C1's team")));
        Assert.Equal(before, await CountAsync());

        Assert.Equal(HttpStatusCode.Created, await PostAsync(TeamServer.Collaborator, "C1", Checkin("collaborator on the team")));
        Assert.Equal(HttpStatusCode.Created, await PostAsync(TeamServer.Lead, "C2", Checkin("lead, any account")));
        Assert.Equal(HttpStatusCode.Created, await PostAsync(TeamServer.Director, "C3", new { type = "Note", summary = "director, any customer" }));
        Assert.Equal(before + 3, await CountAsync());
    }

    [Fact]
    public async Task Log_WrongWorkspaceUnknownCustomerOrNoCredentials_AreRefusedAndWriteNothing()
    {
        var before = await CountAsync();

        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(TeamServer.OtherDirector, "C1", Checkin("outsider")));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(TeamServer.Director, "O1", Checkin("a customer of the other workspace")));
        using var anonymous = await fixture.Server.Client.PostAsJsonAsync(Api + "C1/activities", Checkin("anonymous"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        using var read = await outsider.GetAsync(Api + "C1/timeline");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Log_InvalidInput_Is400WithProblemsByField_AndABadNextStepWritesNothing()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        var viewerId = await fixture.UserIdAsync(TeamServer.Viewer);
        var before = await CountAsync();
        var tasksBefore = await TaskCountAsync();

        using var noCsat = await kam.PostAsJsonAsync(Api + "C1/activities", Checkin("no CSAT", csat: null));
        using var future = await kam.PostAsJsonAsync(Api + "C1/activities", new { type = "Call", summary = "tomorrow", at = TimeProvider.System.GetUtcNow().AddDays(1) });
        using var noType = await kam.PostAsJsonAsync(Api + "C1/activities", new { summary = "what?" });
        using var badStep = await kam.PostAsJsonAsync(Api + "C1/activities", new
        {
            type = "Call",
            summary = "with a step for a viewer",
            nextSteps = new[] { new { title = "Viewers cannot do tasks", assigneeUserId = viewerId, dueDate = "2031-01-01" } },
        });

        Assert.Equal(["csat"], await ErrorFieldsAsync(noCsat));
        Assert.Equal(["at"], await ErrorFieldsAsync(future));
        Assert.Equal(["type"], await ErrorFieldsAsync(noType));
        Assert.Equal(["nextSteps[0].assignee"], await ErrorFieldsAsync(badStep));
        Assert.Equal(before, await CountAsync());
        Assert.Equal(tasksBefore, await TaskCountAsync());
    }

    private async Task<HttpStatusCode> PostAsync(string email, string customer, object body)
    {
        using var client = await fixture.Server.BearerClientAsync(email);
        using var response = await client.PostAsJsonAsync(Api + customer + "/activities", body);
        return response.StatusCode;
    }

    private async Task JoinC1Async(string email)
    {
        await using var db = fixture.Db();
        var ws = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        var userId = await fixture.UserIdAsync(email);
        var c1 = await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == "C1").Select(c => c.Id).SingleAsync();
        if (!await db.AccountTeamMembers.AnyAsync(m => m.WorkspaceId == ws && m.CustomerId == c1 && m.UserId == userId))
        {
            db.AccountTeamMembers.Add(new AccountTeamMember { WorkspaceId = ws, CustomerId = c1, UserId = userId, Department = Department.Operations });
            await db.SaveChangesAsync();
        }
    }

    private async Task<int> CountAsync()
    {
        await using var db = fixture.Db();
        return await db.Activities.CountAsync();
    }

    private async Task<int> TaskCountAsync()
    {
        await using var db = fixture.Db();
        return await db.Tasks.CountAsync();
    }

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await Json(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
