using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// Issue 17 item 5 through the real host: problems grouped by kind (malformed rows first, counts) in the answers of
/// <c>POST …/imports</c> and <c>/preview</c>, every problem as CSV with <c>?problems=csv</c> (cells neutralised), and
/// <c>keepValid</c>: the valid rows stored, the partial import in the history.
/// </summary>
public abstract class ImportProblemsApiTests(ImportServer fixture)
{
    private const string Imports = "api/workspaces/acme/imports";
    private const string Header = "invoice,date,customer_id,customer_name,net_amount,currency";

    private static MultipartFormDataContent Form(string name, string content, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "files", name);
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }

        return form;
    }

    /// <summary>Two good rows, a bad date (line 3), a row of too few fields starting with a formula (line 5), a bad amount (line 6).</summary>
    private static string Mixed(string prefix) =>
        $"{Header}\n{prefix}-1,2025-03-01,{prefix}-C1,Uno,10.00,EUR\n{prefix}-2,2025-13-45,{prefix}-C1,Uno,20.00,EUR\n"
        + $"{prefix}-3,2025-03-02,{prefix}-C2,Dos,30.00,EUR\n=HYPERLINK(\"http://x\"),2025-03-03\n{prefix}-5,2025-03-04,{prefix}-C2,Dos,abc,EUR\n";

    [Fact]
    public async Task Import_BadRows_422WithProblemGroupsMalformedFirst_AndCounts()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var before = await fixture.StateAsync();

        using var response = await api.PostAsync(Imports, Form("mixed.csv", Mixed("GRP")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var result = body["results"]!.AsArray().Single()!;
        var groups = result["problemGroups"]!.AsArray();
        Assert.Equal(["Malformed", "BadValue"], groups.Select(g => (string)g!["kind"]!));
        Assert.Equal([1, 2], groups.Select(g => (int)g!["count"]!));
        Assert.Equal([3, 6], groups[1]!["examples"]!.AsArray().Select(p => (int)p!["line"]!));
        Assert.Equal(3, (int)result["problemCount"]!);
        // The flat lists keep their shape, in the groups' order: the malformed row before the bad values.
        Assert.Equal([5, 3, 6], result["problems"]!.AsArray().Select(p => (int)p!["line"]!));
        var lines = body["problems"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Equal(3, lines.Count);
        Assert.True(lines.FindIndex(l => l.StartsWith("mixed.csv:5: ", StringComparison.Ordinal)) < lines.FindIndex(l => l.StartsWith("mixed.csv:3: ", StringComparison.Ordinal)));
        Assert.Equal(before, await fixture.StateAsync());
    }

    [Fact]
    public async Task Import_ProblemsCsv_AnswersEveryProblemAsCsv_WithFormulasNeutralised()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Lead);

        using var response = await api.PostAsync(Imports + "?problems=csv", Form("mixed.csv", Mixed("CSV")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", response.Headers.GetValues("Kamino-Rejected-Files").Single());
        var csv = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("file,line,kind,reason,row", csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("mixed.csv,3,BadValue,\"date '2025-13-45' is not a valid date", csv[1], StringComparison.Ordinal);
        // The malformed row starts with "=": its cell is prefixed with ' so a spreadsheet shows it as text.
        Assert.Equal("mixed.csv,5,Malformed,2 fields instead of 6,\"'=HYPERLINK(\"\"http://x\"\"),2025-03-03\"", csv[2]);
        Assert.StartsWith("mixed.csv,6,BadValue,", csv[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ProblemsOtherThanCsv_Is400()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);

        using var response = await api.PostAsync(Imports + "?problems=xml", Form("mixed.csv", Mixed("X400")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_KeepValid_StoresTheValidRows_AndTheHistoryRecordsAPartialImport()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var before = await fixture.StateAsync();

        using var response = await api.PostAsync(Imports, Form("keep.csv", Mixed("KEEP"), ("keepValid", "true")));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var result = JsonNode.Parse(text)!.AsArray().Single()!;
        Assert.True((bool)result["imported"]!);
        Assert.Equal((2, 3), ((int)result["linesAdded"]!, (int)result["linesRejected"]!));
        var after = await fixture.StateAsync();
        Assert.Equal((before.Lines + 2, before.Imports + 1, before.NetCents + 4000), after);

        var history = JsonNode.Parse(await api.GetStringAsync(Imports))!.AsArray();
        var record = history.Single(h => (long)h!["id"]! == (long)result["importId"]!)!;
        Assert.Equal((true, 3), ((bool)record["partial"]!, (int)record["linesRejected"]!));
        Assert.Null((string?)record["rejectsFile"]);

        using var undo = await api.DeleteAsync($"{Imports}/{(long)result["importId"]!}");
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.Equal(before.Lines, (await fixture.StateAsync()).Lines);
    }

    [Fact]
    public async Task Import_KeepValidWithProblemsCsv_HasTheRejectedRowsText()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);

        using var response = await api.PostAsync(Imports + "?problems=csv", Form("keep.csv", Mixed("KCSV"), ("keepValid", "true")));

        Assert.Equal("0", response.Headers.GetValues("Kamino-Rejected-Files").Single());
        var csv = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("keep.csv,6,BadValue,", csv[3], StringComparison.Ordinal);
        Assert.EndsWith("\"KCSV-5,2025-03-04,KCSV-C2,Dos,abc,EUR\"", csv[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_BadRows_ProblemGroupsInKindOrder()
    {
        using var api = await fixture.Server.BearerClientAsync(ImportServer.Director);

        using var response = await api.PostAsync(Imports + "/preview", Form("mixed.csv", Mixed("PRE")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.Equal(["Malformed", "BadValue"], preview["problemGroups"]!.AsArray().Select(g => (string)g!["kind"]!));
        Assert.Equal([3, 5, 6], preview["problems"]!.AsArray().Select(p => (int)p!["line"]!));
    }
}

/// <summary><see cref="ImportProblemsApiTests"/> on SQLite.</summary>
public sealed class SqliteImportProblemsApiTests(ImportServer fixture) : ImportProblemsApiTests(fixture), IClassFixture<ImportServer>;

/// <summary><see cref="ImportProblemsApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresImportProblemsApiTests(PostgresImportServer fixture) : ImportProblemsApiTests(fixture), IClassFixture<PostgresImportServer>;
