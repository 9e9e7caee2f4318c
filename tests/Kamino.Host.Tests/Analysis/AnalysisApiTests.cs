namespace Kamino.Host.Tests.Analysis;

public sealed class AnalysisApiTests(SmallSalesServer fixture) : IClassFixture<SmallSalesServer>
{
    private const string Pareto = "api/workspaces/acme/analysis/pareto";

    private HttpClient Client => fixture.Api;

    [Fact]
    public async Task GetPareto_DefaultPeriod_ReturnsHandComputedFigures()
    {
        using var response = await Client.GetAsync(Pareto);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var r = json.RootElement;
        Assert.Equal("2023-07-01", r.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2024-06-30", r.GetProperty("period").GetProperty("to").GetString());
        Assert.Equal("EUR", r.GetProperty("currency").GetString());
        Assert.Equal(1000.00m, r.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(4, r.GetProperty("customerCount").GetInt32());
        Assert.Equal(2, r.GetProperty("paretoCount").GetInt32());
        Assert.Equal(0.85m, r.GetProperty("paretoRevenueShare").GetDecimal());
        Assert.Equal((2, 1, 1), (r.GetProperty("classes").GetProperty("a").GetInt32(), r.GetProperty("classes").GetProperty("b").GetInt32(), r.GetProperty("classes").GetProperty("c").GetInt32()));
        Assert.Equal(850m, r.GetProperty("classRevenue").GetProperty("a").GetDecimal());
        var concentration = r.GetProperty("concentration");
        Assert.Equal(0.6m, concentration.GetProperty("top1Share").GetDecimal());
        Assert.Equal(4350m, concentration.GetProperty("hhi").GetDecimal());
        Assert.Equal(2.30m, concentration.GetProperty("effectiveCustomers").GetDecimal());

        var customers = r.GetProperty("customers").EnumerateArray().ToList();
        Assert.Equal(["C1", "C2", "C3", "C4"], customers.Select(c => c.GetProperty("customerId").GetString()));
        Assert.Equal(["A", "A", "B", "C"], customers.Select(c => c.GetProperty("class").GetString()));
        Assert.Equal([true, true, false, false], customers.Select(c => c.GetProperty("pareto").GetBoolean()));
        Assert.Equal("Alpha Logística S.L.", customers[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetPareto_All_IncludesSalesBeforeTheDefaultPeriod()
    {
        using var json = JsonDocument.Parse(await Client.GetStringAsync(Pareto + "?all=true"));

        var r = json.RootElement;
        Assert.Equal("2023-06-30", r.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal(2000.00m, r.GetProperty("totalRevenue").GetDecimal());
        var first = r.GetProperty("customers")[0];
        Assert.Equal("C4", first.GetProperty("customerId").GetString());
        Assert.Equal(0.525m, first.GetProperty("share").GetDecimal());
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("?all=true", new[] { "--all" })]
    [InlineData("?from=2024-01-01&to=2024-03-31", new[] { "--from", "2024-01-01", "--to", "2024-03-31" })]
    [InlineData("?from=2023-09-01", new[] { "--from", "2023-09-01" })]
    [InlineData("?threshold=0.9", new[] { "--threshold", "0.9" })]
    [InlineData("?from=2025-01-01&to=2025-12-31", new[] { "--from", "2025-01-01", "--to", "2025-12-31" })]
    public async Task GetPareto_SameParameters_ReturnsExactlyTheCliJson(string query, string[] cliOptions)
    {
        var api = await Client.GetStringAsync(Pareto + query);
        var cli = await CliRunner.RunAsync(["accounts", "pareto", "--db", fixture.Server.Database.Target, "--workspace", SmallSalesServer.Workspace, "--format", "json", .. cliOptions]);

        Assert.True(cli.Exit == 0, cli.Error);
        Assert.Equal(cli.Out.TrimEnd(), api.TrimEnd());
    }

    [Fact]
    public async Task GetPareto_UnknownWorkspace_Returns404ProblemDetails()
    {
        using var response = await Client.GetAsync("api/workspaces/nobody/analysis/pareto");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("nobody", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?from=2024-13-01", "from")]
    [InlineData("?to=30/06/2024", "to")]
    [InlineData("?from=2024-06-01&to=2024-01-01", "from")]
    [InlineData("?threshold=0", "threshold")]
    [InlineData("?threshold=1.5", "threshold")]
    [InlineData("?threshold=abc", "threshold")]
    [InlineData("?all=true&from=2024-01-01", "all")]
    [InlineData("?all=maybe", "all")]
    public async Task GetPareto_BadParameter_Returns400ValidationProblem(string query, string parameter)
    {
        using var response = await Client.GetAsync(Pareto + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages), body);
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Theory]
    [InlineData(new[] { "--from", "2024-06-01", "--to", "2024-01-01" }, "--from 2024-06-01 is after --to 2024-01-01")]
    [InlineData(new[] { "--from", "2024-13-01" }, "--from: '2024-13-01' is not a date in the form yyyy-mm-dd")]
    [InlineData(new[] { "--threshold", "1.5" }, "--threshold: 1.5 is not a share between 0 (excluded) and 1")]
    [InlineData(new[] { "--all", "--to", "2024-01-01" }, "--all cannot be combined with --from or --to")]
    public async Task Cli_BadParameter_IsAUsageErrorWithTheSameRuleAsTheApi(string[] options, string message)
    {
        var cli = await CliRunner.RunAsync(["accounts", "pareto", "--db", fixture.Server.Database.Target, "--workspace", SmallSalesServer.Workspace, .. options]);

        Assert.Equal(2, cli.Exit);
        Assert.Equal(message, cli.Error.Trim());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheParetoEndpoint()
    {
        using var json = JsonDocument.Parse(await fixture.Server.Client.GetStringAsync("openapi/v1.json"));

        var get = json.RootElement.GetProperty("paths").GetProperty("/api/workspaces/{workspace}/analysis/pareto").GetProperty("get");
        var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["workspace", "from", "to", "all", "threshold", "customers"], parameters);
        var responses = get.GetProperty("responses").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("200", responses);
        Assert.Contains("400", responses);
        Assert.Contains("404", responses);
        Assert.True(json.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("ParetoReport", out _));
    }

    [Fact]
    public async Task ScalarReference_AnswersWithItsPageAndScript()
    {
        using var page = await fixture.Server.Client.GetAsync("scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);

        using var script = await fixture.Server.Client.GetAsync("scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
