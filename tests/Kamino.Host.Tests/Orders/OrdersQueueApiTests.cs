namespace Kamino.Host.Tests.Orders;

/// <summary>The queue and statistics API through the real host (<see cref="OrdersQueueServer"/>).</summary>
public sealed class OrdersQueueApiTests(OrdersQueueServer fixture) : IClassFixture<OrdersQueueServer>
{
    private const string Api = "api/workspaces/acme/orders";

    private static readonly string[] Everyone = [TeamServer.Director, TeamServer.Lead, TeamServer.Kam1, TeamServer.Kam2, TeamServer.Collaborator, TeamServer.Viewer];

    [Fact]
    public async Task Queue_EveryMember_SameQueueInOrder_LateFlagged_WithTheFieldsScriptsUse()
    {
        foreach (var email in Everyone)
        {
            using var client = await fixture.Server.BearerClientAsync(email);
            var page = await Json(await client.GetAsync(Api + "/queue"));
            var orders = page.GetProperty("orders").EnumerateArray().ToList();
            Assert.Equal([fixture.Numbers["late"], fixture.Numbers["key"], fixture.Numbers["standard"]], orders.Select(o => o.GetProperty("number").GetInt64()));
            Assert.Equal((3, 1, 0, 50), (page.GetProperty("total").GetInt32(), page.GetProperty("late").GetInt32(), page.GetProperty("offset").GetInt32(), page.GetProperty("limit").GetInt32()));
            var late = orders[0];
            Assert.Equal(("C1", "Key", "received", 1, true), (late.GetProperty("customerId").GetString(), late.GetProperty("tier").GetString(),
                late.GetProperty("status").GetString(), late.GetProperty("priority").GetInt32(), late.GetProperty("late").GetBoolean()));
            Assert.InRange(late.GetProperty("lateMinutes").GetInt32(), 359, 362);
            var received = late.GetProperty("receivedAt").GetDateTimeOffset();
            Assert.Equal(received.AddHours(24), late.GetProperty("promisedAt").GetDateTimeOffset());
            Assert.Equal("kam1", late.GetProperty("handler").GetString());
            Assert.Equal(["Standard", "2", "False"], [orders[2].GetProperty("tier").GetString()!, orders[2].GetProperty("priority").GetInt32().ToString(CultureInfo.InvariantCulture),
                orders[2].GetProperty("late").GetBoolean().ToString()]);
        }
    }

    [Fact]
    public async Task Queue_PagedAndJudgedAtAMoment_BadParameters400()
    {
        using var client = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        var second = await Json(await client.GetAsync(Api + "/queue?offset=1&limit=1"));
        Assert.Equal([fixture.Numbers["key"]], second.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("number").GetInt64()));
        Assert.Equal(3, second.GetProperty("total").GetInt32());

        var later = TimeProvider.System.GetUtcNow().AddDays(10).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var all = await Json(await client.GetAsync(Api + "/queue?now=" + Uri.EscapeDataString(later)));
        Assert.Equal(3, all.GetProperty("late").GetInt32());

        foreach (var bad in new[] { "limit=0", "limit=501", "offset=-1", "limit=ten", "now=yesterday" })
        {
            using var response = await client.GetAsync(Api + "/queue?" + bad);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, bad);
        }
    }

    [Fact]
    public async Task Stats_EveryMember_PerTierFigures()
    {
        foreach (var email in Everyone)
        {
            using var client = await fixture.Server.BearerClientAsync(email);
            var report = await Json(await client.GetAsync(Api + "/stats"));
            var tiers = report.GetProperty("tiers").EnumerateArray().ToList();
            Assert.Equal(["Key", "Standard"], tiers.Select(t => t.GetProperty("tier").GetString()));
            // Key: 4 orders (late, key, pending, fulfilled in 10 h); Standard: 2 (open, fulfilled in 50 h, 72 promised).
            Assert.Equal((4, 1, 10.0m, 10.0m, 1m), (tiers[0].GetProperty("orders").GetInt32(), tiers[0].GetProperty("fulfilled").GetInt32(),
                tiers[0].GetProperty("medianHours").GetDecimal(), tiers[0].GetProperty("p90Hours").GetDecimal(), tiers[0].GetProperty("onTimeShare").GetDecimal()));
            Assert.Equal((2, 50.0m), (tiers[1].GetProperty("orders").GetInt32(), tiers[1].GetProperty("medianHours").GetDecimal()));
        }

        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        var old = await Json(await viewer.GetAsync(Api + "/stats?from=2020-01-01&to=2020-12-31"));
        Assert.Equal(("2020-01-01", 0), (old.GetProperty("from").GetString(), old.GetProperty("tiers").GetArrayLength()));
        using var backwards = await viewer.GetAsync(Api + "/stats?from=2021-01-01&to=2020-12-31");
        using var notADay = await viewer.GetAsync(Api + "/stats?from=soon");
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (backwards.StatusCode, notADay.StatusCode));
    }

    [Fact]
    public async Task Unauthenticated401_OtherWorkspace404_OtherWorkspaceSeesOnlyItsOwn()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        foreach (var path in new[] { "/queue", "/stats" })
        {
            using var none = await anonymous.GetAsync(Api + path);
            using var foreign = await outsider.GetAsync(Api + path);
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.NotFound), (none.StatusCode, foreign.StatusCode));
        }

        var own = await Json(await outsider.GetAsync("api/workspaces/other/orders/queue"));
        Assert.Equal([fixture.Numbers["other"]], own.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("number").GetInt64()));
        Assert.Equal("O1", own.GetProperty("orders")[0].GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task Alerts_OrderAlertsInTheAlertsApi_LinkToTheOrderPage()
    {
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        var alerts = (await Json(await lead.GetAsync("api/workspaces/acme/alerts?scope=team"))).GetProperty("alerts").EnumerateArray().ToList();
        var approval = Assert.Single(alerts, a => a.GetProperty("kind").GetString() == "discountApproval");
        Assert.Equal($"/w/acme/orders/{fixture.Numbers["pending"]}", approval.GetProperty("link").GetString());
        Assert.Equal(fixture.Numbers["pending"], approval.GetProperty("figures").GetProperty("order").GetInt64());
        using var kam2 = await fixture.Server.BearerClientAsync(TeamServer.Kam2);
        var theirs = (await Json(await kam2.GetAsync("api/workspaces/acme/alerts?scope=workspace"))).GetProperty("alerts").EnumerateArray();
        Assert.DoesNotContain(theirs, a => a.GetProperty("kind").GetString() == "discountApproval");
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
