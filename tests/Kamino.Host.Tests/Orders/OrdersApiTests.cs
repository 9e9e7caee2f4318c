namespace Kamino.Host.Tests.Orders;

/// <summary>
/// The order endpoints through the real host with bearer tokens, over <see cref="TeamServer"/>: C1 (key, Key tier 5–15 %)
/// owned by KAM 1, whom the Lead KAM supervises; C2 (key) owned by KAM 2, unsupervised; C3 not a key account (Standard
/// 0–5 %). The server is shared: each test works with the numbers its own orders get.
/// </summary>
public abstract class OrdersApiTests(TeamServer fixture)
{
    private const string Api = "api/workspaces/acme/orders";

    [Fact]
    public async Task Kam_EntersAnOrderInTheRange_MovesIt_EveryMemberReadsIt_AStaleVersionIs409()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var created = await kam.PostAsJsonAsync(Api, new
        {
            customer = "C1", channel = "email", notes = "Depot", lines = new object[] { new { description = "Helmets", quantity = 4, unitPriceCents = 8990, discountPct = 5 }, new { description = "Caps", quantity = 1, unitPriceCents = 1000, discountPct = 15, productCode = "CAP" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await Json(created);
        var number = order.GetProperty("number").GetInt64();
        Assert.Equal($"/api/workspaces/acme/orders/{number}", created.Headers.Location?.OriginalString);
        Assert.Equal(("Key", "received", false, 34162L + 850, 1), (order.GetProperty("tier").GetString(), order.GetProperty("status").GetString(),
            order.GetProperty("needsApproval").GetBoolean(), order.GetProperty("totalCents").GetInt64(), order.GetProperty("version").GetInt32()));

        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        Assert.Equal("C1", (await Json(await viewer.GetAsync($"{Api}/{number}"))).GetProperty("customerKey").GetString());
        Assert.Contains((await Json(await viewer.GetAsync($"{Api}?customer=C1&status=received"))).EnumerateArray(), o => o.GetProperty("number").GetInt64() == number);

        using var started = await kam.PostAsJsonAsync($"{Api}/{number}/start", new { version = 1 });
        Assert.Equal(("inProgress", 2), ((await Json(started)).GetProperty("status").GetString(), (await Json(started)).GetProperty("version").GetInt32()));

        using var stale = await kam.PostAsJsonAsync($"{Api}/{number}/cancel", new { version = 1, reason = "duplicate" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"order {number} was changed by someone else; reload it", JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        var now = await Json(await viewer.GetAsync($"{Api}/{number}"));
        Assert.Equal(("inProgress", 2), (now.GetProperty("status").GetString(), now.GetProperty("version").GetInt32()));

        using var fulfilled = await kam.PostAsJsonAsync($"{Api}/{number}/fulfil", new { version = 2 });
        Assert.Equal("fulfilled", (await Json(fulfilled)).GetProperty("status").GetString());
        var history = (await Json(await viewer.GetAsync($"{Api}/{number}/history"))).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["create", "start", "fulfil"], history);
    }

    [Fact]
    public async Task OutsideTheRange_InTheLeadsInbox_KamAndOtherScopeRefused_DirectorRejects()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        var number = (await Json(await kam.PostAsJsonAsync(Api, new { customer = "C1", lines = new[] { new { description = "Helmets", quantity = 1, unitPriceCents = 1000, discountPct = 15.01 } } })))
            .GetProperty("number").GetInt64();
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        Assert.Contains((await Json(await lead.GetAsync($"{Api}/approvals"))).EnumerateArray(), o => o.GetProperty("number").GetInt64() == number);
        Assert.Empty((await Json(await kam.GetAsync($"{Api}/approvals"))).EnumerateArray()); // a KAM decides none
        Assert.Equal(HttpStatusCode.Forbidden, (await kam.PostAsJsonAsync($"{Api}/{number}/approve", new { version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await kam.PostAsJsonAsync($"{Api}/{number}/start", new { version = 1 })).StatusCode);

        // The Lead KAM does not supervise KAM 2: an order on C2 is not theirs to decide.
        using var kam2 = await fixture.Server.BearerClientAsync(TeamServer.Kam2);
        var other = (await Json(await kam2.PostAsJsonAsync(Api, new { customer = "C2", lines = new[] { new { description = "Vans", quantity = 1, unitPriceCents = 1000, discountPct = 40 } } })))
            .GetProperty("number").GetInt64();
        Assert.DoesNotContain((await Json(await lead.GetAsync($"{Api}/approvals"))).EnumerateArray(), o => o.GetProperty("number").GetInt64() == other);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync($"{Api}/{other}/approve", new { version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await director.PostAsJsonAsync($"{Api}/{other}/reject", new { version = 1 })).StatusCode); // no reason
        var rejected = await Json(await director.PostAsJsonAsync($"{Api}/{other}/reject", new { version = 1, reason = "too deep" }));
        Assert.Equal(("cancelled", "rejected", "discount rejected: too deep"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("approval").GetString(),
            rejected.GetProperty("cancelReason").GetString()));

        var approved = await Json(await lead.PostAsJsonAsync($"{Api}/{number}/approve", new { version = 1, reason = "loyal" }));
        Assert.Equal(("approved", false), (approved.GetProperty("approval").GetString(), approved.GetProperty("needsApproval").GetBoolean()));
        await using var db = fixture.Db();
        var kam1Id = await fixture.UserIdAsync(TeamServer.Kam1);
        Assert.Contains(await db.Notifications.Where(n => n.UserId == kam1Id).Select(n => n.Text).ToListAsync(), t => t.Contains($"approved the discount of your order {number}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refusals_ByRoleScopeWorkspaceAndInput_ChangeNothing()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        var number = (await Json(await director.PostAsJsonAsync(Api, new { customer = "C3", lines = new[] { new { description = "Gloves", quantity = 1, unitPriceCents = 500, discountPct = 0 } } })))
            .GetProperty("number").GetInt64();
        var body = new { customer = "C1", lines = new[] { new { description = "Helmets", quantity = 1, unitPriceCents = 1000, discountPct = 10 } } };
        await using var before = fixture.Db();
        var orders = await before.Orders.CountAsync();

        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        using var collaborator = await fixture.Server.BearerClientAsync(TeamServer.Collaborator);
        using var kam2 = await fixture.Server.BearerClientAsync(TeamServer.Kam2);
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        var answers = new[]
        {
            (await viewer.PostAsJsonAsync(Api, body)).StatusCode,
            (await collaborator.PostAsJsonAsync(Api, body)).StatusCode,
            (await kam2.PostAsJsonAsync(Api, body)).StatusCode,
            (await viewer.PostAsJsonAsync($"{Api}/{number}/cancel", new { version = 1, reason = "x" })).StatusCode,
            (await outsider.GetAsync($"{Api}/{number}")).StatusCode,
            (await outsider.PostAsJsonAsync($"{Api}/{number}/cancel", new { version = 1, reason = "x" })).StatusCode,
            (await outsider.GetAsync($"api/workspaces/{TeamServer.OtherSlug}/orders/{number}")).StatusCode,
            (await fixture.Server.Client.GetAsync($"{Api}/{number}")).StatusCode,
            (await fixture.Server.Client.PostAsJsonAsync(Api, body)).StatusCode,
            (await director.PostAsJsonAsync($"{Api}/{number}/start", new { })).StatusCode,
            (await director.PostAsJsonAsync($"{Api}/{number}/start", new { version = 1, at = "2000-01-01T00:00:00Z" })).StatusCode,
            (await director.PostAsJsonAsync(Api, new { customer = "NOPE", lines = body.lines })).StatusCode,
            (await director.GetAsync($"{Api}?take=501")).StatusCode,
            (await director.GetAsync($"{Api}?status=later")).StatusCode,
            (await director.GetAsync($"{Api}/999999")).StatusCode,
        };

        Assert.Equal(
        [
            HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden,
            HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound,
            HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound,
        ], answers);
        using var badLine = await director.PostAsJsonAsync(Api, new { customer = "C1", lines = new[] { new { description = "A", quantity = 1, unitPriceCents = 100, discountPct = 0 }, new { description = "B", quantity = 0, unitPriceCents = 100, discountPct = 0 } } });
        var errors = JsonDocument.Parse(await badLine.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("line 2: quantity must be above 0", errors.GetProperty("lines[1].quantity")[0].GetString());

        // The API answers the recorded English whatever language the caller asks for.
        using var inSpanish = new HttpRequestMessage(HttpMethod.Post, Api)
        {
            Content = JsonContent.Create(new { customer = "C1", lines = new[] { new { description = "A", quantity = 1, unitPriceCents = 100, discountPct = 150 } } }),
        };
        inSpanish.Headers.AcceptLanguage.ParseAdd("es-ES");
        using var spanishLine = await director.SendAsync(inSpanish);
        Assert.Equal("line 1: the discount must be from 0 to 100 %, with up to 2 decimals",
            JsonDocument.Parse(await spanishLine.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("lines[0].discountPct")[0].GetString());

        await using var after = fixture.Db();
        Assert.Equal(orders, await after.Orders.CountAsync());
        var stored = await after.Orders.SingleAsync(o => o.Id == number && o.TierName == "Standard");
        Assert.Equal((Kamino.Orders.OrderStatus.Received, 1), (stored.Status, stored.Version));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary><see cref="OrdersApiTests"/> on SQLite.</summary>
public sealed class SqliteOrdersApiTests(TeamServer fixture) : OrdersApiTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="OrdersApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresOrdersApiTests(PostgresTeamServer fixture) : OrdersApiTests(fixture), IClassFixture<PostgresTeamServer>;
