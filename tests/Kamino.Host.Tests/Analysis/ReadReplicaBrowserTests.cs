using Kamino.Host.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Npgsql;

namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// Read-your-writes for a write made in an interactive page, which sets no cookie: with <c>--read-db</c> and the
/// standby's replay paused, a Director imports 500 through the import wizard (a Blazor circuit) and the dashboard
/// then shows 1,500 — the node kept the fence by user — while the standby still holds 1,000.
/// </summary>
public sealed class ReadReplicaBrowserTests(ReplicatedPostgres cluster) : ChromiumTests, IClassFixture<ReplicatedPostgres>
{
    private const string Director = "director@acme.test";

    [Fact]
    public async Task Dashboard_AfterAnImportInTheWizard_ShowsTheImportWhileTheStandbyIsPaused()
    {
        var (primary, standby) = await ReadReplicaApiTests.SeedAsync(cluster);
        await using var server = await KaminoTestServer.StartOnAsync(new KaminoDatabase(primary), "--" + ReadYourWrites.Setting, standby);
        await server.AddUserAsync(Director, Role.Director, "acme");
        var file = Path.Combine(Path.GetTempPath(), "kamino-replica-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(file, "invoice,date,customer_id,customer_name,net_amount\nE-1,2024-05-05,C5,Epsilon,500.00\n");
        await using var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, server.Address, "w/acme/import", Director, KaminoTestServer.Password);
        await page.Locator("[data-testid=import-wizard][data-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await cluster.CaughtUpAsync(cluster.Standby);

        await cluster.PauseReplayAsync();
        string dashboard;
        long onStandby;
        try
        {
            await page.GetByTestId("file-input").SetInputFilesAsync([file]);
            await page.GetByTestId("start-import").ClickAsync();
            await Expect(page.GetByTestId("results").Locator("tr[data-outcome=imported]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await page.GotoAsync(new Uri(server.Address, "w/acme").ToString());
            dashboard = await page.GetByTestId("total-revenue").InnerTextAsync();
            onStandby = await ReplicatedPostgres.ScalarAsync<long>(standby, "SELECT count(*) FROM sale_line");
        }
        finally
        {
            await cluster.ResumeReplayAsync();
            File.Delete(file);
            NpgsqlConnection.ClearAllPools();
        }

        Assert.Equal("€1,500.00", dashboard);
        Assert.Equal(6, onStandby);
    }
}
