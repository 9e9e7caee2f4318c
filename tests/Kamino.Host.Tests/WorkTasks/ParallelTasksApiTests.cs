namespace Kamino.Host.Tests.WorkTasks;

/// <summary>
/// Many <c>POST …/tasks</c> at once from two users through the real host: every one is created (201) with its own
/// number, its audit entry and its notification.
/// </summary>
public abstract class ParallelTasksApiTests(TeamServer fixture)
{
    private const int Requests = 48;

    private const int InFlight = 16;

    [Fact]
    public async Task CreateTask_48RequestsFromTwoUsers16InFlight_AllCreatedWithDistinctIdsAndTheirAuditEntries()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        var assignee = await fixture.UserIdAsync(TeamServer.Kam1);
        var run = Guid.NewGuid().ToString("N")[..8];
        using var gate = new SemaphoreSlim(InFlight);

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await (i % 2 == 0 ? director : lead).PostAsJsonAsync("api/workspaces/acme/tasks",
                    new { title = $"Parallel {run} {i}", assigneeUserId = assignee, dueDate = "2031-02-03" });
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.Created, $"{r.StatusCode}: {r.Body}"));
        var ids = responses.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(Requests, ids.Distinct().Count());
        await using var db = fixture.Db();
        var acme = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        var stored = await db.Tasks.Where(t => t.WorkspaceId == acme && t.Title.StartsWith("Parallel " + run)).Select(t => t.Id).ToListAsync();
        Assert.Equal(ids.Order(), stored.Order());
        var keys = ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var audited = await db.AuditEntries.Where(a => a.WorkspaceId == acme && a.Entity == "task" && a.Action == "create" && keys.Contains(a.EntityId)).Select(a => a.EntityId).ToListAsync();
        Assert.Equal(keys.Order(), audited.Order());
        Assert.Equal(Requests, await db.Notifications.CountAsync(n => n.WorkspaceId == acme && n.Text.Contains("Parallel " + run)));
    }
}

/// <summary><see cref="ParallelTasksApiTests"/> on SQLite.</summary>
public sealed class SqliteParallelTasksApiTests(TeamServer fixture) : ParallelTasksApiTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="ParallelTasksApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresParallelTasksApiTests(PostgresTeamServer fixture) : ParallelTasksApiTests(fixture), IClassFixture<PostgresTeamServer>;
