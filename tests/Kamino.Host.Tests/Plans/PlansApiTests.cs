
namespace Kamino.Host.Tests.Plans;

/// <summary>
/// The plan endpoints through the real host with bearer tokens, over <see cref="TeamServer"/>: C1 is owned by KAM 1
/// (supervised by the Lead KAM), C2 by KAM 2. Each test works on its own year (the server is shared).
/// </summary>
public abstract class PlansApiTests(TeamServer fixture)
{
    private const string Api = "api/workspaces/acme/customers/";

    [Fact]
    public async Task OwnerKam_BuildsThePlan_EveryMemberReadsIt_AndItsPdf()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        var collaboratorId = await fixture.UserIdAsync(TeamServer.Collaborator);

        using var situation = await kam.PutAsJsonAsync(Api + "C1/plan/2031/situation", new { strengths = "Loyal riders", weaknesses = "Slow swaps", opportunities = "Second city", threats = "Scooter rival" });
        Assert.Equal(HttpStatusCode.OK, situation.StatusCode);
        using var added = await kam.PostAsJsonAsync(Api + "C1/plan/2031/objectives", new
        {
            area = "sales", title = "Grow the fleet to 60 motorbikes", ownerUserId = collaboratorId, measure = "Motorbikes", target = "60", dueOn = "2031-09-30", status = "onTrack",
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var objective = await Json(added);
        var id = objective.GetProperty("id").GetInt64();
        Assert.Equal($"/api/workspaces/acme/customers/C1/plan/objectives/{id}", added.Headers.Location?.OriginalString);
        Assert.Equal(("sales", "onTrack", TeamServer.Collaborator, "2031-09-30"), (objective.GetProperty("area").GetString(), objective.GetProperty("status").GetString(),
            objective.GetProperty("ownerEmail").GetString(), objective.GetProperty("dueOn").GetString()));
        using var second = await kam.PostAsJsonAsync(Api + "C1/plan/2031/objectives", new { area = "service", title = "Weekend swaps" });
        var secondId = (await Json(second)).GetProperty("id").GetInt64();

        var task = await fixture.TaskAsync("Quote 20 motorbikes", TeamServer.Kam1, TeamServer.Kam1, new DateOnly(2031, 5, 1), "C1");
        using var link = await kam.PutAsync(Api + $"C1/plan/objectives/{id}/tasks/{task.Id}", null);
        Assert.Equal(HttpStatusCode.NoContent, link.StatusCode);
        using var status = await kam.PutAsJsonAsync(Api + $"C1/plan/objectives/{secondId}/status", new { status = "at-risk" });
        Assert.Equal("atRisk", (await Json(status)).GetProperty("status").GetString());
        using var order = await kam.PutAsJsonAsync(Api + "C1/plan/2031/order", new { objectiveIds = new[] { secondId, id } });
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);

        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        var plan = await Json(await viewer.GetAsync(Api + "C1/plan/2031"));
        Assert.Equal(("Loyal riders", 2031), (plan.GetProperty("strengths").GetString(), plan.GetProperty("year").GetInt32()));
        Assert.Equal(["Weekend swaps", "Grow the fleet to 60 motorbikes"], plan.GetProperty("objectives").EnumerateArray().Select(o => o.GetProperty("title").GetString()));
        var grow = plan.GetProperty("objectives")[1];
        Assert.Equal((0, 1, 0), (grow.GetProperty("actionsDone").GetInt32(), grow.GetProperty("actions").GetInt32(), grow.GetProperty("progressPercent").GetInt32()));

        using var pdf = await viewer.GetAsync(Api + "C1/plan/2031/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal(1, await PdfTools.PagesAsync(bytes));
        var text = await PdfTools.TextAsync(bytes);
        foreach (var expected in new[] { "Account plan 2031", "Grow the fleet to 60 motorbikes", "Weekend swaps", "At risk", "On track", "Loyal riders" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        using var next = await kam.PostAsync(Api + "C1/plan/2031/next", null);
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(2032, (await Json(next)).GetProperty("year").GetInt32());

        using var unlink = await kam.DeleteAsync(Api + $"C1/plan/objectives/{id}/tasks/{task.Id}");
        using var remove = await kam.DeleteAsync(Api + $"C1/plan/objectives/{id}");
        using var removeAgain = await kam.DeleteAsync(Api + $"C1/plan/objectives/{id}");
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NotFound), (unlink.StatusCode, remove.StatusCode, removeAgain.StatusCode));
    }

    [Theory]
    [InlineData(TeamServer.Viewer, 2035)]       // reads only
    [InlineData(TeamServer.Collaborator, 2036)] // reads only
    [InlineData(TeamServer.Kam2, 2037)]         // a KAM, but C1 is KAM 1's
    public async Task Readers_Get403OnEveryChange_AndNothingChanges(string email, int year)
    {
        var plan = Api + $"C1/plan/{year}";
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var created = await director.PostAsJsonAsync(plan + "/objectives", new { area = "marketing", title = "Jackets" });
        var id = (await Json(created)).GetProperty("id").GetInt64();
        using var client = await fixture.Server.BearerClientAsync(email);

        var answers = new List<HttpStatusCode>();
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => client.PutAsJsonAsync(plan + "/situation", new { strengths = "Mine" }),
            () => client.PostAsJsonAsync(plan + "/objectives", new { area = "sales", title = "Mine" }),
            () => client.PostAsJsonAsync(plan + "/objectives", new { area = "nonsense", title = "" }),
            () => client.PutAsJsonAsync(Api + $"C1/plan/objectives/{id}", new { area = "sales", title = "Changed" }),
            () => client.PutAsJsonAsync(Api + $"C1/plan/objectives/{id}/status", new { status = "done" }),
            () => client.DeleteAsync(Api + $"C1/plan/objectives/{id}"),
            () => client.PostAsync(plan + "/next", null),
        })
        {
            using var response = await request();
            answers.Add(response.StatusCode);
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Forbidden, a));
        using var read = await client.GetAsync(plan);
        var o = Assert.Single((await Json(read)).GetProperty("objectives").EnumerateArray());
        Assert.Equal(("Jackets", "notStarted"), (o.GetProperty("title").GetString(), o.GetProperty("status").GetString()));
        Assert.Equal("", (await Json(read)).GetProperty("strengths").GetString());
    }

    [Fact]
    public async Task LeadOfTheOwner_Edits_BadInputIs400ByField_OtherWorkspaceIs404()
    {
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        using var invalid = await lead.PostAsJsonAsync(Api + "C1/plan/2034/objectives", new { area = "finance", title = "", status = "later" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["area", "status", "title"], errors.EnumerateObject().Select(e => e.Name).Order());
        using var ok = await lead.PostAsJsonAsync(Api + "C1/plan/2034/objectives", new { area = "direction", title = "One invoice address" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var id = (await Json(ok)).GetProperty("id").GetInt64();

        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        using var get = await outsider.GetAsync(Api + "C1/plan/2034");
        using var pdf = await outsider.GetAsync(Api + "C1/plan/2034/pdf");
        using var status = await outsider.PutAsJsonAsync(Api + $"C1/plan/objectives/{id}/status", new { status = "done" });
        using var inTheirs = await outsider.PutAsJsonAsync($"api/workspaces/{TeamServer.OtherSlug}/customers/O1/plan/objectives/{id}/status", new { status = "done" });
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { get.StatusCode, pdf.StatusCode, status.StatusCode, inTheirs.StatusCode });
        Assert.DoesNotContain("One invoice address", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var anonymous = await fixture.Server.Client.GetAsync(Api + "C1/plan/2034/pdf");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await using var db = fixture.Db();
        Assert.Equal(Kamino.Plans.ObjectiveStatus.NotStarted, (await db.PlanObjectives.SingleAsync(o => o.Id == id && o.Title == "One invoice address")).Status);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary><see cref="PlansApiTests"/> on SQLite.</summary>
public sealed class SqlitePlansApiTests(TeamServer fixture) : PlansApiTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="PlansApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresPlansApiTests(PostgresTeamServer fixture) : PlansApiTests(fixture), IClassFixture<PostgresTeamServer>;
