using Microsoft.Playwright;
namespace Kamino.Host.Tests.Analysis;
public sealed class ZzDebug(DemoServer fixture) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task Dump()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 1400 } });
        var page = await context.NewPageAsync();
        var log = new List<string>();
        page.Console += (_, m) => log.Add("console: " + m.Text);
        page.PageError += (_, e) => log.Add("error: " + e);
        await page.GotoAsync(new Uri(fixture.Server.Address, "w/demo").ToString());
        await page.Locator("[data-testid=pareto-chart] svg").First.WaitForAsync();
        await Task.Delay(2000);
        var bar = await page.Locator("[data-testid=pareto-chart] .rz-column-series path").First.BoundingBoxAsync();
        log.Add($"bar {bar!.X} {bar.Y} {bar.Width} {bar.Height}");
        await page.Mouse.MoveAsync(bar.X + (bar.Width / 2), bar.Y - 200);
        await page.Mouse.MoveAsync(bar.X + (bar.Width / 2), bar.Y + (bar.Height / 2), new MouseMoveOptions { Steps = 10 });
        await Task.Delay(2000);
        log.Add(await page.EvaluateAsync<string>("() => { const c = document.querySelector('[data-testid=pareto-chart]'); return c.outerHTML.substring(0, 1500) + ' ... ' + [...document.querySelectorAll('[class*=tooltip]')].map(e => e.outerHTML.substring(0,300)).join('\\n'); }"));
        File.WriteAllText("/tmp/debug.txt", string.Join("\n", log));
    }
}
