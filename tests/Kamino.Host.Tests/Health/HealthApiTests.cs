
namespace Kamino.Host.Tests.Health;

/// <summary>
/// The health API through the real host (<see cref="TeamServer"/>: key accounts C1, owned by KAM 1, and C2, owned by
/// KAM 2, never contacted; C3 not a key account; O1 in another workspace) and the health weights of the key-account
/// settings: every member reads them, only a Director changes them.
/// </summary>
public sealed class HealthApiTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Api = "api/workspaces/acme/";

    [Fact]
    public async Task List_WorstFirst_ByScope_OneAccount_AndBadParameters()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);

        var all = await Json(await viewer.GetAsync(Api + "health?today=2026-03-01"));
        var rows = all.EnumerateArray().ToList();
        Assert.Equal(["C1", "C2"], rows.Select(r => r.GetProperty("customerId").GetString()).Order());
        Assert.Equal(rows.Select(r => r.GetProperty("score").GetInt32()).Order(), rows.Select(r => r.GetProperty("score").GetInt32()));
        foreach (var r in rows)
        {
            Assert.Equal(r.GetProperty("score").GetInt32(), r.GetProperty("parts").EnumerateArray().Sum(p => p.GetProperty("points").GetInt32()));
            Assert.Equal("never contacted", r.GetProperty("parts")[0].GetProperty("reason").GetString());
        }

        var mine = await Json(await kam.GetAsync(Api + "health?scope=mine"));
        Assert.Equal(["C1"], mine.EnumerateArray().Select(r => r.GetProperty("customerId").GetString()));

        var c1 = await Json(await kam.GetAsync(Api + "customers/C1/health?today=2026-03-01"));
        Assert.Equal(["customerId", "name", "tier", "owner", "score", "band", "parts"], c1.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("C1", TeamServer.Kam1), (c1.GetProperty("customerId").GetString(), c1.GetProperty("owner").GetString()));
        Assert.Equal(["freshness", "satisfaction", "revenueTrend", "overdueTasks"], c1.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        using var notKey = await viewer.GetAsync(Api + "customers/C3/health");
        using var unknown = await viewer.GetAsync(Api + "customers/NOPE/health");
        using var badScope = await viewer.GetAsync(Api + "health?scope=everyone");
        using var badDay = await viewer.GetAsync(Api + "customers/C1/health?today=tomorrow");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (notKey.StatusCode, unknown.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badScope.StatusCode, badDay.StatusCode));
    }

    [Fact]
    public async Task Unauthenticated401_OtherWorkspace404_NeverItsRows()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);

        using var none = await anonymous.GetAsync(Api + "health");
        using var foreignList = await outsider.GetAsync(Api + "health");
        using var foreignOne = await outsider.GetAsync(Api + "customers/C1/health");
        using var foreignWeights = await outsider.PutAsJsonAsync(Api + "settings/key-accounts/health-weights", new { freshness = 25, tasks = 20 });
        var own = await Json(await outsider.GetAsync("api/workspaces/other/health"));
        using var acmeKeyInOther = await outsider.GetAsync("api/workspaces/other/customers/C1/health");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreignList.StatusCode, foreignOne.StatusCode, foreignWeights.StatusCode));
        Assert.DoesNotContain("C1", await foreignList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["O1"], own.EnumerateArray().Select(r => r.GetProperty("customerId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, acmeKeyInOther.StatusCode);
    }

    [Fact]
    public async Task Weights_EveryoneReads_OnlyADirectorChanges_ProblemsByField_AllOrNothing()
    {
        const string Weights = Api + "settings/key-accounts/health-weights";
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        Assert.Equal((35, 25, 30, 10), Four(await Json(await kam.GetAsync(Weights))));
        using var byKam = await kam.PutAsJsonAsync(Weights, new { freshness = 25, tasks = 20 });
        using var byLead = await lead.PutAsJsonAsync(Weights, new { freshness = 25, tasks = 20 });
        using var badSum = await director.PutAsJsonAsync(Weights, new { freshness = 50 });
        using var badRange = await director.PutAsJsonAsync(Weights, new { freshness = -1, satisfaction = 101 });
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byKam.StatusCode, byLead.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badSum.StatusCode, badRange.StatusCode));
        Assert.Equal(["sum"], (await Json(badSum)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["freshness", "satisfaction"], (await Json(badRange)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal((35, 25, 30, 10), Four(await Json(await kam.GetAsync(Weights))));

        try
        {
            using var saved = await director.PutAsJsonAsync(Weights, new { freshness = 0, satisfaction = 0, revenue = 0, tasks = 100 });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal((0, 0, 0, 100), Four(await Json(saved)));
            var c1 = await Json(await kam.GetAsync(Api + "customers/C1/health"));
            Assert.Equal((100, "green"), (c1.GetProperty("score").GetInt32(), c1.GetProperty("band").GetString())); // no overdue tasks
        }
        finally
        {
            using var reset = await director.PutAsJsonAsync(Weights, new { freshness = 35, satisfaction = 25, revenue = 30, tasks = 10 });
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }
    }

    private static (int, int, int, int) Four(JsonElement w) =>
        (w.GetProperty("freshness").GetInt32(), w.GetProperty("satisfaction").GetInt32(), w.GetProperty("revenue").GetInt32(), w.GetProperty("tasks").GetInt32());

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}
