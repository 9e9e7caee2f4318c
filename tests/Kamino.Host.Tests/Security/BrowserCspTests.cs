using Kamino.Demo;
using Microsoft.Playwright;
using Cookie = Microsoft.Playwright.Cookie;

namespace Kamino.Host.Tests.Security;

/// <summary>ASVS 3.4.3 in a real browser: the dashboard, with its Radzen chart and live circuit, raises no CSP violation.</summary>
public sealed class BrowserCspTests : ChromiumTests
{
    private SecurityServer server = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        server = await SecurityServer.StartAsync();
        await DemoData.EnsureAsync(server.Database, TimeProvider.System, DemoData.DefaultLanguage);
        await server.AddUserAsync("viewer@demo.test", DemoData.WorkspaceSlug, Role.Viewer);
    }

    public override async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Asvs_3_4_3_Dashboard_RaisesNoSecurityPolicyViolation()
    {
        var cookie = (await server.CookieSignInAsync("viewer@demo.test")).Split('=', 2);
        var context = await Chromium.NewContextAsync();
        await context.AddCookiesAsync([new Cookie { Name = cookie[0], Value = cookie[1], Url = server.Address.ToString() }]);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");

        await page.GotoAsync(new Uri(server.Address, $"w/{DemoData.WorkspaceSlug}").ToString());
        await page.WaitForSelectorAsync("[data-testid=workspace-name]");
        // The chart is drawn by the interactive circuit (WebSocket, connect-src) with Radzen's inline styles.
        await page.Locator("[data-testid=pareto-chart] svg").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("[data-testid=pareto-chart] .rz-column-series path").First.HoverAsync();
        await page.Locator(".rz-chart-tooltip").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await page.Locator("button[data-culture=es]").ClickAsync();
        await page.WaitForSelectorAsync("html[lang=es]");
        await page.Locator("[data-testid=pareto-chart] svg").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var violations = await page.EvaluateAsync<string[]>("window.__csp");
        Assert.Empty(violations);
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
