using Microsoft.Playwright;

namespace Kamino.Host.Tests.Customers;

/// <summary>The customer grid as the browser tests drive it (<c>using static</c> in those classes).</summary>
internal static class AccountsGridPage
{
    public static async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        return await context.NewPageAsync();
    }

    /// <summary>The grid filters in the circuit: wait until it is interactive (and has its rows) before clicking.</summary>
    public static Task WaitForGridAsync(IPage page) =>
        page.Locator("[data-testid=accounts-grid][data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

    public static ILocator Rows(IPage page) => page.Locator("[data-testid=accounts-grid] tr[data-customer]");

    public static ILocator Row(IPage page, string key) => page.Locator($"[data-testid=accounts-grid] tr[data-customer='{key}']");
}

/// <summary>Reading the key-account list and detail as the API and <c>--format json</c> give them.</summary>
internal static class AccountsJson
{
    public static (string?, string?) Period(JsonElement report) =>
        (report.GetProperty("period").GetProperty("from").GetString(), report.GetProperty("period").GetProperty("to").GetString());

    /// <summary>Each customer of a list (the API's page: <c>items</c>; the CLI's whole list: <c>customers</c>): key, revenue, rank, class, revenue score.</summary>
    public static List<(string?, decimal, int, string?, decimal)> Rows(JsonElement list) =>
        (list.TryGetProperty("items", out var items) ? items : list.GetProperty("customers")).EnumerateArray()
            .Select(c => (c.GetProperty("key").GetString(), c.GetProperty("revenue").GetDecimal(), c.GetProperty("rank").GetInt32(), c.GetProperty("class").GetString(),
                c.GetProperty("revenueScore").GetDecimal()))
            .ToList();
}
