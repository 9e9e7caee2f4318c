using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// The import page in a real browser: two files uploaded at once, the amount column of one mapped by hand in the
/// preview, the import, the result naming the rejected line of the other as file:line, and the history.
/// </summary>
public abstract class ImportBrowserTests(ImportServer fixture) : ChromiumTests
{

    [Fact]
    public async Task Director_UploadsTwoFiles_MapsTheAmountColumn_Imports_AndSeesTheRejectedLineAndTheHistory()
    {
        var before = await fixture.StateAsync();
        await using var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/import", ImportServer.Director, KaminoTestServer.Password);
        // The controls respond once the interactive circuit is up.
        await page.Locator("[data-testid=import-wizard][data-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        await page.GetByTestId("file-input").SetInputFilesAsync([ImportServer.Sample("ventas-facturado.csv"), ImportServer.Sample("sales-bad-date.csv")]);

        var ventas = page.Locator("[data-testid=file-preview][data-file='ventas-facturado.csv']");
        var bad = page.Locator("[data-testid=file-preview][data-file='sales-bad-date.csv']");
        await Expect(ventas.GetByTestId("preview-problems")).ToContainTextAsync("no net amount column");
        await Expect(ventas.GetByTestId("read-as")).ToContainTextAsync("delimiter ;");
        await Expect(bad.GetByTestId("preview-problems")).ToContainTextAsync("sales-bad-date.csv:3:");
        await Expect(bad.Locator("[data-testid=preview-rows] tbody tr")).ToHaveCountAsync(2);

        await ventas.GetByTestId("map-netAmount").SelectOptionAsync("Facturado");

        await Expect(ventas.Locator("[data-testid=preview-rows] tbody tr")).ToHaveCountAsync(3);
        await Expect(ventas.GetByTestId("preview-problems")).ToHaveCountAsync(0);
        await Expect(ventas.GetByTestId("read-as")).ToContainTextAsync("dialect es");
        await Expect(ventas.Locator("tr[data-line='2'] [data-testid=net]")).ToHaveTextAsync("1,234.50");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "import-preview.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        await page.GetByTestId("start-import").ClickAsync();

        var results = page.GetByTestId("results");
        await Expect(results.Locator("tr[data-file='ventas-facturado.csv']")).ToHaveAttributeAsync("data-outcome", "imported", new() { Timeout = 30_000 });
        await Expect(results.Locator("tr[data-file='ventas-facturado.csv'] [data-testid=added]")).ToHaveTextAsync("3");
        await Expect(results.Locator("tr[data-file='sales-bad-date.csv']")).ToHaveAttributeAsync("data-outcome", "rejected");
        await Expect(page.GetByTestId("result-problem")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("result-problem")).ToContainTextAsync("sales-bad-date.csv:3: ");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "import-result.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        var after = await fixture.StateAsync();
        Assert.Equal(before.Lines + 3, after.Lines);
        Assert.Equal(before.Imports + 1, after.Imports);
        Assert.Equal(before.NetCents + 163440, after.NetCents);

        // Something was imported: the analysis is the main way on, the history beside it.
        await Expect(page.GetByTestId("result-analysis")).ToHaveAttributeAsync("href", "/w/acme");
        await Expect(page.GetByTestId("result-analysis")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rz-primary"));
        await page.GetByTestId("result-history").ClickAsync();
        await page.WaitForURLAsync(new Uri(fixture.Server.Address, "w/acme/imports").ToString());
        var row = page.Locator("[data-testid=imports] tr[data-file='ventas-facturado.csv']");
        await Expect(row.GetByTestId("added")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-testid=imports] tr[data-file='sales-bad-date.csv']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Director_UploadsWhileAnotherImportRuns_IsToldToWait_ThenUploadsWhenItEnds()
    {
        int workspaceId;
        await using (var db = fixture.Server.Database.CreateDbContext())
        {
            workspaceId = await db.Workspaces.Where(w => w.Slug == ImportServer.Slug).Select(w => w.Id).SingleAsync();
        }

        await using var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "es-ES" });
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/import", ImportServer.Director, KaminoTestServer.Password);
        await page.Locator("[data-testid=import-wizard][data-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var gate = fixture.Server.Services.GetRequiredService<Kamino.Host.Import.ImportGate>();

        using (var running = gate.TryEnter(workspaceId))
        {
            Assert.NotNull(running);
            await page.GetByTestId("file-input").SetInputFilesAsync([ImportServer.Sample("ventas-facturado.csv")]);
            await Expect(page.GetByTestId("wizard-problem")).ToContainTextAsync("Hay otra importación en curso");
            await Expect(page.GetByTestId("file-preview")).ToHaveCountAsync(0);
        }

        // Another file: the browser raises no change event for the same selection twice.
        await page.GetByTestId("file-input").SetInputFilesAsync([ImportServer.Sample("sales-bad-date.csv")]);
        await Expect(page.GetByTestId("file-preview")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("wizard-problem")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Kam_SeesNoUploadControls_NorUndo()
    {
        using (var api = await fixture.Server.BearerClientAsync(ImportServer.Director))
        using (var form = new MultipartFormDataContent { { new StringContent("invoice,date,customer_id,net_amount\nKAMV-1,2025-05-05,V1,5.00\n"), "files", "kam-visible.csv" } })
        using (var imported = await api.PostAsync("api/workspaces/acme/imports", form))
        {
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        await using var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/import", ImportServer.Kam, KaminoTestServer.Password);

        await Expect(page.GetByTestId("import-not-allowed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("file-input")).ToHaveCountAsync(0);
        await page.GotoAsync(new Uri(fixture.Server.Address, "w/acme/imports").ToString());
        await Expect(page.Locator("[data-testid=imports] tr[data-file='kam-visible.csv']")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("undo")).ToHaveCountAsync(0);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary><see cref="ImportBrowserTests"/> on SQLite.</summary>
public sealed class SqliteImportBrowserTests(ImportServer fixture) : ImportBrowserTests(fixture), IClassFixture<ImportServer>;

/// <summary><see cref="ImportBrowserTests"/> on PostgreSQL.</summary>
public sealed class PostgresImportBrowserTests(PostgresImportServer fixture) : ImportBrowserTests(fixture), IClassFixture<PostgresImportServer>;
