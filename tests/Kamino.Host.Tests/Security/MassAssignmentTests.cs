using Kamino.WorkTasks;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// ASVS 8.2.3 / 15.3.3: request bodies bind to request DTOs, so fields a client adds (workspace, owner, creator,
/// id, role, status) are ignored; the workspace comes from the route and the actor from the credentials.
/// </summary>
public sealed class MassAssignmentTests : IAsyncLifetime
{
    private SecurityServer server = null!;
    private int acmeId;
    private int otherId;
    private string directorId = null!;
    private string kamId = null!;
    private string otherDirectorId = null!;
    private string otherKamId = null!;
    private HttpClient director = null!;

    public async Task InitializeAsync()
    {
        server = await SecurityServer.StartAsync();
        acmeId = await server.AddWorkspaceAsync("acme");
        otherId = await server.AddWorkspaceAsync("other");
        directorId = await server.AddUserAsync("director@acme.test", "acme", Role.Director);
        kamId = await server.AddUserAsync("kam@acme.test", "acme", Role.Kam);
        otherDirectorId = await server.AddUserAsync("director@other.test", "other", Role.Director);
        otherKamId = await server.AddUserAsync("kam@other.test", "other", Role.Kam);
        director = server.CreateBearerClient((await server.LoginAsync("director@acme.test")).AccessToken);
    }

    public async Task DisposeAsync()
    {
        director.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Asvs_8_2_3_CreateTask_WithForeignWorkspaceCreatorAndId_IsCreatedInTheRouteWorkspaceByTheCaller()
    {
        using var response = await director.PostAsJsonAsync("api/workspaces/acme/tasks", new
        {
            title = "Call the buyer",
            assigneeUserId = kamId,
            dueDate = "2030-01-15",
            workspaceId = otherId,
            createdByUserId = otherDirectorId,
            ownerId = otherDirectorId,
            id = 4242,
            status = "Done",
            createdAt = "2000-01-01T00:00:00Z",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(acmeId, json.RootElement.GetProperty("workspaceId").GetInt32());
        Assert.Equal("director@acme.test", json.RootElement.GetProperty("createdByEmail").GetString());
        await using var db = server.Database.CreateDbContext();
        var task = await db.Tasks.SingleAsync();
        Assert.Equal(acmeId, task.WorkspaceId);
        Assert.Equal(directorId, task.CreatedByUserId);
        Assert.NotEqual(4242, task.Id);
        Assert.Equal(WorkTaskStatus.Open, task.Status);
        Assert.True(task.CreatedAt > DateTimeOffset.Parse("2020-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await db.Tasks.AnyAsync(t => t.WorkspaceId == otherId));
    }

    [Fact]
    public async Task Asvs_8_2_3_EditTask_WithForeignWorkspaceAssigneeAndCreator_ChangesOnlyTheEditableFields()
    {
        using var created = await director.PostAsJsonAsync("api/workspaces/acme/tasks", new { title = "First", assigneeUserId = kamId, dueDate = "2030-01-15" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        using var edited = await director.PutAsJsonAsync($"api/workspaces/acme/tasks/{id}", new
        {
            title = "Renamed",
            description = "",
            dueDate = "2030-02-01",
            department = "Other",
            workspaceId = otherId,
            assigneeUserId = otherKamId,
            createdByUserId = otherDirectorId,
            id = id + 1000,
            status = "Done",
        });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await using var db = server.Database.CreateDbContext();
        var task = await db.Tasks.SingleAsync();
        Assert.Equal(("Renamed", acmeId, id, kamId, directorId, WorkTaskStatus.Open), (task.Title, task.WorkspaceId, task.Id, task.AssigneeUserId, task.CreatedByUserId, task.Status));
    }

    [Fact]
    public async Task Asvs_8_2_3_ChangeRole_WithAForeignWorkspaceInTheBody_CannotTouchAnotherWorkspace()
    {
        // A member of the other workspace, through this workspace's route, with the other workspace in the body.
        using var foreign = await director.PutAsJsonAsync($"api/workspaces/acme/members/{otherKamId}/role", new { role = "Director", workspaceId = otherId, userId = otherKamId });
        // A member of this workspace, with the other workspace in the body: changes this workspace only.
        using var own = await director.PutAsJsonAsync($"api/workspaces/acme/members/{kamId}/role", new { role = "Viewer", workspaceId = otherId, ownerId = otherDirectorId });

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        await using var db = server.Database.CreateDbContext();
        var memberships = await db.Memberships.AsNoTracking().Select(m => new { m.WorkspaceId, m.UserId, m.Role }).ToListAsync();
        Assert.Equal(Role.Kam, memberships.Single(m => m.UserId == otherKamId).Role);
        Assert.Equal(otherId, memberships.Single(m => m.UserId == otherKamId).WorkspaceId);
        Assert.Equal(Role.Viewer, memberships.Single(m => m.UserId == kamId).Role);
        Assert.Equal(acmeId, memberships.Single(m => m.UserId == kamId).WorkspaceId);
        Assert.Equal(2, memberships.Count(m => m.WorkspaceId == otherId));
    }
}
