
namespace Kamino.Host.Tests.Alerts;

/// <summary>
/// The alerts API through the real host (<see cref="TeamServer"/>: C1 owned by KAM 1, supervised by the Lead KAM; C2 owned
/// by KAM 2; both key accounts never contacted, so each has a checkinOverdue alert; O1 in another workspace).
/// </summary>
public sealed class AlertsApiTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Api = "api/workspaces/acme/alerts";

    private static string Day(int days) => TeamServer.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task List_ScopesAndFields_AsTheApiPromises()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);

        var mine = await Alerts(kam, "");
        Assert.Equal(["C1"], mine.Select(a => a.GetProperty("customerId").GetString()));
        var alert = mine[0];
        Assert.Equal(("checkinOverdue", "/w/acme/accounts/C1", Day(0)), (alert.GetProperty("kind").GetString(), alert.GetProperty("link").GetString(), alert.GetProperty("since").GetString()));
        Assert.False(string.IsNullOrEmpty(alert.GetProperty("reason").GetString()));
        Assert.Empty(await Alerts(lead, "?scope=mine"));
        Assert.Equal(["C1"], (await Alerts(lead, "?scope=team")).Select(a => a.GetProperty("customerId").GetString()));
        Assert.Equal(["C1", "C2"], (await Alerts(viewer, "?scope=workspace")).Select(a => a.GetProperty("customerId").GetString()).Order());

        using var badScope = await viewer.GetAsync(Api + "?scope=everyone");
        using var badDay = await viewer.GetAsync(Api + "?today=tomorrow");
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badScope.StatusCode, badDay.StatusCode));
    }

    [Fact]
    public async Task AckSnoozeUndo_ForMeOnly_TheCountFollows()
    {
        using var kam2 = await fixture.Server.BearerClientAsync(TeamServer.Kam2);
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        var key = (await Alerts(kam2, "")).Single().GetProperty("key").GetString()!;
        Assert.Equal(1, await Count(kam2));

        using (var ack = await kam2.PostAsync($"{Api}/{key}/ack", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, ack.StatusCode);
        }

        Assert.Equal(0, await Count(kam2));
        var after = await Json(await kam2.GetAsync(Api));
        Assert.Equal((0, 1), (after.GetProperty("alerts").GetArrayLength(), after.GetProperty("hidden").GetInt32()));
        Assert.Contains(await Alerts(director, "?scope=workspace"), a => a.GetProperty("key").GetString() == key); // not for others

        using (var undo = await kam2.DeleteAsync($"{Api}/{key}/dismissal"))
        using (var again = await kam2.DeleteAsync($"{Api}/{key}/dismissal"))
        {
            Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (undo.StatusCode, again.StatusCode));
        }

        Assert.Equal(1, await Count(kam2));
        using (var snooze = await kam2.PostAsJsonAsync($"{Api}/{key}/snooze", new { until = Day(3) }))
        using (var past = await kam2.PostAsJsonAsync($"{Api}/{key}/snooze", new { until = Day(-1) }))
        {
            Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.BadRequest), (snooze.StatusCode, past.StatusCode));
        }

        Assert.Empty(await Alerts(kam2, $"?today={Day(3)}"));
        Assert.Single(await Alerts(kam2, $"?today={Day(4)}"));
        using var unknown = await kam2.PostAsync($"{Api}/csatLow:1/ack", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Unauthenticated401_OtherWorkspace404_NothingStored()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        var key = "checkinOverdue:1";

        using var none = await anonymous.GetAsync(Api);
        using var noneAck = await anonymous.PostAsync($"{Api}/{key}/ack", null);
        using var foreign = await outsider.GetAsync(Api + "?scope=workspace");
        using var foreignAck = await outsider.PostAsync($"{Api}/{key}/ack", null);
        using var foreignCount = await outsider.GetAsync(Api + "/count");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (none.StatusCode, noneAck.StatusCode));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, foreignAck.StatusCode, foreignCount.StatusCode));
        var own = await Alerts(outsider, "?scope=workspace", "other");
        Assert.Equal(["O1"], own.Select(a => a.GetProperty("customerId").GetString()));
        await using var db = fixture.Db();
        var outsiderId = await fixture.UserIdAsync(TeamServer.OtherDirector);
        Assert.False(await db.AlertDismissals.AnyAsync(d => d.UserId == outsiderId));
    }

    private static async Task<List<JsonElement>> Alerts(HttpClient client, string query, string workspace = "acme") =>
        (await Json(await client.GetAsync($"api/workspaces/{workspace}/alerts{query}"))).GetProperty("alerts").EnumerateArray().ToList();

    private static async Task<int> Count(HttpClient client) => (await Json(await client.GetAsync(Api + "/count"))).GetProperty("open").GetInt32();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
