using System.Reflection;
using Deque.AxeCore.Playwright;
using Kamino.Demo;
using Kamino.Host.Tests.Analysis;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.Web;

/// <summary>
/// Every page of the web app, opened by the demo's Director in a real Chromium: on a 390 px phone in Spanish and on
/// a laptop in English, each must fit the screen's width and pass the axe-core audit with no serious or critical
/// violation. The list of pages is checked against the app's routes, so a new page cannot be left out.
/// </summary>
[Trait("Category", "Slow")]
public sealed class EveryPageTests(DemoServer fixture) : IClassFixture<DemoServer>
{
    private static readonly string[] Impacts = ["serious", "critical"];

    /// <summary>The app's route templates and the path each is opened at (the demo's own ids for the parameters).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> PagesAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var workspace = await db.Workspaces.SingleAsync(w => w.Slug == DemoData.WorkspaceSlug);
        var order = await db.Orders.Where(o => o.WorkspaceId == workspace.Id).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var task = await db.Tasks.Where(t => t.WorkspaceId == workspace.Id).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var w = "/w/" + DemoData.WorkspaceSlug;
        var account = $"{w}/accounts/{DemoData.PizzaChainCustomerId}";
        return new Dictionary<string, string>
        {
            ["/"] = "/",
            ["/account/2fa"] = "/account/2fa",
            ["/account/login"] = "/account/login",
            ["/account/login-2fa"] = "/account/login-2fa",
            ["/account/password"] = "/account/password",
            ["/error"] = "/error",
            ["/invite/{Token}"] = "/invite/no-such-invitation",
            ["/not-found"] = "/not-found",
            ["/setup"] = "/setup",
            ["/w/{Workspace}"] = w,
            ["/w/{Workspace}/accounts/mine"] = $"{w}/accounts/mine",
            ["/w/{Workspace}/accounts/{Key}"] = account,
            ["/w/{Workspace}/accounts/{Key}/plan/print"] = $"{account}/plan/print",
            ["/w/{Workspace}/alerts"] = $"{w}/alerts",
            ["/w/{Workspace}/analysis/compare"] = $"{w}/analysis/compare",
            ["/w/{Workspace}/checkins"] = $"{w}/checkins",
            ["/w/{Workspace}/customers"] = $"{w}/customers",
            ["/w/{Workspace}/customers/portfolio"] = $"{w}/customers/portfolio",
            ["/w/{Workspace}/exports"] = $"{w}/exports",
            ["/w/{Workspace}/health"] = $"{w}/health",
            ["/w/{Workspace}/import"] = $"{w}/import",
            ["/w/{Workspace}/imports"] = $"{w}/imports",
            ["/w/{Workspace}/members"] = $"{w}/members",
            ["/w/{Workspace}/notifications"] = $"{w}/notifications",
            ["/w/{Workspace}/orders"] = $"{w}/orders",
            ["/w/{Workspace}/orders/approvals"] = $"{w}/orders/approvals",
            ["/w/{Workspace}/orders/new"] = $"{w}/orders/new",
            ["/w/{Workspace}/orders/{Number:long}"] = $"{w}/orders/{order}",
            ["/w/{Workspace}/settings/key-accounts"] = $"{w}/settings/key-accounts",
            ["/w/{Workspace}/settings/rates"] = $"{w}/settings/rates",
            ["/w/{Workspace}/tasks"] = $"{w}/tasks",
            ["/w/{Workspace}/tasks/{TaskId:long}"] = $"{w}/tasks/{task}",
            ["/w/{Workspace}/team/workload"] = $"{w}/team/workload",
            ["/workspaces/new"] = "/workspaces/new",
        };
    }

    [Fact]
    public async Task ThePageList_CoversEveryRouteOfTheApp()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Order(StringComparer.Ordinal)
            .ToList();

        var pages = await PagesAsync(fixture.Server.Database);

        Assert.Equal(routes, pages.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("es-ES", 390)]
    [InlineData("en-US", 1280)]
    public async Task EveryPage_FitsTheScreen_AndPassesTheAccessibilityAudit(string locale, int width)
    {
        await using var context = width <= 390
            ? await Support.Browser.PhoneAsync(fixture.Browser, locale)
            : await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var pages = await PagesAsync(fixture.Server.Database);

        // The sign-in page first, before signing in; then every page as the signed-in Director.
        var spanish = locale.StartsWith("es", StringComparison.Ordinal);
        await CheckAsync(page, pages["/account/login"], problems, spanish);
        await Support.Browser.FillSignInFormAsync(page, DemoServer.Director, fixture.Passwords[DemoServer.Director]);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        foreach (var path in pages.Where(p => p.Key != "/account/login").Select(p => p.Value))
        {
            await CheckAsync(page, path, problems, spanish);
        }

        Assert.True(problems.Count == 0, $"{locale} at {width} px:\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task Forms_WorkFromTheKeyboardAlone()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Server.Address, "/account/login").ToString());

        // Sign in: Tab to the email field, then each field in reading order, Enter on the button.
        await TabToAsync(page, "email");
        await page.Keyboard.TypeAsync(DemoServer.Director);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await FocusedAsync(page));
        await page.Keyboard.TypeAsync(fixture.Passwords[DemoServer.Director]);
        await TabToAsync(page, "sign-in");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        // A settings form: name, currency, tax ids, then the button, in that order; Enter saves.
        await page.GotoAsync(new Uri(fixture.Server.Address, $"/w/{DemoData.WorkspaceSlug}/settings/key-accounts").ToString());
        await TabToAsync(page, "workspace-name");
        foreach (var next in new[] { "workspace-currency", "workspace-tax-ids", "save-workspace" })
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal(next, await FocusedAsync(page));
        }

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("workspace-saved")).ToBeVisibleAsync();
    }

    private static Task<string?> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid')");

    /// <summary>Presses Tab until the element with <paramref name="testId"/> has the focus (fails after 80 presses).</summary>
    private static async Task TabToAsync(IPage page, string testId)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await FocusedAsync(page) == testId)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{testId} cannot be reached with Tab on {page.Url}");
    }

    private async Task CheckAsync(IPage page, string path, List<string> problems, bool spanish)
    {
        await page.GotoAsync(new Uri(fixture.Server.Address, path).ToString());
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // A page that keeps polling is audited as it stands.
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
        {
            problems.Add($"{path}: {overflow} px wider than the screen");
            var name = "every-page" + path.Replace('/', '-') + ".png";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, name), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        }

        if (spanish)
        {
            // Text the page marks as another language (lang="en": the language switcher's "English", recorded audit
            // details) is left out: the page says it is not Spanish.
            var text = await page.EvaluateAsync<string>("""
                () => {
                    const other = [...document.body.querySelectorAll('[lang]:not([lang^="es"])')];
                    const before = other.map(e => e.style.display);
                    other.forEach(e => e.style.display = 'none');
                    const text = document.body.innerText;
                    other.forEach((e, i) => e.style.display = before[i]);
                    return text;
                }
                """);
            foreach (var english in EnglishWords.In(text))
            {
                problems.Add($"{path}: English on a Spanish page: {english}");
            }
        }

        var audit = await page.RunAxe();
        foreach (var violation in audit.Violations.Where(v => Impacts.Contains(v.Impact)))
        {
            var where = string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html));
            problems.Add($"{path}: {violation.Impact} {violation.Id} ({violation.Nodes.Length}×): {violation.Help} — {where}");
        }
    }
}
