using Kamino.Backup;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.Backup;

/// <summary>
/// The backups section of the settings page in a real browser on a phone (issue 19 item 1): a Director sees "no backup
/// yet" until the first, then the last one verified, in Spanish; a KAM does not see the section.
/// </summary>
public abstract class BackupBrowserTests(TeamServer fixture) : ChromiumTests
{
    private const string Page = "w/acme/settings/key-accounts";

    [Fact]
    public async Task Director_SeesNoBackupYet_ThenTheLastVerifiedOne_AKamSeesNoSection()
    {
        await using (var db = fixture.Db())
        {
            await db.BackupRuns.ExecuteDeleteAsync();
        }

        var page = await NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, Page, TeamServer.Director, KaminoTestServer.Password);
        await Expect(page.GetByTestId("backup-none")).ToContainTextAsync("Aún no hay ninguna copia");

        var folder = Directory.CreateTempSubdirectory("kamino-backup-").FullName;
        var file = Path.Combine(folder, fixture.Server.Database.Provider == DatabaseProvider.Sqlite ? "kamino-now.db" : "kamino-now.dump");
        Assert.True((await Backups.TakeAsync(fixture.Server.Database, file, Backups.Api, "test", TimeProvider.System)).Ok);
        Directory.Delete(folder, recursive: true);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("backup-result")).ToHaveTextAsync("Verificada");
        await Expect(page.GetByTestId("backup-last")).ToContainTextAsync(Path.GetFileName(file));
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px phone");

        var kam = await NewPageAsync();
        await Support.Browser.SignInAsync(kam, fixture.Server.Address, Page, TeamServer.Kam1, KaminoTestServer.Password);
        await Expect(kam.GetByTestId("time-zone")).ToBeVisibleAsync();
        await Expect(kam.GetByTestId("backup-status")).ToHaveCountAsync(0);
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "es-ES", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        return await context.NewPageAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary><see cref="BackupBrowserTests"/> on SQLite.</summary>
public sealed class SqliteBackupBrowserTests(TeamServer fixture) : BackupBrowserTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="BackupBrowserTests"/> on PostgreSQL.</summary>
public sealed class PostgresBackupBrowserTests(PostgresTeamServer fixture) : BackupBrowserTests(fixture), IClassFixture<PostgresTeamServer>;
