namespace Kamino.Host.Tests.Currencies;

/// <summary>
/// <c>GET|POST /api/workspaces/{workspace}/rates</c>: every member reads the table, only a Director imports; nobody from
/// another workspace, and nobody signed out. On SQLite and PostgreSQL (sealed subclasses at the end of the file).
/// </summary>
public abstract class RatesApiTests(TeamServer fixture)
{
    private const string Rates = "api/workspaces/acme/rates";

    private static StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");

    [Fact]
    public async Task ADirectorImports_EveryMemberReads_OthersAreRefused()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };

        using var byKam = await kam.PostAsync(Rates, Csv(CurrencySamples.RatesTable));
        using var byViewer = await viewer.PostAsync(Rates, Csv(CurrencySamples.RatesTable));
        using var byOutsider = await outsider.PostAsync(Rates, Csv(CurrencySamples.RatesTable));
        using var byNobody = await anonymous.PostAsync(Rates, Csv(CurrencySamples.RatesTable));
        using var readByOutsider = await outsider.GetAsync(Rates);
        using var readByNobody = await anonymous.GetAsync(Rates);
        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized),
            (byKam.StatusCode, byViewer.StatusCode, byOutsider.StatusCode, byNobody.StatusCode, readByOutsider.StatusCode, readByNobody.StatusCode));

        using var imported = await director.PostAsync(Rates, Csv(CurrencySamples.RatesEcb));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("ecb", "EUR", 5), (result.GetProperty("format").GetString(), result.GetProperty("reportingCurrency").GetString(), result.GetProperty("added").GetInt32()));

        using var read = await viewer.GetAsync(Rates + "?currency=usd&limit=1");
        var list = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("EUR", list.GetProperty("reportingCurrency").GetString());
        Assert.Equal(["GBP", "JPY", "USD"], list.GetProperty("currencies").EnumerateArray().Select(c => c.GetProperty("currency").GetString()));
        var latest = Assert.Single(list.GetProperty("rates").EnumerateArray());
        Assert.Equal(("USD", "2026-03-02", 1.25m), (latest.GetProperty("currency").GetString(), latest.GetProperty("date").GetString(), latest.GetProperty("rate").GetDecimal()));
        Assert.Equal(2, list.GetProperty("ratesTotal").GetInt32());

        await using var db = fixture.Server.Database.CreateDbContext();
        Assert.Equal(0, await db.ExchangeRates.CountAsync(r => r.WorkspaceId != db.Workspaces.Single(w => w.Slug == "acme").Id));
    }

    [Fact]
    public async Task ABadFile_IsAValidationProblem_NamingTheLine()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        using var refused = await director.PostAsync(Rates, Csv("date,currency,rate\n2026-01-01,USD,cheap\n"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.StartsWith("line 2: 'cheap' is not a positive rate", errors.GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteRatesApiTests(TeamServer fixture) : RatesApiTests(fixture), IClassFixture<TeamServer>;

[Trait("Category", "Slow")]
public sealed class PostgresRatesApiTests(PostgresTeamServer fixture) : RatesApiTests(fixture), IClassFixture<PostgresTeamServer>;
