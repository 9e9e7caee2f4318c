using static Kamino.Host.Tests.Customers.AccountsJson;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// The key-account endpoints through the real host with bearer tokens, over <see cref="TeamServer"/>: in the 12
/// months up to 2024-06-30 C1 600, C2 250, C3 100, C4 50 (classes A, A, B, C); C1 and C2 key accounts, C1 owned by
/// KAM 1. Each test works on its own customers, since the server is shared by the class.
/// </summary>
public abstract class KeyAccountsApiTests(TeamServer fixture)
{
    private const string Api = "api/workspaces/acme/";

    [Fact]
    public async Task Rate_ThenDetail_ExplainsTheScore_KamOnlyTheirAccounts()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var rated = await director.PostAsJsonAsync(Api + "customers/C3/ratings", new { ratings = new Dictionary<string, int> { ["brand"] = 5, ["contacts"] = 4 }, note = "Tour season" });
        Assert.Equal(HttpStatusCode.NoContent, rated.StatusCode);

        var detail = await Json(await director.GetAsync(Api + "customers/C3"));
        var score = detail.GetProperty("score");
        Assert.Equal((0.5m, 0.35m, 0.9m, 0.27m, 0.62m), (score.GetProperty("revenueScore").GetDecimal(), score.GetProperty("revenuePart").GetDecimal(),
            score.GetProperty("intangibleScore").GetDecimal(), score.GetProperty("intangiblePart").GetDecimal(), score.GetProperty("score").GetDecimal()));
        Assert.Equal("score ≥ threshold", score.GetProperty("suggestedBecause").GetString());
        var current = detail.GetProperty("currentRatings").EnumerateArray().ToList();
        Assert.Equal([("brand", 5), ("contacts", 4)], current.Select(r => (r.GetProperty("criterionKey").GetString(), r.GetProperty("value").GetInt32())));
        Assert.All(current, r => Assert.Equal((TeamServer.Director, "Tour season"), (r.GetProperty("userEmail").GetString(), r.GetProperty("note").GetString())));

        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var own = await kam.PostAsJsonAsync(Api + "customers/C1/ratings", new { ratings = new Dictionary<string, int> { ["payment"] = 2 } });
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        using var notOwn = await kam.PostAsJsonAsync(Api + "customers/C4/ratings", new { ratings = new Dictionary<string, int> { ["payment"] = 2 } });
        Assert.Equal(HttpStatusCode.Forbidden, notOwn.StatusCode);
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        using var byViewer = await viewer.PostAsJsonAsync(Api + "customers/C1/ratings", new { ratings = new Dictionary<string, int> { ["payment"] = 2 } });
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(1, (await Json(await director.GetAsync(Api + "customers/C1"))).GetProperty("ratingHistory").GetArrayLength());
    }

    [Fact]
    public async Task Rate_Six_Is400ProblemDetails_NamingTheCriterion()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var response = await director.PostAsJsonAsync(Api + "customers/C4/ratings", new { ratings = new Dictionary<string, int> { ["fit"] = 3, ["brand"] = 6 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("6", problem.GetProperty("errors").GetProperty("ratings.brand")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await Json(await director.GetAsync(Api + "customers/C4"))).GetProperty("ratingHistory").GetArrayLength());

        using var unknown = await director.PostAsJsonAsync(Api + "customers/C4/ratings", new { ratings = new Dictionary<string, int> { ["charm"] = 3 } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var otherWorkspace = await director.PostAsJsonAsync(Api + "customers/O1/ratings", new { ratings = new Dictionary<string, int> { ["fit"] = 3 } });
        Assert.Equal(HttpStatusCode.NotFound, otherWorkspace.StatusCode);
    }

    [Fact]
    public async Task Designate_WithTier_Undesignate_AndTheLists()
    {
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        using var blank = await lead.PostAsJsonAsync(Api + "customers/C4/designate", new { tier = "Key", reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        using var designated = await lead.PostAsJsonAsync(Api + "customers/C4/designate", new { tier = "key", reason = "Founder's friend" });
        Assert.Equal(HttpStatusCode.NoContent, designated.StatusCode);

        var keys = await Json(await lead.GetAsync(Api + "customers?key=true"));
        Assert.Equal(["C1", "C2", "C4"], keys.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal("Key", keys.GetProperty("items")[2].GetProperty("tier").GetString());
        var designatedList = await Json(await lead.GetAsync(Api + "customers?list=designated"));
        Assert.Contains("C4", designatedList.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(designatedList.GetProperty("total").GetInt32(), keys.GetProperty("designatedNotSuggested").GetInt32());

        using var undesignated = await lead.PostAsJsonAsync(Api + "customers/C4/undesignate", new { reason = "Friendship is not revenue" });
        Assert.Equal(HttpStatusCode.NoContent, undesignated.StatusCode);
        var history = (await Json(await lead.GetAsync(Api + "customers/C4"))).GetProperty("designations").EnumerateArray()
            .Select(h => (h.GetProperty("fromTier").GetString(), h.GetProperty("toTier").GetString(), h.GetProperty("reason").GetString(), h.GetProperty("userEmail").GetString())).ToList();
        Assert.Equal([("Key", null, "Friendship is not revenue", TeamServer.Lead), (null, "Key", "Founder's friend", TeamServer.Lead)], history);

        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var byKam = await kam.PostAsJsonAsync(Api + "customers/C4/designate", new { reason = "Mine now" });
        Assert.Equal(HttpStatusCode.Forbidden, byKam.StatusCode);

        var classB = await Json(await lead.GetAsync(Api + "customers?class=B"));
        Assert.Equal(["C3"], classB.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        using var badClass = await lead.GetAsync(Api + "customers?class=D");
        Assert.Equal(HttpStatusCode.BadRequest, badClass.StatusCode);
        Assert.Equal("application/problem+json", badClass.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CriteriaAndSettings_DirectorChanges_OthersRead()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);

        var criteria = await Json(await lead.GetAsync(Api + "criteria"));
        Assert.Equal(["brand", "contacts", "fit", "growth", "payment"], criteria.EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        using var byLead = await lead.PutAsJsonAsync(Api + "criteria/growth", new { weight = 2 });
        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        using var set = await director.PutAsJsonAsync(Api + "criteria/growth", new { weight = 2.5, name = "Growth" });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        using var negative = await director.PutAsJsonAsync(Api + "criteria/growth", new { weight = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        var growth = (await Json(await lead.GetAsync(Api + "criteria"))).EnumerateArray().Single(c => c.GetProperty("key").GetString() == "growth");
        Assert.Equal((2.5m, "Growth"), (growth.GetProperty("weight").GetDecimal(), growth.GetProperty("name").GetString()));

        var settings = await Json(await lead.GetAsync(Api + "settings/key-accounts"));
        Assert.Equal((0.7m, 0.6m, 0.8m, 0.95m), (settings.GetProperty("alpha").GetDecimal(), settings.GetProperty("suggestThreshold").GetDecimal(),
            settings.GetProperty("thresholdA").GetDecimal(), settings.GetProperty("thresholdB").GetDecimal()));
        Assert.Equal([("Key", true), ("Standard", false)], settings.GetProperty("tiers").EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("isKey").GetBoolean())));
        using var settingsByLead = await lead.PutAsJsonAsync(Api + "settings/key-accounts", new { suggestThreshold = 0.5 });
        Assert.Equal(HttpStatusCode.Forbidden, settingsByLead.StatusCode);
        using var badAlpha = await director.PutAsJsonAsync(Api + "settings/key-accounts", new { alpha = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, badAlpha.StatusCode);
        using var tiers = await director.PutAsJsonAsync(Api + "settings/key-accounts", new { tiers = new[] { "Key", "Growth", "Standard" } });
        Assert.Equal(HttpStatusCode.NoContent, tiers.StatusCode);
        Assert.Equal(3, (await Json(await lead.GetAsync(Api + "settings/key-accounts"))).GetProperty("tiers").GetArrayLength());
    }

    [Fact]
    public async Task Referral_ShowsTheReferredRevenueOnTheReferrer()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var referred = await director.PutAsJsonAsync(Api + "customers/C2/referral", new { referredBy = "C1" });
        Assert.Equal(HttpStatusCode.NoContent, referred.StatusCode);
        using var cycle = await director.PutAsJsonAsync(Api + "customers/C1/referral", new { referredBy = "C2" });
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        using var otherWorkspace = await director.PutAsJsonAsync(Api + "customers/C2/referral", new { referredBy = "O1" });
        Assert.Equal(HttpStatusCode.NotFound, otherWorkspace.StatusCode);

        var c1 = await Json(await director.GetAsync(Api + "customers/C1"));
        Assert.Equal(250m, c1.GetProperty("referredRevenue").GetDecimal());
        Assert.Equal(["C2"], c1.GetProperty("referred").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal("C1", (await Json(await director.GetAsync(Api + "customers/C2"))).GetProperty("referredBy").GetString());
    }

    [Fact]
    public async Task ListAndShow_FromToAndAll_ScoreThatPeriod()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);

        // 2023-01-01 .. 2023-06-30 holds one sale: C4 1000 on 2023-06-30. C4 is then first and A (nothing ranks above
        // it); the others have no revenue in it: class C, revenue score 0, ranked by key.
        var half = await Json(await viewer.GetAsync(Api + "customers?from=2023-01-01&to=2023-06-30"));
        Assert.Equal(("2023-01-01", "2023-06-30"), Period(half));
        Assert.Equal([("C4", 1000m, 1, "A", 1m), ("C1", 0m, 2, "C", 0m), ("C2", 0m, 3, "C", 0m), ("C3", 0m, 4, "C", 0m)], Rows(half));

        // By default (2023-07-01 .. 2024-06-30) C4 has only its 50 of 2023-07-01: last, C.
        var byDefault = await Json(await viewer.GetAsync(Api + "customers"));
        Assert.Equal(("2023-07-01", "2024-06-30"), Period(byDefault));
        Assert.Equal(("C4", 50m, 4, "C", 0.25m), Rows(byDefault)[^1]);

        // All sales (2023-06-30 .. 2024-06-30), total 2000: C4 1050, C1 600, C2 250, C3 100. A while the revenue ranked
        // above is below 80 % (1600), B below 95 % (1900): C4 A (0), C1 A (1050), C2 B (1650), C3 C (1900).
        var all = await Json(await viewer.GetAsync(Api + "customers?all=true"));
        Assert.Equal(("2023-06-30", "2024-06-30"), Period(all));
        Assert.Equal([("C4", 1050m, 1, "A", 1m), ("C1", 600m, 2, "A", 0.75m), ("C2", 250m, 3, "B", 0.5m), ("C3", 100m, 4, "C", 0.25m)], Rows(all));

        var c4 = await Json(await viewer.GetAsync(Api + "customers/C4?from=2023-01-01&to=2023-06-30"));
        Assert.Equal(("2023-01-01", "2023-06-30"), Period(c4));
        Assert.Equal((1000m, 1, "A"), (c4.GetProperty("account").GetProperty("revenue").GetDecimal(), c4.GetProperty("account").GetProperty("rank").GetInt32(),
            c4.GetProperty("account").GetProperty("class").GetString()));
        var score = c4.GetProperty("score");
        Assert.Equal((1, 1, "A", 1m), (score.GetProperty("rank").GetInt32(), score.GetProperty("positiveCustomers").GetInt32(), score.GetProperty("class").GetString(),
            score.GetProperty("revenueScore").GetDecimal()));

        var c4All = (await Json(await viewer.GetAsync(Api + "customers/C4?all=true"))).GetProperty("score");
        Assert.Equal((1, 4, "A"), (c4All.GetProperty("rank").GetInt32(), c4All.GetProperty("positiveCustomers").GetInt32(), c4All.GetProperty("class").GetString()));
    }

    [Theory]
    [InlineData("customers?from=2023-02-30", "from")]
    [InlineData("customers?to=june", "to")]
    [InlineData("customers?all=yes", "all")]
    [InlineData("customers?all=true&from=2023-01-01", "all")]
    [InlineData("customers?from=2024-01-01&to=2023-12-31", "from")]
    [InlineData("customers/C4?from=2023-02-30", "from")]
    [InlineData("customers/C4?all=1&to=2024-06-30", "all")]
    [InlineData("customers/C4?from=2024-01-01&to=2023-12-31", "from")]
    public async Task ListAndShow_BadPeriod_Is400ProblemDetails_NamingTheParameter(string path, string parameter)
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);

        using var response = await viewer.GetAsync(Api + path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task OpenApiDocument_ListsThePeriodParameters_OfListAndShow()
    {
        using var json = JsonDocument.Parse(await fixture.Server.Client.GetStringAsync("openapi/v1.json"));
        // The list's route is the group's "/": its path may end with a slash.
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name.TrimEnd('/'), p => p.Value);

        foreach (var path in new[] { "/api/workspaces/{workspace}/customers", "/api/workspaces/{workspace}/customers/{customer}" })
        {
            var get = paths[path].GetProperty("get");
            var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Superset(new HashSet<string?> { "from", "to", "all" }, parameters.ToHashSet());
            Assert.Contains("400", get.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        }
    }

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

/// <summary><see cref="KeyAccountsApiTests"/> on SQLite.</summary>
public sealed class SqliteKeyAccountsApiTests(TeamServer fixture) : KeyAccountsApiTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="KeyAccountsApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresKeyAccountsApiTests(PostgresTeamServer fixture) : KeyAccountsApiTests(fixture), IClassFixture<PostgresTeamServer>;
