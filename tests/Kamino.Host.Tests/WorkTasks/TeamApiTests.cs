using Kamino.WorkTasks;

namespace Kamino.Host.Tests.WorkTasks;

/// <summary>
/// The team endpoints (tasks, members and invitations, account teams, designations and audit) through the real
/// host with bearer tokens from <c>POST /api/auth/login</c>.
/// </summary>
public sealed class TeamApiTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Api = "api/workspaces/acme/";

    [Fact]
    public async Task Tasks_CreateCompleteReassign_AsTheApiPromises()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam2);
        var kamId = await fixture.UserIdAsync(TeamServer.Kam2);
        var collaboratorId = await fixture.UserIdAsync(TeamServer.Collaborator);

        using var created = await director.PostAsJsonAsync(Api + "tasks", new { title = "Quarterly review with Beta", assigneeUserId = kamId, dueDate = "2031-02-03", accountKey = "C2", department = "Sales" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var task = await Json(created);
        var id = task.GetProperty("id").GetInt64();
        Assert.Equal("C2", task.GetProperty("accountKey").GetString());
        Assert.Equal("Open", task.GetProperty("status").GetString());

        var mine = await Json(await kam.GetAsync(Api + "tasks/mine"));
        Assert.Contains(mine.EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);

        using var done = await kam.PostAsync(Api + $"tasks/{id}/done", null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Done", (await Json(done)).GetProperty("status").GetString());
        Assert.Equal(WorkTaskStatus.Done, (await fixture.FindTaskAsync(TeamServer.Slug, id)).Status);

        using var reassigned = await director.PutAsJsonAsync(Api + $"tasks/{id}/assignee", new { assigneeUserId = collaboratorId });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        Assert.Equal(collaboratorId, (await fixture.FindTaskAsync(TeamServer.Slug, id)).AssigneeUserId);
        await using var db = fixture.Db();
        var taskId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == collaboratorId && n.Link == "/w/acme/tasks/" + taskId));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "task" && a.EntityId == taskId && a.Action == "reassign"));
    }

    [Fact]
    public async Task Tasks_ViewerMayNotCreate_KamMayNotReassignAnothersTask()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam2);
        var task = await fixture.TaskAsync("Collaborator's task", TeamServer.Collaborator, TeamServer.Director, TeamServer.Today.AddDays(3), "C2");

        using var create = await viewer.PostAsJsonAsync(Api + "tasks", new { title = "Not allowed", assigneeUserId = await fixture.UserIdAsync(TeamServer.Viewer), dueDate = "2031-02-03" });
        using var reassign = await kam.PutAsJsonAsync(Api + $"tasks/{task.Id}/assignee", new { assigneeUserId = await fixture.UserIdAsync(TeamServer.Kam2) });

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reassign.StatusCode);
        Assert.Equal(await fixture.UserIdAsync(TeamServer.Collaborator), (await fixture.FindTaskAsync(TeamServer.Slug, task.Id)).AssigneeUserId);
        await using var db = fixture.Db();
        Assert.False(await db.Tasks.AnyAsync(t => t.Title == "Not allowed"));
    }

    [Fact]
    public async Task Invitation_InviteAndAccept_TheNewUserLogsInAndIsAMember_OnlyOnce()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        using var invited = await director.PostAsJsonAsync(Api + "members/invitations", new { email = "api.newcomer@acme.test", role = "Kam" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var invitation = await Json(invited);
        Assert.False(invitation.GetProperty("emailed").GetBoolean());
        var token = invitation.GetProperty("link").GetString()!.Split("/invite/")[1];

        using var accepted = await fixture.Server.Client.PostAsJsonAsync($"api/invitations/{token}/accept", new { password = "new member password", displayName = "Api Newcomer" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var again = await fixture.Server.Client.PostAsJsonAsync($"api/invitations/{token}/accept", new { password = "new member password" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        using var newcomer = await fixture.Server.BearerClientAsync("api.newcomer@acme.test", "new member password");
        var workspaces = await Json(await newcomer.GetAsync("api/me/workspaces"));
        var only = Assert.Single(workspaces.EnumerateArray());
        Assert.Equal("acme", only.GetProperty("slug").GetString());
        Assert.Equal("Kam", only.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync(Api + "tasks/mine")).StatusCode);
    }

    [Fact]
    public async Task Invitation_OnlyADirectorInvites()
    {
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);

        using var response = await lead.PostAsJsonAsync(Api + "members/invitations", new { email = "sneaky@acme.test", role = "Director" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Invitations.AnyAsync(i => i.Email == "sneaky@acme.test"));
    }

    [Fact]
    public async Task AccountOwner_LeadKamReassignsASupervisedKamsAccount_ButNotAnotherKams()
    {
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        var leadId = await fixture.UserIdAsync(TeamServer.Lead);

        using var refused = await lead.PutAsJsonAsync(Api + "accounts/C2/team/owner", new { userId = leadId });
        using var allowed = await lead.PutAsJsonAsync(Api + "accounts/C1/team/owner", new { userId = leadId });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(TeamServer.Kam2, await fixture.OwnerAsync("C2"));
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(TeamServer.Lead, await fixture.OwnerAsync("C1"));
        var team = await Json(await lead.GetAsync(Api + "accounts/C1/team"));
        Assert.Contains(team.GetProperty("members").EnumerateArray(), m => m.GetProperty("email").GetString() == TeamServer.Kam1 && !m.GetProperty("isOwner").GetBoolean());
    }

    [Fact]
    public async Task Designation_WithAReason_AppearsInHistoryAndAudit_WithoutOneIsRefused()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        using var blank = await director.PostAsJsonAsync(Api + "accounts/C4/designation", new { isKeyAccount = true, reason = "" });
        using var designated = await director.PostAsJsonAsync(Api + "accounts/C4/designation", new { isKeyAccount = true, reason = "Biggest order of last summer" });

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, designated.StatusCode);
        var history = await Json(await director.GetAsync(Api + "accounts/C4/designations"));
        var latest = history.EnumerateArray().First();
        Assert.True(latest.GetProperty("isKeyAccount").GetBoolean());
        Assert.Equal("Biggest order of last summer", latest.GetProperty("reason").GetString());
        Assert.Equal(TeamServer.Director, latest.GetProperty("userEmail").GetString());
        Assert.Single(history.EnumerateArray());
        var audit = await Json(await director.GetAsync("api/workspaces/acme/audit?account=C4"));
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("entity").GetString() == "designation"
            && a.GetProperty("summary").GetString()!.Contains("Biggest order of last summer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Designation_KamMayNotDesignate()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);

        using var response = await kam.PostAsJsonAsync(Api + "accounts/C3/designation", new { isKeyAccount = true, reason = "I like them" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Designations.AnyAsync(d => d.Reason == "I like them"));
    }

    [Fact]
    public async Task RecordsOfAnotherWorkspace_Are404_AndUnchanged()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        using var otherWorkspace = await director.GetAsync("api/workspaces/other/tasks/mine");
        using var otherTask = await director.PostAsync(Api + $"tasks/{TeamServer.OtherTaskId}/done", null);
        using var otherAccount = await director.GetAsync(Api + "accounts/O1/team");
        using var otherDesignation = await director.PostAsJsonAsync(Api + "accounts/O1/designation", new { isKeyAccount = false, reason = "Not ours" });

        Assert.Equal(HttpStatusCode.NotFound, otherWorkspace.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTask.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAccount.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherDesignation.StatusCode);
        Assert.Equal(WorkTaskStatus.Open, (await fixture.FindTaskAsync(TeamServer.OtherSlug, TeamServer.OtherTaskId)).Status);
        await using var db = fixture.Db();
        Assert.True(await db.Customers.Where(c => c.Key == "O1").Select(c => c.IsKeyAccount).SingleAsync());
    }

    [Fact]
    public async Task WithoutAToken_TheTeamApiIs401()
    {
        using var response = await fixture.Server.Client.GetAsync(Api + "tasks/mine");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
