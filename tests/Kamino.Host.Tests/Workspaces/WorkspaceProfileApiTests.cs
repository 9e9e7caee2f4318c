using Kamino.Workspaces;

namespace Kamino.Host.Tests.Workspaces;

/// <summary>
/// The workspace's name, currency and own tax ids through the API (everyone reads, a Director changes), and new
/// workspaces created by a Director, who becomes theirs.
/// </summary>
public sealed class WorkspaceProfileApiTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Profile = "api/workspaces/acme/settings/workspace";

    [Fact]
    public async Task EveryoneReads_OnlyADirectorChanges_AndTheCurrencyStaysUnderStoredSales()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };

        var read = await Json(await kam.GetAsync(Profile));
        Assert.Equal(("Acme Foods", "EUR"), (read.GetProperty("name").GetString(), read.GetProperty("currency").GetString()));
        Assert.True(read.GetProperty("saleLines").GetInt64() > 0);

        var change = new { name = "Acme Foods S.L.", taxIds = new[] { "ES-B12345678" } };
        using var byKam = await kam.PutAsJsonAsync(Profile, change);
        using var byOutsider = await outsider.PutAsJsonAsync(Profile, change);
        using var byNobody = await anonymous.PutAsJsonAsync(Profile, change);
        using var currency = await director.PutAsJsonAsync(Profile, new { currency = "USD" });
        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest),
            (byKam.StatusCode, byOutsider.StatusCode, byNobody.StatusCode, currency.StatusCode));
        var errors = JsonDocument.Parse(await currency.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("sale lines in EUR", errors.GetProperty("currency")[0].GetString(), StringComparison.Ordinal);

        var changed = await Json(await director.PutAsJsonAsync(Profile, change));
        Assert.Equal("Acme Foods S.L.", changed.GetProperty("name").GetString());
        Assert.Equal(["ESB12345678"], changed.GetProperty("taxIds").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("EUR", (await Json(await kam.GetAsync(Profile))).GetProperty("currency").GetString());
        await using var db = fixture.Server.Database.CreateDbContext();
        var acme = await db.Workspaces.SingleAsync(w => w.Slug == TeamServer.Slug);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.WorkspaceId == acme.Id && a.Action == "profile"));
    }

    [Fact]
    public async Task ADirectorCreatesAWorkspace_AndIsItsOnlyMember_OthersCannot()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        var body = new { slug = "acme-north", name = "Acme Norte", currency = "EUR" };

        using var byKam = await kam.PostAsJsonAsync("api/workspaces", body);
        using var byNobody = await anonymous.PostAsJsonAsync("api/workspaces", body);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (byKam.StatusCode, byNobody.StatusCode));

        using var created = await director.PostAsJsonAsync("api/workspaces", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var again = await director.PostAsJsonAsync("api/workspaces", body with { name = "Another" });
        using var invalid = await director.PostAsJsonAsync("api/workspaces", new { slug = "Not A Slug", name = "", currency = "euro" });
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (again.StatusCode, invalid.StatusCode));
        var errors = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["currency", "name", "slug"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var profile = await Json(await director.GetAsync("api/workspaces/acme-north/settings/workspace"));
        Assert.Equal(("Acme Norte", "EUR", 0L), (profile.GetProperty("name").GetString(), profile.GetProperty("currency").GetString(), profile.GetProperty("saleLines").GetInt64()));
        using var kamLooks = await kam.GetAsync("api/workspaces/acme-north/settings/workspace");
        Assert.Equal(HttpStatusCode.NotFound, kamLooks.StatusCode);
        var mine = await Json(await director.GetAsync("api/me/workspaces"));
        Assert.Contains(mine.EnumerateArray(), w => w.GetProperty("slug").GetString() == "acme-north" && w.GetProperty("role").GetString() == "Director");
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}

/// <summary><c>kamino workspace set --name --currency</c> and <c>workspace show</c>.</summary>
public sealed class WorkspaceProfileCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task SetNameAndCurrency_ShowsThem_AndABadCurrencyIsAUsageError()
    {
        var set = await RunAsync("workspace", "set", "--name", "Acme Distribución", "--currency", "usd");
        var bad = await RunAsync("workspace", "set", "--currency", "dollars");
        var json = JsonDocument.Parse((await RunAsync("workspace", "show", "--format", "json")).Out).RootElement;
        var csv = await RunAsync("workspace", "show", "--format", "csv");

        Assert.Equal(0, set.Exit);
        Assert.Contains("Workspace acme: Acme Distribución, reporting currency USD", set.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.Exit);
        Assert.Contains("--currency: 'DOLLARS' is not a currency code", bad.Error, StringComparison.Ordinal);
        Assert.Equal(("Acme Distribución", "USD"), (json.GetProperty("name").GetString(), json.GetProperty("currency").GetString()));
        Assert.Contains("currency,USD", csv.Out, StringComparison.Ordinal);
    }
}
