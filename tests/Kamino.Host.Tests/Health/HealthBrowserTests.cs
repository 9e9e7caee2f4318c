using Kamino.Activities;
using static Microsoft.Playwright.Assertions;

namespace Kamino.Host.Tests.Health;

/// <summary>
/// Health in the browser, on a phone (390 px), in Spanish: the account page's parts with their reasons, the portfolio
/// health page worst first with a link per account, and the health weights on the settings page (a Director saves
/// them, a wrong sum is shown next to it, a KAM only reads them). C2 gets a check-in with CSAT 5 yesterday; C1 was
/// never contacted, so it is the worse of the two.
/// </summary>
public sealed class HealthBrowserTests(TeamServer fixture) : ChromiumTests, IClassFixture<TeamServer>
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = fixture.Db();
        var ws = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        if (await db.Activities.AnyAsync(a => a.WorkspaceId == ws))
        {
            return;
        }

        var c2 = await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == "C2").Select(c => c.Id).SingleAsync();
        var at = TimeProvider.System.GetUtcNow().AddDays(-1);
        db.Activities.Add(new Activity
        {
            WorkspaceId = ws, Id = await db.NextIdAsync(db.Activities, ws), CustomerId = c2, Type = ActivityType.Visit, IsCheckin = true, Csat = 5,
            Summary = "Visita", At = at, CreatedAt = at,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Kam_OnAPhone_SeesTheWorstAccountFirst_OpensIt_ReadsEachPartsReason()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/health?tab=workspace", TeamServer.Kam1, KaminoTestServer.Password);

        var rows = page.Locator("table[data-testid=health] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-account", "C1");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-account", "C2");
        await Expect(rows.Nth(0).GetByTestId("health-main-reason")).ToHaveTextAsync("Nunca contactado.");
        await Expect(rows.Nth(1).GetByTestId("health-badge")).ToHaveTextAsync("100 · Verde");
        await Support.Browser.AssertFitsTheScreenAsync(page, "health-phone.png");

        await rows.Nth(0).GetByTestId("health-account").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/w/acme/accounts/C1$"));
        var health = page.GetByTestId("account-health");
        await Expect(health.GetByTestId("health-badge")).ToHaveAttributeAsync("data-band", "amber");
        await Expect(health.GetByTestId("health-badge")).ToContainTextAsync("Ámbar");
        var parts = health.GetByTestId("health-part");
        await Expect(parts).ToHaveCountAsync(4);
        await Expect(health.Locator("[data-part=freshness] [data-testid=health-points]")).ToHaveTextAsync("0 de 35 puntos");
        await Expect(health.Locator("[data-part=freshness] [data-testid=health-reason]")).ToHaveTextAsync("Nunca contactado.");
        await Expect(health.Locator("[data-part=satisfaction] [data-testid=health-reason]")).ToHaveTextAsync("Aún sin CSAT.");
        await Expect(health.Locator("[data-part=overdueTasks] [data-testid=health-reason]")).ToHaveTextAsync("Sin tareas vencidas.");
        await Support.Browser.AssertFitsTheScreenAsync(page, "health-account-phone.png");
    }

    [Fact]
    public async Task Settings_DirectorSavesTheWeights_AWrongSumIsShownAndNotSaved_AKamOnlyReads()
    {
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/settings/key-accounts", TeamServer.Director, KaminoTestServer.Password);
        var section = page.GetByTestId("health-weights");
        await Expect(section.GetByTestId("health-weights-sum")).ToHaveTextAsync("Suma: 100 de 100");

        await section.GetByTestId("health-freshness").FillAsync("50");
        await section.GetByTestId("save-health-weights").ClickAsync();
        await Expect(section.GetByTestId("health-weights-sum-error")).ToHaveTextAsync("Los cuatro pesos deben sumar 100 (ahora 115).");
        await Expect(section.GetByTestId("health-freshness")).ToHaveValueAsync("50");
        await using (var db = fixture.Db())
        {
            Assert.Equal(35, await db.Workspaces.Where(w => w.Slug == TeamServer.Slug).Select(w => w.HealthWeightFreshness).SingleAsync());
        }

        try
        {
            await section.GetByTestId("health-freshness").FillAsync("40");
            await section.GetByTestId("health-tasks").FillAsync("5");
            await section.GetByTestId("save-health-weights").ClickAsync();
            await Expect(section.GetByTestId("health-weights-saved")).ToBeVisibleAsync();
            await Expect(section.GetByTestId("health-freshness")).ToHaveValueAsync("40");
            await Support.Browser.AssertFitsTheScreenAsync(page, "health-weights-phone.png");

            await using var kamContext = await Support.Browser.PhoneAsync(Chromium, "es-ES");
            var kamPage = await kamContext.NewPageAsync();
            await Support.Browser.SignInAsync(kamPage, fixture.Server.Address, "w/acme/settings/key-accounts", TeamServer.Kam1, KaminoTestServer.Password);
            var readOnly = kamPage.GetByTestId("health-weights");
            await Expect(readOnly.GetByTestId("health-freshness-value")).ToHaveTextAsync("40");
            await Expect(readOnly.GetByTestId("health-tasks-value")).ToHaveTextAsync("5");
            await Expect(readOnly.GetByTestId("health-weights-form")).ToHaveCountAsync(0);
        }
        finally
        {
            await using var db = fixture.Db();
            // Through the change tracker, so the kept answers that read the weights are dropped (SalesCache).
            var ws = await db.Workspaces.SingleAsync(w => w.Slug == TeamServer.Slug);
            (ws.HealthWeightFreshness, ws.HealthWeightTasks) = (35, 10);
            await db.SaveChangesAsync();
        }
    }
}
