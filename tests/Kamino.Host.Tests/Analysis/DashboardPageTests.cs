using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Analysis;

/// <summary>The dashboard as served (static server rendering), read over HTTP without a browser.</summary>
public sealed partial class DashboardPageTests(SmallSalesServer fixture) : IClassFixture<SmallSalesServer>
{
    [Theory]
    [InlineData("es-ES,es;q=0.9", "Facturación total", "1.000,00 €", "Alpha Logística S.L.")]
    [InlineData("en-US,en;q=0.9", "Total revenue", "€1,000.00", "Alpha Logística S.L.")]
    [InlineData("de-DE", "Total revenue", "€1,000.00", "Alpha Logística S.L.")]
    public async Task Dashboard_BrowserLanguage_ChoosesTextAndMoneyFormat(string acceptLanguage, string label, string total, string topCustomer)
    {
        var (status, html) = await GetAsync("w/acme", acceptLanguage);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(label, html, StringComparison.Ordinal);
        Assert.Equal(total, TestId(html, "total-revenue"));
        Assert.Contains(topCustomer, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_AllDates_CountsEverySale()
    {
        var (status, html) = await GetAsync("w/acme?all=true", "en-US");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("€2,000.00", TestId(html, "total-revenue"));
        Assert.Equal("6/30/2023 to 6/30/2024", TestId(html, "period"));
    }

    [Fact]
    public async Task Dashboard_ParetoRows_AreMarkedWithTheirClass()
    {
        var (_, html) = await GetAsync("w/acme", "en-US");

        var rows = CustomerRow().Matches(html).Select(m => (Id: m.Groups["id"].Value, Class: m.Groups["class"].Value, Pareto: m.Groups["pareto"].Value)).ToList();
        Assert.Equal([("C1", "A", "true"), ("C2", "A", "true"), ("C3", "B", "false"), ("C4", "C", "false")], rows);
    }

    [Fact]
    public async Task Dashboard_UnknownWorkspace_Is404()
    {
        var (status, html) = await GetAsync("w/nobody", "en-US");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("There is no workspace 'nobody'.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_IsA404Page()
    {
        var (status, html) = await GetAsync("no/such/page", "es-ES");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No hay nada en esta dirección.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_BadPeriod_SaysWhyAndShowsTheDefault()
    {
        var (status, html) = await GetAsync("w/acme?from=2024-06-01&to=2024-01-01", "es-ES");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("La fecha de inicio es posterior a la de fin.", html, StringComparison.Ordinal);
        Assert.Equal("1.000,00 €", TestId(html, "total-revenue"));
    }

    [Fact]
    public async Task Root_RedirectsToTheUsersWorkspace()
    {
        using var response = await fixture.Pages.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/w/acme", new Uri(fixture.Server.Address, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Dashboard_StylesAndScripts_AreServed()
    {
        var (_, html) = await GetAsync("w/acme", "en-US");
        var assets = Asset().Matches(html).Select(m => m.Groups["url"].Value).ToList();

        Assert.Contains(assets, a => a.StartsWith("_content/Radzen.Blazor/css/", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_content/Radzen.Blazor/Radzen.Blazor", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_framework/blazor.web", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("app.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("Kamino.Host.", StringComparison.Ordinal) && a.EndsWith(".styles.css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await fixture.Server.Client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, asset);
        }
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await fixture.Pages.SendAsync(request);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static string TestId(string html, string id)
    {
        var match = Regex.Match(html, $"data-testid=\"{id}\"[^>]*>(?<text>[^<]*)<");
        Assert.True(match.Success, $"no element data-testid={id}");
        return match.Groups["text"].Value.Trim();
    }

    [GeneratedRegex("data-customer=\"(?<id>[^\"]+)\" data-class=\"(?<class>[ABC])\" data-pareto=\"(?<pareto>true|false)\"")]
    private static partial Regex CustomerRow();

    [GeneratedRegex("(?:href|src)=\"(?<url>(?:_content|_framework|app\\.|Kamino\\.Host\\.)[^\"]+\\.(?:css|js))\"")]
    private static partial Regex Asset();
}
