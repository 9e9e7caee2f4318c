using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// Issue 18 through the four doors: a Facturae whose seller tax id has a wrong check digit is imported with a warning
/// that <c>kamino import</c> (table, JSON, CSV), the API and the import page (Spanish, 390 px) show and count; a
/// Facturae 3.1 file is refused naming its version. The samples are those of tests/Kamino.Tests/Import/EInvoiceSamples.
/// </summary>
public static class EInvoiceSamples
{
    public const string SellerCheckDigit = "facturae-seller-check-digit.xml";
    public const string Facturae31 = "facturae-3.1.xml";
    public const string WarningText = "/Facturae/Parties/SellerParty/TaxIdentification/TaxIdentificationNumber: the seller's tax id 'B28015866' is not a valid Spanish tax id";
    public const string Version31Text = "Facturae 3.1 is not supported (3.2, 3.2.1, 3.2.2 are)";

    public static string Path(string name) => System.IO.Path.Combine(RepoPaths.Root, "tests", "Kamino.Tests", "Import", "EInvoiceSamples", name);
}

public sealed class ImportWarningsCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kamino-warnings-").FullName;

    private string Db => Path.Combine(dir, "w.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Import_SellerTaxIdWithWrongCheckDigit_ImportedAndTheWarningShownAndCounted()
    {
        var file = EInvoiceSamples.Path(EInvoiceSamples.SellerCheckDigit);

        var table = await CliRunner.RunAsync("import", file, "--db", Db, "--workspace", "acme", "--dry-run");
        var json = await CliRunner.RunAsync("import", file, "--db", Db, "--workspace", "acme", "--format", "json");
        var csv = await CliRunner.RunAsync("import", file, "--db", Db, "--workspace", "acme", "--format", "csv");

        Assert.Equal(0, table.Exit);
        Assert.Contains($"{EInvoiceSamples.SellerCheckDigit}: 1 warning (they do not stop the import):", table.Error, StringComparison.Ordinal);
        Assert.Matches($@"{EInvoiceSamples.SellerCheckDigit}:\d+: {System.Text.RegularExpressions.Regex.Escape(EInvoiceSamples.WarningText)}", table.Error);
        Assert.Contains("1 new customers; 1 warning", table.Out, StringComparison.Ordinal);

        Assert.Equal(0, json.Exit);
        var result = JsonNode.Parse(json.Out)!.AsArray().Single()!;
        Assert.True((bool)result["imported"]!);
        Assert.Equal(1, (int)result["warningCount"]!);
        var warning = result["warnings"]!.AsArray().Single()!.AsObject();
        Assert.StartsWith(EInvoiceSamples.WarningText, (string?)warning["reason"], StringComparison.Ordinal);
        Assert.False(warning.ContainsKey("sellerTaxId"));

        // Already imported the second time: the warning is still said.
        Assert.Equal(0, csv.Exit);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",linesRejected,warnings", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",0,1", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Facturae31_Exit3NamingTheVersion()
    {
        var run = await CliRunner.RunAsync("import", EInvoiceSamples.Path(EInvoiceSamples.Facturae31), "--db", Db, "--workspace", "acme");

        Assert.Equal(3, run.Exit);
        Assert.Contains($"{EInvoiceSamples.Facturae31}: {EInvoiceSamples.Version31Text}", run.Error, StringComparison.Ordinal);
    }
}

public abstract class ImportWarningsApiTests(ImportServer fixture)
{
    private const string Imports = "api/workspaces/acme/imports";

    private static MultipartFormDataContent Form(string sample)
    {
        var part = new ByteArrayContent(File.ReadAllBytes(EInvoiceSamples.Path(sample)));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        return new MultipartFormDataContent { { part, "files", sample } };
    }

    [Fact]
    public async Task Import_SellerTaxIdWithWrongCheckDigit_200WithTheWarning()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);

        using var response = await api.PostAsync(Imports, Form(EInvoiceSamples.SellerCheckDigit));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JsonNode.Parse(body)!.AsArray().Single()!;
        Assert.True((bool)result["imported"]!);
        Assert.Equal(1, (int)result["warningCount"]!);
        var warning = result["warnings"]!.AsArray().Single()!;
        Assert.Equal(EInvoiceSamples.SellerCheckDigit, (string?)warning["file"]);
        Assert.True((int)warning["line"]! > 1);
        Assert.StartsWith(EInvoiceSamples.WarningText, (string?)warning["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Facturae31_422NamingTheVersion_NothingStored()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var before = await fixture.StateAsync();

        using var response = await api.PostAsync(Imports, Form(EInvoiceSamples.Facturae31));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["problems"]!.AsArray().Select(p => (string?)p).ToList();
        Assert.Contains(problems, p => p!.StartsWith($"{EInvoiceSamples.Facturae31}: {EInvoiceSamples.Version31Text}", StringComparison.Ordinal));
        Assert.Equal(before, await fixture.StateAsync());
    }
}

/// <summary><see cref="ImportWarningsApiTests"/> on SQLite.</summary>
public sealed class SqliteImportWarningsApiTests(ImportServer fixture) : ImportWarningsApiTests(fixture), IClassFixture<ImportServer>;

/// <summary><see cref="ImportWarningsApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresImportWarningsApiTests(PostgresImportServer fixture) : ImportWarningsApiTests(fixture), IClassFixture<PostgresImportServer>;

/// <summary>The import page in Spanish on a 390 px phone: the warning in the preview (in Spanish) and in the result, counted.</summary>
public abstract class ImportWarningsBrowserTests(ImportServer fixture) : ChromiumTests
{
    [Fact]
    public async Task Director_InSpanishOnAPhone_SeesTheSellerWarning_InThePreviewAndTheResult()
    {
        var before = await fixture.StateAsync();
        await using var context = await Support.Browser.PhoneAsync(Chromium, "es-ES");
        var page = await context.NewPageAsync();
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/acme/import", ImportServer.Director, KaminoTestServer.Password);
        await page.Locator("[data-testid=import-wizard][data-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        await page.GetByTestId("file-input").SetInputFilesAsync(EInvoiceSamples.Path(EInvoiceSamples.SellerCheckDigit));
        var preview = page.GetByTestId("preview-warnings");
        await Expect(preview.Locator("summary")).ToHaveTextAsync("Advertencias: 1 (no impiden la importación)", new() { Timeout = 30_000 });
        await Expect(preview.GetByTestId("warning")).ToContainTextAsync(
            "/Facturae/Parties/SellerParty/TaxIdentification/TaxIdentificationNumber: el NIF del vendedor «B28015866» no es un NIF español válido");
        await page.GetByTestId("start-import").ClickAsync();

        var row = page.Locator("[data-testid=results] tr").Nth(1);
        await Expect(row).ToHaveAttributeAsync("data-outcome", "imported", new() { Timeout = 30_000 });
        await Expect(row.GetByTestId("warning-count")).ToHaveTextAsync("1");
        var warnings = page.Locator("[data-testid=result-warnings] [data-testid=warnings]");
        await Expect(warnings).ToHaveAttributeAsync("data-count", "1");
        await Expect(warnings.GetByTestId("warning")).ToContainTextAsync($"{EInvoiceSamples.SellerCheckDigit}:");
        await Support.Browser.AssertFitsTheScreenAsync(page, "import-warnings-es-390.png");
        Assert.Equal((before.Lines + 1, before.Imports + 1, before.NetCents + 20000), await fixture.StateAsync());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary><see cref="ImportWarningsBrowserTests"/> on SQLite.</summary>
public sealed class SqliteImportWarningsBrowserTests(ImportServer fixture) : ImportWarningsBrowserTests(fixture), IClassFixture<ImportServer>;
