using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kamino.Host.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// Issue 10 items 2, 6 and 14 through the real host: hostile workbooks answer 422 with the reason (not 500 after
/// gigabytes), the archives of a request share one budget, a request takes a bounded number of files, one upload
/// runs at a time per workspace, and a multipart body cut short answers 400.
/// </summary>
public sealed class ImportLimitsApiTests : IAsyncLifetime
{
    private const string Imports = "api/workspaces/acme/imports";
    private const string Director = "d@acme.test";

    private readonly string folder = Directory.CreateTempSubdirectory("kamino-limits-").FullName;
    private KaminoTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await KaminoTestServer.StartAsync(
            async database =>
            {
                await using var db = database.CreateDbContext();
                db.Workspaces.Add(new Kamino.Workspaces.Workspace { Slug = "acme", Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() });
                await db.SaveChangesAsync();
            },
            "--Kamino:ImportMaxExpandedBytes", "1000000", "--Kamino:ImportMaxFiles", "5");
        await server.AddUserAsync(Director, Kamino.People.Role.Director, "acme");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return form;
    }

    private static byte[] Zip(string entry, string content)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(entry, CompressionLevel.SmallestSize).Open()))
        {
            writer.Write(content);
        }

        return memory.ToArray();
    }

    private async Task<int> LinesAsync()
    {
        await using var db = server.Database.CreateDbContext();
        return await db.SaleLines.CountAsync();
    }

    [Theory]
    [InlineData(Imports, true)]
    [InlineData(Imports, false)]
    [InlineData(Imports + "/preview", true)]
    public async Task Post_WorkbookWithAGibibyteCell_AnswersTheReason_Not500(string url, bool sharedString)
    {
        var path = Path.Combine(folder, "bomb.xlsx");
        HostileFiles.Workbook(path, 1L << 30, sharedString);
        using var api = await server.BearerClientAsync(Director);

        using var response = await api.PostAsync(url, Form(("bomb.xlsx", await File.ReadAllBytesAsync(path))));

        var preview = url.EndsWith("/preview", StringComparison.Ordinal);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(preview ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity, response.StatusCode);
        // The import lists its problems as file:line: reason lines; a preview as objects.
        var problem = preview
            ? json.AsArray().Single()!["problems"]!.AsArray().Select(p => (int)p!["line"]! == 0 ? $"{p["file"]}: {p["reason"]}" : $"{p["file"]}:{p["line"]}: {p["reason"]}").Single()
            : json["problems"]!.AsArray().Select(p => (string)p!).Single();
        Assert.Equal(sharedString
            ? "bomb.xlsx: shared string #0 is longer than 32,767 characters (Excel's limit for a cell)"
            : "bomb.xlsx:2: sheet 'Sales', cell B2: the text is longer than 32,767 characters (Excel's limit for a cell)", problem.Replace(": rejected, nothing imported", "", StringComparison.Ordinal));
        Assert.Equal(0, await LinesAsync());
    }

    [Fact]
    public async Task Import_ArchivesOverTheRequestBudgetTogether_422NamingTheArchive()
    {
        // Each archive expands to 400 kB, under the 1 MB budget alone; the third passes it.
        var csv = "date,customer,amount\n" + new string('\n', 400_000);
        using var api = await server.BearerClientAsync(Director);

        using var response = await api.PostAsync(Imports + "/preview", Form(("a.zip", Zip("a.csv", csv)), ("b.zip", Zip("b.csv", csv)), ("c.zip", Zip("c.csv", csv))));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var previews = JsonNode.Parse(body)!.AsArray();
        var refused = previews.Single(p => (string?)p!["file"] == "c.zip")!["problems"]!.AsArray().Single()!;
        Assert.Equal("the archives of this import expand to more than 1,000,000 bytes together; nothing of this archive was imported", (string?)refused["reason"]);
        Assert.Equal(["a.zip/a.csv", "b.zip/b.csv", "c.zip"], previews.Select(p => (string?)p!["file"]).Order(StringComparer.Ordinal));

        using var import = await api.PostAsync(Imports, Form(("a.zip", Zip("a.csv", csv)), ("b.zip", Zip("b.csv", csv)), ("c.zip", Zip("c.csv", csv))));
        var problems = (await import.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
        Assert.Contains("c.zip: the archives of this import expand to more than 1,000,000 bytes together", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MoreFilesThanARequestTakes_413AndNothingStored()
    {
        using var api = await server.BearerClientAsync(Director);
        var files = Enumerable.Range(1, 6).Select(i => ($"s{i}.csv", Encoding.UTF8.GetBytes($"date,customer,amount\n2024-01-0{i},C{i},1\n"))).ToArray();

        using var response = await api.PostAsync(Imports, Form(files));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("6 files sent: a request takes at most 5", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await LinesAsync());
    }

    [Fact]
    public async Task Import_WhileAnotherUploadIntoTheWorkspaceRuns_409_ThenAcceptedOnceItEnds()
    {
        using var api = await server.BearerClientAsync(Director);
        int workspaceId;
        await using (var db = server.Database.CreateDbContext())
        {
            workspaceId = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        }

        var file = ("s.csv", "date,customer,amount\n2024-01-01,C1,1\n"u8.ToArray());
        HttpStatusCode busy;
        using (server.Services.GetRequiredService<ImportGate>().TryEnter(workspaceId))
        {
            using var response = await api.PostAsync(Imports, Form(file));
            busy = response.StatusCode;
        }

        using var after = await api.PostAsync(Imports, Form(file));

        Assert.Equal(HttpStatusCode.Conflict, busy);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData(Imports)]
    [InlineData(Imports + "/preview")]
    public async Task Post_MultipartBodyCutShort_400(string url)
    {
        using var api = await server.BearerClientAsync(Director);
        var content = new ByteArrayContent("--cut\r\nContent-Disposition: form-data; name=\"files\"; filename=\"s.csv\"\r\nContent-Type: text/csv\r\n\r\ndate,customer,amount\r\n2024-01-01,C"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        using var response = await api.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The upload ended before the form was complete", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
