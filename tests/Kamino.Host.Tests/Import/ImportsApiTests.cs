using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// <c>/api/workspaces/{workspace}/imports</c> through the real host: import (the CLI's JSON result, 422 naming
/// file and line with nothing stored), preview (nothing stored), history and undo, archives, limits and roles.
/// 401/403/404 for every endpoint are covered by the security tests, which walk the OpenAPI document and route table.
/// </summary>
public abstract class ImportsApiTests(ImportServer fixture)
{
    private const string Imports = "api/workspaces/acme/imports";

    /// <summary><c>ventas-facturado.csv</c> with its documents and customers renamed, so each test adds lines and customers of its own.</summary>
    private static string Ventas(string prefix) =>
        File.ReadAllText(ImportServer.Sample("ventas-facturado.csv"))
            .Replace("A-10", prefix + "-10", StringComparison.Ordinal)
            .Replace(";K1;", $";{prefix}-K1;", StringComparison.Ordinal)
            .Replace(";K2;", $";{prefix}-K2;", StringComparison.Ordinal);

    private static MultipartFormDataContent Form(IEnumerable<(string Name, byte[] Content)> files, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }

        return form;
    }

    private static MultipartFormDataContent Form(string name, string content, params (string Key, string Value)[] fields) =>
        Form([(name, Encoding.UTF8.GetBytes(content))], fields);

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Import_CsvWithMappedAmountColumn_StoresTheLines_AndAnswersWhatTheCliPrints()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var before = await fixture.StateAsync();
        var csv = Ventas("OK");

        using var response = await api.PostAsync(Imports, Form("ventas.csv", csv, ("map", "netAmount=Facturado")));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JsonNode.Parse(body)!.AsArray().Single()!;
        Assert.Equal("ventas.csv", (string?)result["file"]);
        Assert.True((bool)result["imported"]!);
        Assert.Equal(3, (int)result["linesAdded"]!);
        Assert.Equal(2, (int)result["customersAdded"]!);
        Assert.Equal("es", (string?)result["dialect"]);
        Assert.Equal(";", (string?)result["delimiter"]);
        var after = await fixture.StateAsync();
        Assert.Equal(before.Lines + 3, after.Lines);
        Assert.Equal(before.Imports + 1, after.Imports);
        Assert.Equal(before.NetCents + 123450 + 30000 + 9990, after.NetCents);

        // The same file through `kamino import --format json` on a database of its own: the same JSON but for the import number.
        var folder = Directory.CreateTempSubdirectory("kamino-api-cli-");
        try
        {
            var file = Path.Combine(folder.FullName, "ventas.csv");
            await File.WriteAllTextAsync(file, csv);
            var (exit, output, error) = await CliRunner.RunAsync("import", file, "--db", Path.Combine(folder.FullName, "cli.db"), "--workspace", "acme", "--map", "netAmount=Facturado", "--format", "json");
            Assert.True(exit == 0, error);
            var cli = JsonNode.Parse(output)!.AsArray().Single()!.AsObject();
            var web = result.AsObject();
            Assert.True(cli.Remove("importId"));
            Assert.True(web.Remove("importId"));
            Assert.Equal(cli.ToJsonString(), web.ToJsonString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Import_FileWithABadLine_Is422NamingFileAndLine_AndChangesNothing()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Lead);
        var before = await fixture.StateAsync();

        using var response = await api.PostAsync(Imports, Form("sales-bad-date.csv", File.ReadAllText(ImportServer.Sample("sales-bad-date.csv"))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        var problems = problem["problems"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Contains(problems, p => p.StartsWith("sales-bad-date.csv:3: ", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("sales-bad-date.csv:2:", StringComparison.Ordinal) || p.StartsWith("sales-bad-date.csv:4:", StringComparison.Ordinal));
        var result = problem["results"]!.AsArray().Single()!;
        Assert.False((bool)result["imported"]!);
        Assert.Equal(0, (int)result["linesAdded"]!);
        Assert.Equal(before, await fixture.StateAsync());
    }

    [Fact]
    public async Task Import_OneGoodAndOneBadFile_StoresTheGoodOneWhole_AndRejectsTheOther()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var before = await fixture.StateAsync();
        var good = "invoice,date,customer_id,net_amount\nMIX-1,2025-04-02,G1,10.00\nMIX-2,2025-04-03,G1,20.00\n";

        using var response = await api.PostAsync(Imports, Form(
            [("good.csv", Encoding.UTF8.GetBytes(good)), ("sales-bad-date.csv", File.ReadAllBytes(ImportServer.Sample("sales-bad-date.csv")))]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var results = (await JsonAsync(response))["results"]!.AsArray();
        Assert.Equal(["good.csv", "sales-bad-date.csv"], results.Select(r => (string)r!["file"]!));
        Assert.Equal([true, false], results.Select(r => (bool)r!["imported"]!));
        var after = await fixture.StateAsync();
        Assert.Equal(before.Lines + 2, after.Lines);
        Assert.Equal(before.NetCents + 3000, after.NetCents);
    }

    [Fact]
    public async Task Import_DryRun_CountsAndStoresNothing()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var before = await fixture.StateAsync();

        using var response = await api.PostAsync(Imports, Form("ventas.csv", Ventas("DRY"), ("map", "netAmount=Facturado"), ("dryRun", "true")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await JsonAsync(response)).AsArray().Single()!;
        Assert.True((bool)result["dryRun"]!);
        Assert.Equal(3, (int)result["linesAdded"]!);
        Assert.Equal(before, await fixture.StateAsync());
    }

    [Fact]
    public async Task Import_ZipArchive_ImportsEachEntryUnderTheArchivesName()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("enero/ventas.csv").Open();
            await entry.WriteAsync(Encoding.UTF8.GetBytes(Ventas("ZIP")));
        }

        using var response = await api.PostAsync(Imports, Form([("ventas.zip", zip.ToArray())], ("map", "netAmount=Facturado")));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JsonNode.Parse(body)!.AsArray().Single()!;
        Assert.Equal("ventas.zip/enero/ventas.csv", (string?)result["file"]);
        Assert.Equal(3, (int)result["linesAdded"]!);
    }

    [Fact]
    public async Task Preview_ShowsHowTheFileIsRead_AndTheMappedRows_WithoutStoringAnything()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Lead);
        var before = await fixture.StateAsync();

        // Without a map the amount column is not recognised: the header problem, and the columns to choose from.
        using (var unmapped = await api.PostAsync(Imports + "/preview", Form("ventas.csv", Ventas("PRE"))))
        {
            Assert.Equal(HttpStatusCode.OK, unmapped.StatusCode);
            var preview = (await JsonAsync(unmapped)).AsArray().Single()!;
            Assert.Equal("csv", (string?)preview["format"]);
            Assert.Equal("utf-8", (string?)preview["encoding"]);
            Assert.Equal(";", (string?)preview["delimiter"]);
            Assert.Equal(["factura", "fecha", "codigo_cliente", "razon_social", "Facturado"], preview["columns"]!.AsArray().Select(c => (string)c!));
            Assert.Empty(preview["rows"]!.AsArray());
            var problem = preview["problems"]!.AsArray().Single()!;
            Assert.Equal(1, (int)problem["line"]!);
            Assert.Contains("no net amount column", (string?)problem["reason"], StringComparison.Ordinal);
            Assert.DoesNotContain(preview["mapping"]!.AsArray(), m => (string?)m!["field"] == "netAmount");
        }

        using var mapped = await api.PostAsync(Imports + "/preview", Form("ventas.csv", Ventas("PRE"), ("map", "netAmount=Facturado")));
        var body = await mapped.Content.ReadAsStringAsync();
        Assert.True(mapped.StatusCode == HttpStatusCode.OK, body);
        var p = JsonNode.Parse(body)!.AsArray().Single()!;
        Assert.Equal("es", (string?)p["dialect"]);
        Assert.Contains(p["mapping"]!.AsArray(), m => (string?)m!["field"] == "netAmount" && (string?)m["column"] == "Facturado");
        Assert.Contains(p["mapping"]!.AsArray(), m => (string?)m!["field"] == "customerId" && (string?)m["column"] == "codigo_cliente");
        var rows = p["rows"]!.AsArray();
        Assert.Equal([2, 3, 4], rows.Select(r => (int)r!["sourceLine"]!));
        Assert.Equal([123450L, 30000L, 9990L], rows.Select(r => (long)r!["netCents"]!));
        Assert.Equal("2025-01-15", (string?)rows[0]!["date"]);
        Assert.Empty(p["problems"]!.AsArray());
        Assert.Equal(before, await fixture.StateAsync());
    }

    [Fact]
    public async Task Preview_ABadLine_IsListedAtItsLine()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);

        using var response = await api.PostAsync(Imports + "/preview", Form("sales-bad-date.csv", File.ReadAllText(ImportServer.Sample("sales-bad-date.csv"))));

        var preview = (await JsonAsync(response)).AsArray().Single()!;
        Assert.Equal([2, 4], preview["rows"]!.AsArray().Select(r => (int)r!["sourceLine"]!));
        Assert.Equal(3, (int)preview["problems"]!.AsArray().Single()!["line"]!);
    }

    [Fact]
    public async Task HistoryAndUndo_ListTheImport_RemoveExactlyItsLines_AndRefuseASecondUndo()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var before = await fixture.StateAsync();
        using var imported = await api.PostAsync(Imports, Form("ventas-undo.csv", Ventas("UNDO"), ("map", "netAmount=Facturado")));
        var id = (long)(await JsonAsync(imported)).AsArray().Single()!["importId"]!;

        using var viewer = await fixture.Server.BearerClientAsync(ImportServer.Viewer);
        var history = JsonNode.Parse(await viewer.GetStringAsync(Imports))!.AsArray();
        var record = history.Single(r => (long)r!["id"]! == id)!;
        Assert.Equal("ventas-undo.csv", (string?)record["fileName"]);
        Assert.Equal(3, (int)record["linesAdded"]!);
        Assert.Null(record["undoneAt"]);

        using var undo = await api.DeleteAsync($"{Imports}/{id}");
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        var undone = await JsonAsync(undo);
        Assert.Equal(3, (int)undone["linesRemoved"]!);
        Assert.Equal(2, (int)undone["customersRemoved"]!);
        var after = await fixture.StateAsync();
        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal(before.NetCents, after.NetCents);

        history = JsonNode.Parse(await viewer.GetStringAsync(Imports))!.AsArray();
        Assert.NotNull(history.Single(r => (long)r!["id"]! == id)!["undoneAt"]);

        using var again = await api.DeleteAsync($"{Imports}/{id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        using var unknown = await api.DeleteAsync($"{Imports}/987654");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Import_ByAKam_Is403_AndStoresNothing()
    {
        using var kam = await fixture.Server.BearerClientAsync(ImportServer.Kam);
        var before = await fixture.StateAsync();

        using var response = await kam.PostAsync(Imports, Form("ventas.csv", Ventas("KAM"), ("map", "netAmount=Facturado")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await fixture.StateAsync());
    }

    [Fact]
    public async Task Import_WithTheBrowserCookieOnly_Is401()
    {
        using var browser = await fixture.Server.SignedInClientAsync(ImportServer.Director);

        using var response = await browser.PostAsync(Imports, Form("ventas.csv", Ventas("CSRF"), ("map", "netAmount=Facturado")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("dialect", "fr")]
    [InlineData("encoding", "utf-16")]
    [InlineData("map", "amount=Facturado")]
    [InlineData("map", "netAmount")]
    public async Task Import_WithAnInvalidOption_Is400NamingIt(string field, string value)
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var before = await fixture.StateAsync();

        using var response = await api.PostAsync(Imports, Form("ventas.csv", Ventas("BAD"), (field, value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await JsonAsync(response))["errors"]![field]);
        Assert.Equal(before, await fixture.StateAsync());
    }

    [Fact]
    public async Task Import_WithoutFiles_Is400()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);

        using var response = await api.PostAsync(Imports, new MultipartFormDataContent { { new StringContent("es"), "dialect" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheImportEndpoints()
    {
        using var document = JsonDocument.Parse(await fixture.Server.Client.GetStringAsync("openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/workspaces/{workspace}/imports").TryGetProperty("post", out var post));
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(paths.GetProperty("/api/workspaces/{workspace}/imports").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/workspaces/{workspace}/imports/preview").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/workspaces/{workspace}/imports/{id}").TryGetProperty("delete", out _));
    }

    [Fact]
    public async Task Import_LargerThanTheConfiguredLimit_Is413_AndStoresNothing()
    {
        await using var small = await KaminoTestServer.StartAsync(async database =>
        {
            await using var db = database.CreateDbContext();
            db.Workspaces.Add(new Kamino.Workspaces.Workspace { Slug = "acme", Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
        }, "--Kamino:ImportMaxBytes", "2000");
        await small.AddUserAsync("d@acme.test", Kamino.People.Role.Director, "acme");
        using var api = await small.BearerClientAsync("d@acme.test");
        var big = new StringBuilder("invoice,date,customer_id,net_amount\n");
        for (var i = 1; i <= 200; i++)
        {
            big.Append(System.Globalization.CultureInfo.InvariantCulture, $"BIG-{i},2025-01-01,C1,1.00\n");
        }

        using var response = await api.PostAsync(Imports, Form("big.csv", big.ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await using var check = small.Database.CreateDbContext();
        Assert.Equal(0, check.SaleLines.Count());
    }
}

/// <summary><see cref="ImportsApiTests"/> on SQLite.</summary>
public sealed class SqliteImportsApiTests(ImportServer fixture) : ImportsApiTests(fixture), IClassFixture<ImportServer>;

/// <summary><see cref="ImportsApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresImportsApiTests(PostgresImportServer fixture) : ImportsApiTests(fixture), IClassFixture<PostgresImportServer>;
