using Microsoft.Playwright;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// The import page in Spanish on a 390 px phone (issue 17 item 5): a file with a malformed row and bad values is
/// rejected with its problems grouped by kind, malformed rows first with their counts, each told in Spanish at its line
/// (in the preview too); the "download all problems" link gives the CSV, its reasons in Spanish; imported again with "import the valid rows" checked, the valid rows are stored, the rejected
/// ones can be downloaded and the history marks the import partial.
/// </summary>
public abstract class ImportProblemsBrowserTests(ImportServer fixture) : ChromiumTests
{
    private const string Csv =
        "invoice,date,customer_id,customer_name,net_amount,currency\n"
        + "WEB-1,2025-05-01,WEB-C1,Uno,10.00,EUR\nWEB-2,2025-13-01,WEB-C1,Uno,20.00,EUR\nWEB-3,2025-05-02\nWEB-4,2025-05-03,WEB-C2,Dos,x,EUR\nWEB-5,2025-05-04,WEB-C2,Dos,5.00,EUR\n";

    [Fact]
    public async Task Director_InSpanishOnAPhone_SeesGroupedProblems_DownloadsThem_AndImportsTheValidRows()
    {
        var file = Path.Combine(Path.GetTempPath(), $"web-problemas-{Guid.NewGuid():N}.csv");
        var name = Path.GetFileName(file);
        await File.WriteAllTextAsync(file, Csv);
        try
        {
            var before = await fixture.StateAsync();
            await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
            var page = await context.NewPageAsync();
            await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/import", ImportServer.Director, KaminoTestServer.Password);
            await page.Locator("[data-testid=import-wizard][data-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

            await page.GetByTestId("file-input").SetInputFilesAsync(file);
            await Expect(page.Locator("[data-testid=preview-problems] [data-testid=problem-group]").First).ToHaveAttributeAsync("data-kind", "Malformed");
            await Expect(page.Locator("[data-testid=preview-problems] [data-testid=result-problem]").First).ToHaveTextAsync($"{name}:4: 2 campos en lugar de 6");
            await Expect(page.GetByTestId("keep-valid")).Not.ToBeCheckedAsync();
            await page.GetByTestId("start-import").ClickAsync();

            var groups = page.Locator("[data-testid=result-problems] [data-testid=problem-group]");
            await Expect(groups).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Expect(groups.Nth(0)).ToHaveAttributeAsync("data-kind", "Malformed");
            await Expect(groups.Nth(0).Locator("summary")).ToHaveTextAsync("Filas mal formadas: 1");
            await Expect(groups.Nth(1).Locator("summary")).ToHaveTextAsync("Filas con un valor erróneo: 2");
            await Expect(page.Locator("[data-testid=result-problems] [data-testid=result-problem]")).ToHaveTextAsync(
                [$"{name}:4: 2 campos en lugar de 6", $"{name}:3: la fecha «2025-13-01» no es válida (aaaa-mm-dd o mm/dd/aaaa, dialecto en)", $"{name}:5: importe neto: «x» no es un número"]);
            await Expect(page.GetByTestId("download-problems")).ToHaveTextAsync("Descargar todos los problemas (CSV)");
            await Support.Browser.AssertFitsTheScreenAsync(page, "import-problems-es-390.png");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-problems").ClickAsync());
            var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
            Assert.Equal("file,line,kind,reason,row", lines[0]);
            Assert.Equal([3, 4, 5], lines[1..].Select(l => int.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal($"{name},3,BadValue,\"la fecha «2025-13-01» no es válida (aaaa-mm-dd o mm/dd/aaaa, dialecto en)\",\"WEB-2,2025-13-01,WEB-C1,Uno,20.00,EUR\"", lines[1]);
            Assert.Equal($"{name},5,BadValue,importe neto: «x» no es un número,\"WEB-4,2025-05-03,WEB-C2,Dos,x,EUR\"", lines[3]);
            Assert.Equal(before, await fixture.StateAsync());

            await page.GetByTestId("import-more").ClickAsync();
            await page.GetByTestId("file-input").SetInputFilesAsync(file);
            await page.GetByTestId("keep-valid").CheckAsync();
            await page.GetByTestId("start-import").ClickAsync();

            var row = page.Locator("[data-testid=results] tr").Nth(1);
            await Expect(row).ToHaveAttributeAsync("data-outcome", "imported", new() { Timeout = 30_000 });
            await Expect(row.GetByTestId("outcome")).ToContainTextAsync("3 filas rechazadas");
            var rejects = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-rejects").ClickAsync());
            var rejected = await File.ReadAllLinesAsync((await rejects.PathAsync())!);
            Assert.Equal(4, rejected.Length);
            Assert.Contains(",4,Malformed,", rejected[2], StringComparison.Ordinal);
            Assert.EndsWith(",\"WEB-3,2025-05-02\"", rejected[2], StringComparison.Ordinal);
            var after = await fixture.StateAsync();
            Assert.Equal((before.Lines + 2, before.Imports + 1, before.NetCents + 1500), after);

            await page.GotoAsync(new Uri(fixture.Server.Address, "w/acme/imports").ToString());
            await Expect(page.Locator("[data-testid=imports] [data-testid=partial]").Last).ToHaveTextAsync("parcial: 3 filas rechazadas");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary><see cref="ImportProblemsBrowserTests"/> on SQLite.</summary>
public sealed class SqliteImportProblemsBrowserTests(ImportServer fixture) : ImportProblemsBrowserTests(fixture), IClassFixture<ImportServer>;
