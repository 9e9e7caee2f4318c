using System.Text.RegularExpressions;
using Kamino.Demo;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.Analysis;

/// <summary>The dashboard of the demo in a real browser: chart, key accounts, languages and formats.</summary>
[Trait("Category", "Slow")]
public sealed partial class DashboardBrowserTests(DemoServer fixture) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task Dashboard_Spanish_ShowsChartKeyAccountsAndSpanishMoney_ThenSwitchesToEnglish()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "es-ES",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1600 },
        });
        var page = await context.NewPageAsync();

        await OpenDashboardAsync(page);

        Assert.Equal(DemoData.CompanyName, await page.GetByTestId("workspace-name").InnerTextAsync());
        await Expect(page.Locator("main")).ToContainTextAsync("Facturación total");
        Assert.Matches(SpanishMoney(), await page.GetByTestId("total-revenue").InnerTextAsync());
        await AssertChartAsync(page);
        await AssertKeyAccountsAsync(page);
        Assert.Matches(SpanishMoney(), await PizzaRow(page).Locator("td.money").InnerTextAsync());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "dashboard-es.png"), Animations = ScreenshotAnimations.Disabled });

        await page.Locator("button[data-culture=en]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/w/demo$"));
        await Expect(page.Locator("main")).ToContainTextAsync("Total revenue");
        Assert.Matches(EnglishMoney(), await page.GetByTestId("total-revenue").InnerTextAsync());
        Assert.Contains(await context.CookiesAsync(), c => c.Name == ".AspNetCore.Culture" && Uri.UnescapeDataString(c.Value) == "c=en|uic=en");
        await AssertChartAsync(page);
    }

    [Fact]
    public async Task Dashboard_English_FormatsMoneyInEnglish_ThenSwitchesToSpanish()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1400 },
        });
        var page = await context.NewPageAsync();

        await OpenDashboardAsync(page);

        await Expect(page.Locator("main")).ToContainTextAsync("Total revenue");
        Assert.Matches(EnglishMoney(), await page.GetByTestId("total-revenue").InnerTextAsync());
        Assert.Matches(EnglishMoney(), await PizzaRow(page).Locator("td.money").InnerTextAsync());
        await AssertChartAsync(page);
        await AssertKeyAccountsAsync(page);
        Assert.Contains("The bars show the 30 largest of", await page.GetByTestId("top-n-note").InnerTextAsync(), StringComparison.Ordinal);

        // Interactive part: hovering the first bar shows the customer in a tooltip rendered by the circuit.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "dashboard.png"), Animations = ScreenshotAnimations.Disabled });

        // Radzen tracks the mouse once it has entered the chart: glide in from outside rather than jump.
        var bar = await page.Locator("[data-testid=pareto-chart] .rz-column-series path").First.BoundingBoxAsync();
        Assert.NotNull(bar);
        await page.Mouse.MoveAsync(bar.X + (bar.Width / 2), bar.Y - 200);
        await page.Mouse.MoveAsync(bar.X + (bar.Width / 2), bar.Y + (bar.Height / 2), new MouseMoveOptions { Steps = 10 });
        await Expect(page.Locator(".rz-chart-tooltip")).ToContainTextAsync(DemoData.PizzaChainName);


        await page.Locator("button[data-culture=es]").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Facturación total");
        Assert.Matches(SpanishMoney(), await page.GetByTestId("total-revenue").InnerTextAsync());
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
    }

    [Fact]
    public async Task Dashboard_PeriodControls_ChangeThePeriodAndTheFigures()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await OpenDashboardAsync(page);
        var en = CultureInfo.GetCultureInfo("en");

        await page.GetByTestId("all-dates").ClickAsync();
        await page.WaitForURLAsync(new Regex("/w/demo\\?all=true$"));
        var all = await ApiTotalAsync("?all=true");
        await Expect(page.GetByTestId("total-revenue")).ToHaveTextAsync(all.ToString("C2", Euro(en)));
        await Expect(page.Locator("[data-testid=pareto-chart] .rz-column-series path")).ToHaveCountAsync(30);

        var last = DemoData.LastDay(TimeProvider.System);
        var from = last.AddMonths(-3).AddDays(1);
        await page.Locator("input[name=from]").FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("input[name=to]").FillAsync(last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("form.period-form button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(new Regex("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        await Expect(page.GetByTestId("period")).ToHaveTextAsync($"{from.ToString("d", en)} to {last.ToString("d", en)}");
        var quarter = await ApiTotalAsync($"?from={from:yyyy-MM-dd}&to={last:yyyy-MM-dd}");
        Assert.True(quarter < all);
        await Expect(page.GetByTestId("total-revenue")).ToHaveTextAsync(quarter.ToString("C2", Euro(en)));
    }

    [Fact]
    public async Task Dashboard_OnAPhone_FitsTheScreenWidth()
    {
        await using var context = await Support.Browser.PhoneAsync(fixture.Browser, "es-ES");
        var page = await context.NewPageAsync();

        await OpenDashboardAsync(page);
        await AssertChartAsync(page);

        await Support.Browser.AssertFitsTheScreenAsync(page, "dashboard-phone.png");
    }

    private async Task OpenDashboardAsync(IPage page)
    {
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/demo", DemoServer.Director, fixture.Passwords[DemoServer.Director]);
        // The chart is drawn once the interactive circuit is up: Blazor is ready after this.
        await page.Locator("[data-testid=pareto-chart] svg").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
    }

    private static async Task AssertChartAsync(IPage page)
    {
        var chart = page.Locator("[data-testid=pareto-chart]");
        await Expect(chart.Locator("svg").First).ToBeVisibleAsync();
        await Expect(chart.Locator(".rz-column-series path")).ToHaveCountAsync(30);
        await Expect(chart.Locator(".rz-line-series path").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=pareto-curve] svg").First).ToBeVisibleAsync();
    }

    private static async Task AssertKeyAccountsAsync(IPage page)
    {
        var pizza = PizzaRow(page);
        await Expect(pizza).ToHaveAttributeAsync("data-pareto", "true");
        await Expect(pizza).ToHaveAttributeAsync("data-class", "A");
        await Expect(pizza).ToContainTextAsync(DemoData.PizzaChainName);
        await Expect(pizza.Locator(".star")).ToBeVisibleAsync();
        Assert.True(await page.Locator("tr[data-class=A]").CountAsync() >= 5);
        // The first 50 of about 300 customers, and the way to all of them.
        await Expect(page.Locator("[data-testid=customers] tr[data-customer]")).ToHaveCountAsync(Kamino.Host.Analysis.Dashboard.ListedCustomers);
        await Expect(page.GetByTestId("all-customers-link")).ToHaveAttributeAsync("href", new Regex("^/w/demo/customers"));
    }

    private async Task<decimal> ApiTotalAsync(string query)
    {
        using var api = await fixture.Server.BearerClientAsync(DemoServer.Director, fixture.Passwords[DemoServer.Director]);
        using var json = JsonDocument.Parse(await api.GetStringAsync("api/workspaces/demo/analysis/pareto" + query));
        return json.RootElement.GetProperty("totalRevenue").GetDecimal();
    }

    private static NumberFormatInfo Euro(CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return format;
    }

    private static ILocator PizzaRow(IPage page) => page.Locator($"tr[data-customer='{DemoData.PizzaChainCustomerId}']");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    // es-ES: 1.234,56 € ; en: €1,234.56
    [GeneratedRegex(@"^\d{1,3}(\.\d{3})*,\d{2}\s€$")]
    private static partial Regex SpanishMoney();

    [GeneratedRegex(@"^€\d{1,3}(,\d{3})*\.\d{2}$")]
    private static partial Regex EnglishMoney();
}
