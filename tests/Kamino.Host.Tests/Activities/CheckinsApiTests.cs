using System.Text.RegularExpressions;
using Kamino.Activities;

namespace Kamino.Host.Tests.Activities;

/// <summary>
/// "Check-ins due", its page and the calendar feed through the real host (<see cref="TeamServer"/>: C1 owned by KAM 1,
/// supervised by the Lead KAM; C2 owned by KAM 2; default tiers, so both are checked in every 30 days; O1 in
/// another workspace). C2 gets a check-in three days before today; C1 is never contacted.
/// </summary>
public sealed partial class CheckinsApiTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Api = "api/workspaces/acme/";

    private static string Day(int days) => TeamServer.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Due_ScopesAndToday_AsTheApiPromises()
    {
        await CheckinOnC2Async();
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);

        var all = await Json(await viewer.GetAsync(Api + "checkins/due"));
        Assert.Equal(["C1", "C2"], Keys(all));
        Assert.Equal("neverContacted", all[0].GetProperty("status").GetString());
        Assert.Equal("kam1@acme.test", all[0].GetProperty("owner").GetString());
        Assert.Equal(("upToDate", Day(-3), Day(27)), (all[1].GetProperty("status").GetString(), all[1].GetProperty("lastCheckin").GetString(), all[1].GetProperty("nextDue").GetString()));

        Assert.Equal(["C1"], Keys(await Json(await kam.GetAsync(Api + "checkins/due?scope=mine"))));
        Assert.Empty(await Json(await lead.GetAsync(Api + "checkins/due?scope=mine")));
        Assert.Equal(["C1"], Keys(await Json(await lead.GetAsync(Api + "checkins/due?scope=team"))));

        var later = await Json(await viewer.GetAsync(Api + $"checkins/due?today={Day(40)}"));
        Assert.Equal(["C1", "C2"], Keys(later));
        Assert.Equal(("overdue", 13), (later[1].GetProperty("status").GetString(), later[1].GetProperty("daysOverdue").GetInt32()));

        using var badScope = await viewer.GetAsync(Api + "checkins/due?scope=everyone");
        using var badDay = await viewer.GetAsync(Api + "checkins/due?today=tomorrow");
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badScope.StatusCode, badDay.StatusCode));
    }

    [Fact]
    public async Task Due_Unauthenticated401_OtherWorkspace404()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);

        using var none = await anonymous.GetAsync(Api + "checkins/due");
        using var foreign = await outsider.GetAsync(Api + "checkins/due");
        var own = await Json(await outsider.GetAsync("api/workspaces/other/checkins/due"));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("C1", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["O1"], Keys(own));
    }

    [Fact]
    public async Task Feed_CreatedByTheApi_ReadWithoutSignIn_OwnAccountsOnly_RevokedIs404()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        var task = await fixture.TaskAsync("Send the samples", TeamServer.Kam1, TeamServer.Director, TeamServer.Today.AddDays(2), "C1");

        using var created = await kam.PostAsync(Api + "calendar/feed", null);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var address = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var path = address.GetProperty("path").GetString()!;
        Assert.EndsWith(path, address.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.True((await Json(await kam.GetAsync(Api + "calendar/feed")))[0].GetProperty("exists").GetBoolean());

        using var feed = await anonymous.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var ics = await feed.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var taskUid = $"task-{await fixture.WorkspaceIdAsync(TeamServer.Slug)}-{task.Id}@kamino";
        var (c1, c2) = (await Name("C1"), await Name("C2"));
        Assert.Contains(calendar.Events, e => e.Summary == "Check-in: " + c1 && e.IsAllDay);
        Assert.Contains(calendar.Events, e => e.Uid == taskUid);
        Assert.DoesNotContain(calendar.Events, e => e.Summary!.Contains(c2, StringComparison.Ordinal)); // owned by KAM 2
        Assert.DoesNotContain("Omega Other", ics, StringComparison.Ordinal);

        using var revoked = await kam.DeleteAsync(Api + "calendar/feed");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var gone = await anonymous.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var again = await kam.DeleteAsync(Api + "calendar/feed");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var unknown = await anonymous.GetAsync("calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var noCredentials = await anonymous.PostAsync(Api + "calendar/feed", null);
        Assert.Equal(HttpStatusCode.Unauthorized, noCredentials.StatusCode);
    }

    [Fact]
    public async Task Page_MostOverdueFirst_TabsByRole_Spanish_AndBadgesInTheGridAndOnTheAccount()
    {
        await CheckinOnC2Async();
        using var lead = await fixture.BrowserClientAsync(TeamServer.Lead);
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);
        using var outsider = await fixture.BrowserClientAsync(TeamServer.OtherDirector);

        var leadTeam = WebUtility.HtmlDecode(await lead.GetStringAsync("w/acme/checkins?tab=team"));
        Assert.Contains("data-testid=\"tab-team\"", leadTeam, StringComparison.Ordinal);
        Assert.Contains("data-account=\"C1\" data-status=\"neverContacted\"", leadTeam, StringComparison.Ordinal);
        Assert.Contains(">Never contacted<", leadTeam, StringComparison.Ordinal);
        Assert.Contains("href=\"/w/acme/accounts/C1\"", leadTeam, StringComparison.Ordinal);
        var kamPage = await kam.GetStringAsync("w/acme/checkins");
        Assert.DoesNotContain("data-testid=\"tab-team\"", kamPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-account=\"C2\"", kamPage, StringComparison.Ordinal);
        var workspace = await director.GetStringAsync("w/acme/checkins");
        Assert.True(workspace.IndexOf("data-account=\"C1\"", StringComparison.Ordinal) < workspace.IndexOf("data-account=\"C2\" data-status=\"upToDate\"", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"nav-checkins\"", workspace, StringComparison.Ordinal);

        kam.DefaultRequestHeaders.AcceptLanguage.Clear();
        kam.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");
        var spanish = WebUtility.HtmlDecode(await kam.GetStringAsync("w/acme/checkins"));
        Assert.Contains("Seguimientos pendientes", spanish, StringComparison.Ordinal);
        Assert.Contains(">Sin contactar<", spanish, StringComparison.Ordinal);

        using var foreign = await outsider.GetAsync("w/acme/checkins");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var grid = WebUtility.HtmlDecode(await director.GetStringAsync("w/acme/customers"));
        Assert.Contains("data-status=\"neverContacted\"", Row(grid, "C1"), StringComparison.Ordinal);
        Assert.Contains("data-status=\"upToDate\"", Row(grid, "C2"), StringComparison.Ordinal);
        Assert.DoesNotContain("checkin-badge", Row(grid, "C3"), StringComparison.Ordinal); // not a key account
        var account = WebUtility.HtmlDecode(await director.GetStringAsync("w/acme/accounts/C2"));
        Assert.Contains("data-testid=\"account-cadence\"", account, StringComparison.Ordinal);
        Assert.Contains("data-status=\"upToDate\"", account, StringComparison.Ordinal);
        Assert.DoesNotContain("account-cadence", await director.GetStringAsync("w/acme/accounts/C3"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_CalendarSection_ShowsTheAddressOnce_ThenOnlyThatOneExists_RevokeRemovesIt()
    {
        using var kam2 = await fixture.BrowserClientAsync(TeamServer.Kam2);

        using var created = await Forms.PostAsync(kam2, "w/acme/checkins", "calendar-create", []);
        var html = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync());
        var url = Regex.Match(html, "data-testid=\"calendar-url\">([^<]+)<").Groups[1].Value;
        Assert.Matches("/calendar/[A-Za-z0-9_-]{43}\\.ics$", url);
        var later = await kam2.GetStringAsync("w/acme/checkins");
        Assert.Contains("data-testid=\"calendar-exists\"", later, StringComparison.Ordinal);
        Assert.DoesNotContain(url, later, StringComparison.Ordinal);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        using (var feed = await anonymous.GetAsync(new Uri(url).PathAndQuery.TrimStart('/')))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        }

        using var revoked = await Forms.PostAsync(kam2, "w/acme/checkins", "calendar-revoke", []);
        Assert.Contains("data-testid=\"calendar-revoked\"", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var gone = await anonymous.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private async Task CheckinOnC2Async()
    {
        await using var db = fixture.Db();
        var ws = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        var c2 = await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == "C2").Select(c => c.Id).SingleAsync();
        if (await db.Activities.AnyAsync(a => a.WorkspaceId == ws && a.CustomerId == c2))
        {
            return;
        }

        var at = new DateTimeOffset(TeamServer.Today.AddDays(-3).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        db.Activities.Add(new Activity
        {
            WorkspaceId = ws, Id = await db.NextIdAsync(db.Activities, ws), CustomerId = c2, Type = ActivityType.Call, IsCheckin = true, Csat = 4,
            Summary = "Monthly call", At = at, CreatedAt = at,
        });
        await db.SaveChangesAsync();
    }

    private async Task<string> Name(string key)
    {
        await using var db = fixture.Db();
        var ws = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        return await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == key).Select(c => c.Name).SingleAsync();
    }

    private static async Task<List<JsonElement>> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
            var root = JsonDocument.Parse(body).RootElement;
            return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        }
    }

    private static List<string?> Keys(List<JsonElement> rows) => rows.Select(r => r.GetProperty("customerId").GetString()).ToList();

    private static string Row(string html, string key) =>
        Regex.Match(html, $"<tr[^>]*data-customer=\"{key}\".*?</tr>", RegexOptions.Singleline).Value;
}
