using Kamino.Demo;
using Kamino.Host.Demo;
using Kamino.Host.Tests.Analysis;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.Demo;

/// <summary>
/// The demo shows the whole practice to each of its people: signed in on a 390 px phone in Spanish, every demo role
/// finds key accounts in "Mis cuentas" and open tasks in "Tareas", written in Spanish.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DemoRolesBrowserTests(DemoServer fixture) : IClassFixture<DemoServer>
{
    private const string Workspace = "/w/" + DemoData.WorkspaceSlug;

    [Theory]
    [InlineData(Role.Director, DemoData.PizzaChainCustomerId)]
    [InlineData(Role.LeadKam, "CLI-0002")]
    [InlineData(Role.Kam, DemoData.PizzaChainCustomerId)]
    [InlineData(Role.Collaborator, "CLI-0002")]
    public async Task DemoRole_SignedIn_FindsTheirAccountsAndOpenTasksOfTheirOwn(Role role, string account)
    {
        await using var context = await Support.Browser.PhoneAsync(fixture.Browser, "es-ES");
        var page = await SignedInAsync(context, role, $"{Workspace}/accounts/mine");

        await AssertAccountAsync(page, role, account);
        await page.GotoAsync(new Uri(fixture.Server.Address, $"{Workspace}/tasks").ToString());
        await AssertOpenTasksAsync(page, role);
    }

    [Fact]
    public async Task DemoViewer_ReadOnlyCannotBeGivenTasks_FindsTheirAccountAndItsTeamsOpenTasks()
    {
        await using var context = await Support.Browser.PhoneAsync(fixture.Browser, "es-ES");
        var page = await SignedInAsync(context, Role.Viewer, $"{Workspace}/accounts/mine");

        await AssertAccountAsync(page, Role.Viewer, "CLI-0002");
        await page.GotoAsync(new Uri(fixture.Server.Address, $"{Workspace}/tasks").ToString());
        await Assertions.Expect(page.GetByTestId("no-tasks")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(fixture.Server.Address, $"{Workspace}/tasks?tab=team").ToString());
        await AssertOpenTasksAsync(page, Role.Viewer);
    }

    private async Task<IPage> SignedInAsync(IBrowserContext context, Role role, string path)
    {
        var email = DemoUsers.People.Single(p => p.Role == role).Email;
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, path, email, fixture.Passwords[email]);
        return page;
    }

    private static async Task AssertAccountAsync(IPage page, Role role, string account)
    {
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mis cuentas");
        await Assertions.Expect(page.Locator($"[data-testid=my-accounts] tr[data-account='{account}']")).ToBeVisibleAsync();
        await Support.Browser.AssertFitsTheScreenAsync(page, $"demo-accounts-{role}.png");
    }

    private static async Task AssertOpenTasksAsync(IPage page, Role role)
    {
        var open = page.Locator("[data-testid=tasks] tbody tr").Filter(new() { Has = page.Locator("[data-testid=status]", new() { HasTextString = "Abierta" }) });
        Assert.True(await open.CountAsync() >= 1, $"{role}: no open task on {page.Url}");
        await Support.Browser.AssertFitsTheScreenAsync(page, $"demo-tasks-{role}.png");
        // The titles are the demo's; a next step's description is written by ActivityLog (DemoLanguageTests checks the demo's own).
        var titles = string.Join('\n', await page.Locator("[data-testid=tasks] tbody .title").AllInnerTextsAsync());
        Assert.True(EnglishWords.In(titles).Count == 0, $"{role}: English in the demo's tasks: " + string.Join(" | ", EnglishWords.In(titles)));
    }
}
