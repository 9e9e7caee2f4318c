namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// <c>GET …/analysis/compare</c>, <c>…/whatif</c> and <c>…/series</c> through the real host, as the Viewer of
/// <see cref="SmallSalesServer"/> (read permission is enough); each answers the CLI's JSON for the same parameters.
/// </summary>
public sealed class AnalysisOverTimeApiTests(SmallSalesServer fixture) : IClassFixture<SmallSalesServer>
{
    private const string Base = "api/workspaces/acme/analysis/";

    private HttpClient Client => fixture.Api;

    private async Task<string> CliJsonAsync(params string[] args)
    {
        var cli = await CliRunner.RunAsync([.. args, "--db", fixture.Server.Database.Target, "--workspace", SmallSalesServer.Workspace, "--format", "json"]);
        Assert.True(cli.Exit == 0, cli.Error);
        return cli.Out.TrimEnd();
    }

    [Fact]
    public async Task GetCompare_Default_HandComputedMigrations()
    {
        using var response = await Client.GetAsync(Base + "compare");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var r = json.RootElement;
        Assert.Equal("2023-07-01", r.GetProperty("current").GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2023-06-30", r.GetProperty("previous").GetProperty("period").GetProperty("to").GetString());
        Assert.Equal((1000.00m, 1000.00m, 0m), (r.GetProperty("previous").GetProperty("totalRevenue").GetDecimal(), r.GetProperty("current").GetProperty("totalRevenue").GetDecimal(), r.GetProperty("totalRelativeChange").GetDecimal()));
        var migrations = r.GetProperty("migrations").EnumerateArray()
            .Select(m => (m.GetProperty("from").GetString(), m.GetProperty("to").GetString(), m.GetProperty("count").GetInt32())).ToList();
        Assert.Equal([("A", "C", 1), ("New", "A", 2), ("New", "B", 1)], migrations);
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("?from=2024-01-01&to=2024-06-30&vsFrom=2023-07-01&vsTo=2023-12-31", new[] { "--from", "2024-01-01", "--to", "2024-06-30", "--vs-from", "2023-07-01", "--vs-to", "2023-12-31" })]
    public async Task GetCompare_SameParameters_ReturnsExactlyTheCliJson(string query, string[] options)
    {
        var api = await Client.GetStringAsync(Base + "compare" + query);

        Assert.Equal(await CliJsonAsync(["accounts", "compare", .. options]), api.TrimEnd());
    }

    [Fact]
    public async Task GetWhatIf_TopCustomer_SameAsCliAndShareAtRisk()
    {
        var api = await Client.GetStringAsync(Base + "whatif?without=C1");

        Assert.Equal(await CliJsonAsync("accounts", "whatif", "--without", "C1"), api.TrimEnd());
        using var json = JsonDocument.Parse(api);
        Assert.Equal(0.6m, json.RootElement.GetProperty("shareAtRisk").GetDecimal());
    }

    [Fact]
    public async Task GetWhatIf_UnknownCustomer_404ProblemDetails()
    {
        using var response = await Client.GetAsync(Base + "whatif?without=C9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("C9", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("whatif", "without")]
    [InlineData("whatif?without=C1&from=2024-13-01", "from")]
    [InlineData("series", "customer")]
    [InlineData("compare?vsFrom=2024-02-01&vsTo=2024-01-01", "vs-from")]
    public async Task Get_BadParameters_400NamingTheParameter(string path, string parameter)
    {
        using var response = await Client.GetAsync(Base + path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), json.RootElement.ToString());
    }

    [Fact]
    public async Task GetSeries_All_MonthlyWithZeros_SameAsCli()
    {
        var api = await Client.GetStringAsync(Base + "series?customer=C4&all=true");

        Assert.Equal(await CliJsonAsync("accounts", "series", "C4", "--all"), api.TrimEnd());
        using var json = JsonDocument.Parse(api);
        var months = json.RootElement.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(13, months.Count);
        Assert.Equal(("2023-06", 1000.00m), (months[0].GetProperty("month").GetString(), months[0].GetProperty("revenue").GetDecimal()));
        Assert.Equal(("2023-07", 50.00m), (months[1].GetProperty("month").GetString(), months[1].GetProperty("revenue").GetDecimal()));
        Assert.All(months.Skip(2), m => Assert.Equal(0m, m.GetProperty("revenue").GetDecimal()));
    }

    [Fact]
    public async Task OpenApi_ListsTheNewEndpoints()
    {
        var document = await Client.GetStringAsync("openapi/v1.json");

        foreach (var path in new[] { "/analysis/compare", "/analysis/whatif", "/analysis/series" })
        {
            Assert.Contains("/api/workspaces/{workspace}" + path + "\"", document, StringComparison.Ordinal);
        }
    }
}
