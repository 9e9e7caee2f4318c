using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// The same file sent to <c>POST …/imports</c> three times at once while tasks are being created (other writers of
/// the audit trail). One upload runs per workspace at a time (<c>ImportGate</c>, issue 10 item 6), so a request
/// that arrives while another runs is refused with 409 and writes nothing; every accepted request has its history
/// row and its audit entry (written in the import's own transaction), and the lines are stored once.
/// </summary>
public abstract class ParallelImportsApiTests(ImportServer fixture)
{
    private const int Lines = 10_000;

    private const int Tasks = 32;

    [Fact]
    public async Task Import_SameFileThreeTimesAtOnceAmongOtherWrites_LinesStoredOnce_AcceptedImportsAudited_OthersRefusedWithNothingWritten()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder("invoice,date,customer_id,customer_name,net_amount,currency\n");
        for (var i = 0; i < Lines; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{run}-{i},2024-03-{1 + (i % 28):00},K{run}-{i % 50},Customer {i % 50},{10 + i}.25,EUR\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var clients = new List<HttpClient>();
        foreach (var email in new[] { ImportServer.Director, ImportServer.Lead, ImportServer.Director })
        {
            clients.Add(await fixture.Server.BearerClientAsync(email));
        }

        using var tasksClient = await fixture.Server.BearerClientAsync(ImportServer.Director);
        var assignee = await fixture.Server.WithUserAsync(ImportServer.Kam, (_, user) => Task.FromResult(user.Id));
        using var gate = new SemaphoreSlim(8);
        var tasks = Enumerable.Range(0, Tasks).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await tasksClient.PostAsJsonAsync("api/workspaces/acme/tasks", new { title = $"Meanwhile {run} {i}", assigneeUserId = assignee, dueDate = "2031-02-03" });
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();

        var responses = await Task.WhenAll(clients.Select(async client =>
        {
            using var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", $"parallel-{run}.csv");
            using var response = await client.PostAsync("api/workspaces/acme/imports", form);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        clients.ForEach(c => c.Dispose());

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {r.Body}"));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict), r => Assert.Contains("Another import or preview into this workspace is running", r.Body));
        Assert.All(await Task.WhenAll(tasks), status => Assert.Equal(HttpStatusCode.Created, status));
        var results = responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => JsonNode.Parse(r.Body)!.AsArray().Single()!).ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True((bool)r["imported"]!));
        Assert.Equal(Lines, results.Sum(r => (int)r["linesAdded"]!));
        Assert.Equal(Lines * (results.Count - 1), results.Sum(r => (int)r["linesSkipped"]!));
        var ids = results.Select(r => (long)r["importId"]!).ToList();
        Assert.Equal(results.Count, ids.Distinct().Count());

        await using var db = fixture.Server.Database.CreateDbContext();
        var acme = await db.Workspaces.Where(w => w.Slug == ImportServer.Slug).Select(w => w.Id).SingleAsync();
        Assert.Equal(Lines, await db.SaleLines.CountAsync(s => s.WorkspaceId == acme && s.DocumentNumber.StartsWith("P" + run)));
        var history = await db.Imports.Where(i => i.WorkspaceId == acme && i.FileName == $"parallel-{run}.csv").Select(i => i.Id).ToListAsync();
        Assert.Equal(ids.Order(), history.Order());
        var keys = ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var audited = await db.AuditEntries.Where(a => a.WorkspaceId == acme && a.Entity == "import" && a.Action == "import" && keys.Contains(a.EntityId)).Select(a => a.EntityId).ToListAsync();
        Assert.Equal(keys.Order(), audited.Order());
    }
}

/// <summary><see cref="ParallelImportsApiTests"/> on SQLite.</summary>
public sealed class SqliteParallelImportsApiTests(ImportServer fixture) : ParallelImportsApiTests(fixture), IClassFixture<ImportServer>;

/// <summary><see cref="ParallelImportsApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresParallelImportsApiTests(PostgresImportServer fixture) : ParallelImportsApiTests(fixture), IClassFixture<PostgresImportServer>;
