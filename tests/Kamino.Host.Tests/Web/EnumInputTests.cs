namespace Kamino.Host.Tests.Web;

/// <summary>
/// Enum values that name no member (<c>{"role": 99}</c>) are refused with 400 and a validation problem naming the
/// field, and nothing is stored; defined values given as numbers still work.
/// </summary>
public sealed class EnumInputTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Api = "api/workspaces/acme/";

    private static async Task AssertFieldRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    [Fact]
    public async Task ChangeRole_UndefinedNumber_Is400NamingRole_AndTheRoleStays()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        var kam = await fixture.UserIdAsync(TeamServer.Kam2);

        using var response = await director.PutAsJsonAsync(Api + $"members/{kam}/role", new { role = 99 });

        await AssertFieldRefusedAsync(response, "role");
        Assert.Equal(Role.Kam, (await fixture.MembershipAsync(TeamServer.Kam2)).Role);
        using var members = await director.GetAsync(Api + "members");
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
    }

    [Fact]
    public async Task Invite_UndefinedRole_Is400NamingRole_AndNoInvitation()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        using var response = await director.PostAsJsonAsync(Api + "members/invitations", new { email = "enum.invitee@acme.test", role = -1 });

        await AssertFieldRefusedAsync(response, "role");
        await using var db = fixture.Db();
        Assert.False(await db.Invitations.AnyAsync(i => i.Email == "enum.invitee@acme.test"));
    }

    [Fact]
    public async Task CreateTask_UndefinedDepartment_Is400NamingDepartment_DefinedNumberIsAccepted()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        var kam = await fixture.UserIdAsync(TeamServer.Kam2);

        using var bad = await director.PostAsJsonAsync(Api + "tasks", new { title = "Enum probe", assigneeUserId = kam, dueDate = "2031-02-03", department = 42 });
        using var good = await director.PostAsJsonAsync(Api + "tasks", new { title = "Enum probe ok", assigneeUserId = kam, dueDate = "2031-02-03", department = (int)Department.Sales });

        await AssertFieldRefusedAsync(bad, "department");
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Tasks.AnyAsync(t => t.Title == "Enum probe"));
    }

    [Fact]
    public async Task ChangeRole_UndefinedNumberFromAViewer_IsStill403()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        var kam = await fixture.UserIdAsync(TeamServer.Kam2);

        using var response = await viewer.PutAsJsonAsync(Api + $"members/{kam}/role", new { role = 99 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
