using Kamino.Customers;
using Kamino.Host.Tests.Satisfaction;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// Tier policies through the real host over <see cref="TeamServer"/>: <c>GET/PUT …/tiers</c> with bearer tokens, and the
/// "Tier policies" section of the key-account settings page through its form. Each test starts from the default policies.
/// </summary>
public abstract class TiersApiTests(TeamServer fixture) : IAsyncLifetime
{
    private const string Api = "api/workspaces/acme/";
    private const string Page = "w/acme/settings/key-accounts";

    public async Task InitializeAsync()
    {
        await using var db = fixture.Db();
        var ws = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        foreach (var tier in await db.Tiers.Where(t => t.WorkspaceId == ws).ToListAsync())
        {
            tier.ApplyDefaultPolicy(top: tier.Rank == 1);
        }

        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_EveryMember_ReadsTheDefaults()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);

        var tiers = await Json(await viewer.GetAsync(Api + "tiers"));

        Assert.Equal(
            [("Key", true, (int?)30, "Any", 5m, 15m, 1, 24), ("Standard", false, null, "Any", 0m, 5m, 2, 72)],
            tiers.EnumerateArray().Select(Row));
    }

    [Fact]
    public async Task Put_Director_ChangesOnlyTheGivenFields_AnswersTheTier_OthersAreRefused()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);

        using var byLead = await lead.PutAsJsonAsync(Api + "tiers/Key", new { orderPriority = 2 });
        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);

        var saved = await Json(await director.PutAsJsonAsync(Api + "tiers/standard", new { checkinDays = 60, channel = "Visit", discountMaxPct = 7.5 }));
        Assert.Equal(("Standard", false, (int?)60, "Visit", 0m, 7.5m, 2, 72), Row(saved));

        using var none = await director.PutAsJsonAsync(Api + "tiers/Standard", new { noCheckin = true });
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        var tiers = await Json(await lead.GetAsync(Api + "tiers"));
        Assert.Equal(("Standard", false, null, "Visit", 0m, 7.5m, 2, 72), Row(tiers[1]));
        Assert.Equal(("Key", true, (int?)30, "Any", 5m, 15m, 1, 24), Row(tiers[0]));
    }

    [Fact]
    public async Task Put_Invalid_Is400KeyedByField_Unknown404_NothingChanged()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        using var invalid = await director.PutAsJsonAsync(Api + "tiers/Key", new { discountMinPct = 20, orderPriority = 0, promisedHours = 12 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["discountMaxPct", "orderPriority"], errors.EnumerateObject().Select(e => e.Name));

        using var badChannel = await director.PutAsJsonAsync(Api + "tiers/Key", new { channel = "Fax" });
        Assert.Equal(HttpStatusCode.BadRequest, badChannel.StatusCode);
        using var unknown = await director.PutAsJsonAsync(Api + "tiers/Gold", new { orderPriority = 1 });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("no tier 'Gold' (tiers: Key, Standard)", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());

        Assert.Equal(("Key", true, (int?)30, "Any", 5m, 15m, 1, 24), Row((await Json(await director.GetAsync(Api + "tiers")))[0]));
    }

    [Fact]
    public async Task SettingsPage_DirectorSavesTheForm_InvalidIs400ByTheField_KamReadsOnly()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);
        var form = new Dictionary<string, string>
        {
            ["policy-1-checkin"] = "14", ["policy-1-channel"] = "Call", ["policy-1-discount-min"] = "5", ["policy-1-discount-max"] = "20",
            ["policy-1-priority"] = "1", ["policy-1-hours"] = "12",
            ["policy-2-checkin"] = "", ["policy-2-channel"] = "Any", ["policy-2-discount-min"] = "0", ["policy-2-discount-max"] = "5",
            ["policy-2-priority"] = "2", ["policy-2-hours"] = "72",
        };

        using var refused = await Forms.PostAsync(director, Page, "tier-policies", new(form) { ["policy-1-discount-max"] = "2", ["policy-2-hours"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal("The highest discount is below the lowest.", Html.TestId(html, "policy-1-discount-max-error"));
        Assert.Equal("Give a number.", Html.TestId(html, "policy-2-hours-error"));
        Assert.Equal(24, (await KeyPolicyAsync()).PromisedHours);

        using var saved = await Forms.PostAsync(director, Page, "tier-policies", form);
        var confirmation = saved.StatusCode == HttpStatusCode.Redirect ? await director.GetStringAsync(saved.Headers.Location) : await saved.Content.ReadAsStringAsync();
        Assert.Contains("Tier policies saved.", confirmation, StringComparison.Ordinal);
        Assert.Equal(new TierPolicy(14, TierChannel.Call, 5m, 20m, 1, 12), await KeyPolicyAsync());

        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);
        var readOnly = WebUtility.HtmlDecode(await kam.GetStringAsync(Page));
        Assert.DoesNotContain("tier-policies-form", readOnly, StringComparison.Ordinal);
        Assert.Equal("every 14 days · Call", Html.TestId(readOnly, "policy-checkin"));
        // The form is not rendered for a KAM, so a forged post of it is refused before any handler runs.
        var fields = new Dictionary<string, string>(form) { ["policy-1-hours"] = "48", ["_handler"] = "tier-policies" };
        fields["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(readOnly, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var forged = await kam.PostAsync(Page, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(12, (await KeyPolicyAsync()).PromisedHours);
    }

    private async Task<TierPolicy> KeyPolicyAsync()
    {
        await using var db = fixture.Db();
        return (await Tiers.PoliciesAsync(db, await fixture.WorkspaceIdAsync(TeamServer.Slug)))[0].Policy;
    }

    private static (string?, bool, int?, string?, decimal, decimal, int, int) Row(JsonElement t) =>
        (t.GetProperty("name").GetString(), t.GetProperty("isKey").GetBoolean(), t.GetProperty("checkinDays").ValueKind == JsonValueKind.Null ? null : t.GetProperty("checkinDays").GetInt32(),
            t.GetProperty("channel").GetString(), t.GetProperty("discountMinPct").GetDecimal(), t.GetProperty("discountMaxPct").GetDecimal(),
            t.GetProperty("orderPriority").GetInt32(), t.GetProperty("promisedHours").GetInt32());

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

public sealed class SqliteTiersApiTests(TeamServer fixture) : TiersApiTests(fixture), IClassFixture<TeamServer>;

[Trait("Category", "Slow")]
public sealed class PostgresTiersApiTests(PostgresTeamServer fixture) : TiersApiTests(fixture), IClassFixture<PostgresTeamServer>;
