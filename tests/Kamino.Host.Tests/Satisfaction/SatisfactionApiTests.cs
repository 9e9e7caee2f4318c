using Kamino.Activities;

namespace Kamino.Host.Tests.Satisfaction;

/// <summary>
/// Satisfaction figures through the real host over <see cref="TeamServer"/>: <c>GET …/satisfaction</c>, the dashboard card
/// and the account page line. Check-ins of acme (days before today): C1 CSAT 4 / NPS 9 (40), CSAT 2 / NPS 5 (5); C2 CSAT 5 /
/// NPS 10 (10) and CSAT 1 / NPS 0 (400, outside the default 12 months); other's O1 CSAT 1 / NPS 0 (1).
/// </summary>
public abstract class SatisfactionApiTests(TeamServer fixture) : IAsyncLifetime
{
    private const string Api = "api/workspaces/acme/satisfaction";
    private static readonly DateOnly Today = TeamServer.Today;

    public async Task InitializeAsync()
    {
        await using var db = fixture.Db();
        var acme = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        var other = await fixture.WorkspaceIdAsync(TeamServer.OtherSlug);
        if (await db.Activities.AnyAsync())
        {
            return;
        }

        async Task<long> IdAsync(int ws, string key) => await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == key).Select(c => c.Id).SingleAsync();
        var id = 0L;
        foreach (var (ws, key, daysAgo, csat, nps) in new[] { (acme, "C1", 40, 4, 9), (acme, "C1", 5, 2, 5), (acme, "C2", 10, 5, 10), (acme, "C2", 400, 1, 0), (other, "O1", 1, 1, 0) })
        {
            var at = new DateTimeOffset(Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            db.Activities.Add(new Activity
            {
                WorkspaceId = ws, Id = ++id, CustomerId = await IdAsync(ws, key), Type = ActivityType.Visit, At = at, Summary = "Check-in",
                IsCheckin = true, Csat = csat, Nps = nps, CreatedAt = at,
            });
        }

        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_DefaultPeriod_NpsWithCountsAndAverageCsat_OfThisWorkspaceOnly()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);

        var report = await Json(await viewer.GetAsync(Api));

        Assert.Equal((Iso(Today.AddYears(-1).AddDays(1)), Iso(Today)), (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        var nps = report.GetProperty("nps");
        // 2 promoters (9, 10), 1 detractor (5) of 3: 66.7 % − 33.3 % = 33.3.
        Assert.Equal((3, 3.67m, 33.3m, 2, 0, 1, 3), (report.GetProperty("checkins").GetInt32(), report.GetProperty("averageCsat").GetDecimal(), nps.GetProperty("score").GetDecimal(),
            nps.GetProperty("promoters").GetInt32(), nps.GetProperty("passives").GetInt32(), nps.GetProperty("detractors").GetInt32(), nps.GetProperty("answers").GetInt32()));
    }

    [Fact]
    public async Task Get_FromTo_CountsThoseDays()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);

        var report = await Json(await viewer.GetAsync($"{Api}?from={Iso(Today.AddDays(-400))}&to={Iso(Today.AddDays(-20))}"));

        // C1's CSAT 4 / NPS 9 and C2's CSAT 1 / NPS 0: one promoter, one detractor.
        Assert.Equal((2, 2.5m, 0m), (report.GetProperty("checkins").GetInt32(), report.GetProperty("averageCsat").GetDecimal(), report.GetProperty("nps").GetProperty("score").GetDecimal()));
    }

    [Theory]
    [InlineData("?from=2024-02-30", "from")]
    [InlineData("?to=june", "to")]
    [InlineData("?from=2024-02-01&to=2024-01-01", "from")]
    public async Task Get_BadPeriod_Is400NamingTheParameter(string query, string parameter)
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);

        using var response = await viewer.GetAsync(Api + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Dashboard_ShowsTheCard_OrNoCheckinsYet_AndTheAccountPageTheLatestCsatAndTrend()
    {
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);

        var dashboard = WebUtility.HtmlDecode(await kam.GetStringAsync("w/acme"));
        Assert.Equal("+33.3", Html.TestId(dashboard, "nps"));
        Assert.Equal("3.7 / 5", Html.TestId(dashboard, "average-csat"));
        Assert.Equal("2 promoters · 0 passives · 1 detractors", Html.TestId(dashboard, "nps-counts"));

        var empty = WebUtility.HtmlDecode(await kam.GetStringAsync("w/acme?from=2001-01-01&to=2001-12-31"));
        Assert.Contains("data-testid=\"satisfaction-none\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"nps\"", empty, StringComparison.Ordinal);

        var account = WebUtility.HtmlDecode(await kam.GetStringAsync("w/acme/accounts/C1"));
        Assert.Equal($"2/5 on {Today.AddDays(-5).ToString("d", CultureInfo.GetCultureInfo("en-US"))}", Html.TestId(account, "latest-csat"));
        Assert.Equal("▼ down from 4", Html.TestId(account, "csat-trend"));
        Assert.Contains("data-testid=\"no-csat\"", WebUtility.HtmlDecode(await kam.GetStringAsync("w/acme/accounts/C3")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_InSpanish()
    {
        using var kam = await fixture.Server.SignedInClientAsync(TeamServer.Kam1);
        kam.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");

        var dashboard = WebUtility.HtmlDecode(await kam.GetStringAsync("w/acme"));

        Assert.Contains("Satisfacción de los clientes", dashboard, StringComparison.Ordinal);
        Assert.Equal("2 promotores · 0 pasivos · 1 detractores", Html.TestId(dashboard, "nps-counts"));
        Assert.Equal("3,7 / 5", Html.TestId(dashboard, "average-csat"));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

/// <summary>The text of the element with a <c>data-testid</c> in server-rendered HTML, blanks collapsed.</summary>
internal static partial class Html
{
    public static string? TestId(string html, string testId) =>
        Pattern().Matches(html).FirstOrDefault(m => m.Groups["id"].Value == testId) is { } m
            ? Blanks().Replace(m.Groups["text"].Value, " ").Trim()
            : null;

    [System.Text.RegularExpressions.GeneratedRegex("data-testid=\"(?<id>[^\"]+)\"[^>]*>(?<text>[^<]*)<")]
    private static partial System.Text.RegularExpressions.Regex Pattern();

    [System.Text.RegularExpressions.GeneratedRegex("\\s+")]
    private static partial System.Text.RegularExpressions.Regex Blanks();
}

public sealed class SqliteSatisfactionApiTests(TeamServer fixture) : SatisfactionApiTests(fixture), IClassFixture<TeamServer>;

[Trait("Category", "Slow")]
public sealed class PostgresSatisfactionApiTests(PostgresTeamServer fixture) : SatisfactionApiTests(fixture), IClassFixture<PostgresTeamServer>;
