using Kamino.Workspaces;

namespace Kamino.Host.Tests.Workspaces;

/// <summary>
/// The workspace's time zone through the API (everyone reads it, a Director changes it) and what it changes: "today"
/// of the task list. Pacific/Kiritimati (UTC+14) and Etc/GMT+12 (UTC−12) are 26 hours apart, so their dates always differ.
/// </summary>
public sealed class TimeZoneApiTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Api = "api/workspaces/acme/";
    private const string Zone = Api + "settings/time-zone";
    private const string Ahead = "Pacific/Kiritimati";
    private const string Behind = "Etc/GMT+12";

    [Fact]
    public async Task EveryoneReads_OnlyADirectorChanges_AndTodayOfTheTasksFollowsIt()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };

        var initial = await Json(await kam.GetAsync(Zone));
        Assert.Equal("Europe/Madrid", initial.GetProperty("timeZone").GetString());

        using var byKam = await kam.PutAsJsonAsync(Zone, new { timeZone = "UTC" });
        using var byOutsider = await outsider.PutAsJsonAsync(Zone, new { timeZone = "UTC" });
        using var byNobody = await anonymous.PutAsJsonAsync(Zone, new { timeZone = "UTC" });
        using var unknown = await director.PutAsJsonAsync(Zone, new { timeZone = "Mars/Olympus_Mons" });
        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest),
            (byKam.StatusCode, byOutsider.StatusCode, byNobody.StatusCode, unknown.StatusCode));
        Assert.Contains("timeZone", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Europe/Madrid", (await Json(await kam.GetAsync(Zone))).GetProperty("timeZone").GetString());

        try
        {
            var ahead = await Json(await director.PutAsJsonAsync(Zone, new { timeZone = Ahead }));
            var aheadToday = DateOnly.Parse(ahead.GetProperty("today").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(WorkspaceTime.Today(TimeProvider.System, Ahead), aheadToday);

            // Due yesterday on Kiritimati's calendar: overdue there, not yet due 26 hours behind.
            var task = await fixture.TaskAsync("Call before the zone test ends", TeamServer.Kam1, TeamServer.Director, aheadToday.AddDays(-1));
            Assert.True(Overdue(await Json(await kam.GetAsync(Api + "tasks/mine")), task.Id));

            var behind = await Json(await director.PutAsJsonAsync(Zone, new { timeZone = Behind }));
            Assert.True(DateOnly.Parse(behind.GetProperty("today").GetString()!, CultureInfo.InvariantCulture) < aheadToday);
            Assert.False(Overdue(await Json(await kam.GetAsync(Api + "tasks/mine")), task.Id));
        }
        finally
        {
            using var restore = await director.PutAsJsonAsync(Zone, new { timeZone = "Europe/Madrid" });
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        }
    }

    private static bool Overdue(JsonElement tasks, long id) =>
        tasks.EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id).GetProperty("overdue").GetBoolean();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}

/// <summary><c>kamino workspace set --time-zone</c> and <c>workspace show</c>.</summary>
public sealed class TimeZoneCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Set_Shows_AndAnUnknownZoneIsAUsageError()
    {
        var before = await RunAsync("workspace", "show", "--format", "json");
        var set = await RunAsync("workspace", "set", "--time-zone", "Atlantic/Canary");
        var unknown = await RunAsync("workspace", "set", "--time-zone", "Canary");
        var after = await RunAsync("workspace", "show", "--format", "json");
        var csv = await RunAsync("workspace", "show", "--format", "csv");

        Assert.Equal("Europe/Madrid", JsonDocument.Parse(before.Out).RootElement.GetProperty("timeZone").GetString());
        Assert.Equal(0, set.Exit);
        Assert.Contains("time zone Atlantic/Canary (today is ", set.Out, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("--time-zone: 'Canary' is not a time zone this machine knows", unknown.Error, StringComparison.Ordinal);
        Assert.Equal("Atlantic/Canary", JsonDocument.Parse(after.Out).RootElement.GetProperty("timeZone").GetString());
        Assert.Contains("timeZone,Atlantic/Canary", csv.Out, StringComparison.Ordinal);
    }
}
