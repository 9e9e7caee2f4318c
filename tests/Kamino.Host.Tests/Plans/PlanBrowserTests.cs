using Microsoft.Playwright;

namespace Kamino.Host.Tests.Plans;

/// <summary>The plan section of the account page and its print view in a real browser over <see cref="TeamServer"/> (C1 owned by KAM 1, C2 by KAM 2).</summary>
public sealed class PlanBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    [Fact]
    public async Task KamOnAPhone_AddsAnObjective_LinksATask_ChangesItsStatus_AndSeesProgress_InSpanish()
    {
        var task = await fixture.TaskAsync("Presupuesto de 20 motos", TeamServer.Kam1, TeamServer.Kam1, TeamServer.Today.AddDays(7), "C1");
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C1", TeamServer.Kam1, KaminoTestServer.Password);
        var section = page.GetByTestId("plan");
        await Expect(section.GetByTestId("no-objectives")).ToBeVisibleAsync();

        var add = section.GetByTestId("objective-add-form");
        await add.GetByTestId("objective-area-input").SelectOptionAsync("Sales");
        await add.GetByTestId("objective-title-input").FillAsync("Flota de 60 motos");
        await add.GetByTestId("objective-target-input").FillAsync("60");
        await add.GetByTestId("save-objective").ClickAsync();
        await Expect(page.GetByTestId("plan-done")).ToHaveTextAsync("Objetivo añadido.");
        var objective = page.GetByTestId("plan").GetByTestId("objective");
        await Expect(objective.GetByTestId("objective-title")).ToHaveTextAsync("Flota de 60 motos");
        await Expect(objective.GetByTestId("objective-area")).ToHaveTextAsync("Ventas");
        await Expect(objective.GetByTestId("objective-status")).ToHaveTextAsync("Sin empezar");

        await objective.GetByTestId("link-task-input").SelectOptionAsync(task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await objective.GetByTestId("link-task").ClickAsync();
        await Expect(page.GetByTestId("plan-done")).ToHaveTextAsync("Tarea vinculada.");
        await Expect(page.GetByTestId("objective").GetByTestId("objective-progress")).ToContainTextAsync("0 de 1 acciones hechas (0 %)");

        await page.GetByTestId("objective").GetByTestId("objective-status-input").SelectOptionAsync("AtRisk");
        await page.GetByTestId("objective").GetByTestId("set-status").ClickAsync();
        await Expect(page.GetByTestId("plan-done")).ToHaveTextAsync("Estado cambiado.");
        await Expect(page.GetByTestId("objective").GetByTestId("objective-status")).ToHaveTextAsync("En riesgo");
        await Support.Browser.AssertFitsTheScreenAsync(page, "account-plan-phone.png");

        await using (var db = fixture.Db())
        {
            var stored = await db.Tasks.SingleAsync(t => t.Id == task.Id);
            Assert.NotNull(stored.ObjectiveId);
            Assert.Equal(Kamino.Plans.ObjectiveStatus.AtRisk, (await db.PlanObjectives.SingleAsync(o => o.Id == stored.ObjectiveId)).Status);
        }

        await using (var db = fixture.Db())
        {
            await Kamino.WorkTasks.Tasks.CompleteAsync(db, await fixture.WorkspaceIdAsync(TeamServer.Slug), task.Id, await fixture.UserIdAsync(TeamServer.Kam1), TimeProvider.System);
        }

        await page.ReloadAsync();
        await Expect(page.GetByTestId("objective").GetByTestId("objective-progress")).ToContainTextAsync("1 de 1 acciones hechas (100 %)");

        await page.GetByTestId("plan-print").ClickAsync();
        await Expect(page.GetByTestId("print-objectives")).ToContainTextAsync("Flota de 60 motos");
        await Expect(page.GetByTestId("print-objectives")).ToContainTextAsync("En riesgo");
        await Support.Browser.AssertFitsTheScreenAsync(page, "account-plan-print-phone.png");
    }

    [Fact]
    public async Task OwnerOnADesktop_EditsTheSituation_ViewerOfAnotherAccountOnlyReads_InEnglish()
    {
        var page = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/accounts/C2", TeamServer.Kam2, KaminoTestServer.Password);
        var form = page.GetByTestId("plan-situation-form");
        await form.GetByTestId("plan-strengths-input").FillAsync("Loyal riders");
        await form.GetByTestId("plan-threats-input").FillAsync("Scooter rival");
        await form.GetByTestId("save-situation").ClickAsync();
        await Expect(page.GetByTestId("plan-done")).ToHaveTextAsync("Plan saved.");
        await Expect(page.GetByTestId("plan-strengths-input")).ToHaveValueAsync("Loyal riders");

        var add = page.GetByTestId("objective-add-form");
        await add.GetByTestId("objective-area-input").SelectOptionAsync("Marketing");
        await add.GetByTestId("objective-title-input").FillAsync("Co-branded jackets");
        await add.GetByTestId("objective-status-field").SelectOptionAsync("OnTrack");
        await add.GetByTestId("save-objective").ClickAsync();
        await Expect(page.GetByTestId("objective").GetByTestId("objective-status")).ToHaveTextAsync("On track");
        await Expect(page.GetByTestId("objective").GetByTestId("objective-progress")).ToContainTextAsync("No actions yet");
        await Support.Browser.AssertFitsTheScreenAsync(page, "account-plan-desktop.png");

        var viewer = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" })).NewPageAsync();
        await Support.Browser.SignInAsync(viewer, fixture.Server.Address, "w/acme/accounts/C2", TeamServer.Kam1, KaminoTestServer.Password);
        await Expect(viewer.GetByTestId("plan-situation")).ToContainTextAsync("Scooter rival");
        await Expect(viewer.GetByTestId("objective-title")).ToHaveTextAsync("Co-branded jackets");
        Assert.Equal(0, await viewer.GetByTestId("objective-add-form").CountAsync());
        Assert.Equal(0, await viewer.GetByTestId("set-status").CountAsync());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
