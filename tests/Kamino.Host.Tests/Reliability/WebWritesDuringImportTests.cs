using System.Collections.Concurrent;
using System.Diagnostics;
using Kamino.Import;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Xunit.Abstractions;

namespace Kamino.Host.Tests.Reliability;

/// <summary>
/// SECURITY.md §1.4 R6: the web app keeps writing and reading while a <c>kamino import</c> process imports a
/// big file into the same SQLite database (WAL). The import holds SQLite's single write lock for its whole
/// transaction: web writes wait for it within the busy timeout instead of failing with "database is locked",
/// and web reads are not blocked at all, seeing the data from before the import until it commits.
/// </summary>
[Trait("Category", "Slow")]
public sealed class WebWritesDuringImportTests(ITestOutputHelper output)
{
    private const string Slug = "acme";
    private const string Director = "director@acme.test";
    private const int ImportLines = 200_000;

    [Fact]
    public async Task R6_web_writes_wait_for_a_running_cli_import_and_succeed_reads_are_not_blocked_and_everything_is_stored()
    {
        using var files = new TempFiles();
        var baseline = await GeneratedFile.CreateAsync(files.Path, "baseline", "--lines 3000 --customers 200 --seed 61 --start-date 2023-01-01 --days 365");
        var big = await GeneratedFile.CreateAsync(files.Path, "big", string.Create(CultureInfo.InvariantCulture, $"--lines {ImportLines} --customers 5000 --seed 62 --start-date 2025-01-01 --days 365"));

        await using var server = await KaminoTestServer.StartAsync(async database =>
        {
            var seeded = await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(Slug, baseline.Path));
            Assert.True(seeded.Imported, string.Join('\n', seeded.Problems));
        });
        var director = await server.AddUserAsync(Director, Role.Director, Slug);
        using var api = await server.BearerClientAsync(Director);
        using var browser = await server.SignedInClientAsync(Director);
        var dbPath = new SqliteConnectionStringBuilder(server.Database.ConnectionString).DataSource;
        List<string> accounts;
        await using (var db = server.Database.CreateDbContext())
        {
            accounts = await db.Customers.OrderBy(c => c.Id).Select(c => c.Key).Take(50).ToListAsync();
        }

        var revenueBefore = await TotalRevenueAsync(api);
        Assert.Equal(baseline.TotalRevenue, revenueBefore);
        var revenueAfter = baseline.TotalRevenue + big.TotalRevenue;

        var watch = Stopwatch.StartNew();
        var operations = new ConcurrentBag<Operation>();
        using var stop = new CancellationTokenSource();
        var lockTimeline = Task.Run(() => SampleWriteLock(dbPath, watch, stop.Token));
        using var import = KaminoProcess.Start("import", big.Path, "--db", dbPath, "--workspace", Slug, "--format", "json");

        var tasksCreated = 0;
        var designations = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !import.HasExited; i++)
            {
                var n = i;
                await TimedAsync(operations, watch, "write", "create task", async () =>
                {
                    using var r = await api.PostAsJsonAsync($"api/workspaces/{Slug}/tasks",
                        new { title = $"r6 task {n}", assigneeUserId = director.Id, dueDate = "2031-03-01" });
                    await ExpectAsync(r, HttpStatusCode.Created);
                    Interlocked.Increment(ref tasksCreated);
                    return null;
                });

                // Toggle an account each time so that every call is a real change.
                var account = accounts[n % accounts.Count];
                var key = n / accounts.Count % 2 == 0;
                await TimedAsync(operations, watch, "write", "designate", async () =>
                {
                    using var r = await api.PostAsJsonAsync($"api/workspaces/{Slug}/accounts/{account}/designation",
                        new { isKeyAccount = key, reason = $"r6 designation {n}" });
                    await ExpectAsync(r, HttpStatusCode.NoContent);
                    Interlocked.Increment(ref designations);
                    return null;
                });
            }
        });
        var reader = Task.Run(async () =>
        {
            while (!import.HasExited)
            {
                await TimedAsync(operations, watch, "read", "pareto API", async () => await TotalRevenueAsync(api));
                await TimedAsync(operations, watch, "read", "dashboard page", async () =>
                {
                    using var r = await browser.GetAsync($"w/{Slug}");
                    await ExpectAsync(r, HttpStatusCode.OK);
                    return null;
                });
            }
        });

        var run = await import.WaitAsync(TimeSpan.FromMinutes(3));
        await Task.WhenAll(writer, reader);
        await stop.CancelAsync();
        var busy = await lockTimeline;

        var (from, to) = busy;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import transaction held the write lock from {from:F0} to {to:F0} ms; CLI exited at {watch.Elapsed.TotalMilliseconds:F0} ms"));
        foreach (var o in operations.OrderBy(o => o.Start))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{o.Start,7:F0} ms {o.Name,-15} {o.Duration,6:F0} ms{(o.Revenue is { } r ? " revenue " + r.ToString(CultureInfo.InvariantCulture) : "")}{(o.Error is null ? "" : " " + o.Error)}"));
        }

        // Every operation succeeded: a write queued behind the import waits for it (SQLite's busy timeout), however long
        // the machine makes it; how long each took is the benchmarks' business.
        var failed = operations.Where(o => o.Error is not null).ToList();
        Assert.True(failed.Count == 0, "failed during the import:\n" + string.Join('\n', failed.Select(o => $"{o.Name} at {o.Start:F0} ms: {o.Error}")));
        Assert.True(run.ExitCode == 0, $"the import failed: {run}");
        Assert.DoesNotContain("locked", run.Stderr, StringComparison.OrdinalIgnoreCase);
        using (var summary = JsonDocument.Parse(run.Stdout))
        {
            // One summary per imported file: an array, or the object itself.
            var root = summary.RootElement;
            var file = root.ValueKind == JsonValueKind.Array ? Assert.Single(root.EnumerateArray()) : root;
            Assert.Equal(ImportLines, file.GetProperty("linesAdded").GetInt32());
        }

        // A reader sees the file whole or not at all.
        Assert.All(operations.Where(o => o.Revenue is not null), o => Assert.True(o.Revenue == revenueBefore || o.Revenue == revenueAfter,
            $"the pareto API at {o.Start:F0} ms saw a total revenue of {o.Revenue}: neither {revenueBefore} (before) nor {revenueAfter} (after)"));

        // The longest stretch in which the write lock was taken is the import's transaction. A web write made
        // during it waited for it and succeeded; reads made entirely inside it did not wait, or they would have seen the file.
        var waitedWrites = operations.Where(o => o.Kind == "write" && o.Start < to && o.Start + o.Duration > to).ToList();
        Assert.True(waitedWrites.Count > 0, "no web write was waiting when the import released the write lock");
        var readsInside = operations.Where(o => o.Revenue is not null && o.Start > from && o.Start + o.Duration < to).ToList();
        Assert.True(readsInside.Count > 0, "no read was made entirely while the import held the write lock");
        Assert.All(readsInside, o => Assert.Equal(revenueBefore, o.Revenue));

        // At the end the import is whole and every web write is stored.
        Assert.Equal(revenueAfter, await TotalRevenueAsync(api));
        await using (var db = server.Database.CreateDbContext())
        {
            Assert.Equal(baseline.Lines + ImportLines, await db.SaleLines.CountAsync());
            Assert.Equal(2, await db.Imports.CountAsync());
            Assert.Equal(tasksCreated, await db.Tasks.CountAsync(t => t.Title.StartsWith("r6 task ")));
            Assert.Equal(designations, await db.Designations.CountAsync(d => d.Reason.StartsWith("r6 designation ")));
        }

        Assert.True(tasksCreated > 0 && designations > 0);
    }

    private static async Task<decimal> TotalRevenueAsync(HttpClient api)
    {
        using var r = await api.GetAsync($"api/workspaces/{Slug}/analysis/pareto?all=true");
        await ExpectAsync(r, HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("totalRevenue").GetDecimal();
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task TimedAsync(ConcurrentBag<Operation> operations, Stopwatch watch, string kind, string name, Func<Task<decimal?>> action)
    {
        var start = watch.Elapsed.TotalMilliseconds;
        try
        {
            var revenue = await action();
            operations.Add(new Operation(kind, name, start, watch.Elapsed.TotalMilliseconds - start, revenue, null));
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or JsonException)
        {
            operations.Add(new Operation(kind, name, start, watch.Elapsed.TotalMilliseconds - start, null, e.Message));
        }
    }

    /// <summary>
    /// Tries to take SQLite's write lock every few milliseconds without waiting (busy timeout 0) and returns
    /// the longest stretch, in ms since <paramref name="watch"/> started, in which someone else held it.
    /// </summary>
    private static (double From, double To) SampleWriteLock(string dbPath, Stopwatch watch, CancellationToken stop)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        raw.sqlite3_busy_timeout(connection.Handle, 0);
        (double From, double To) longest = (0, 0);
        double? runStart = null;
        var last = 0.0;
        while (!stop.IsCancellationRequested)
        {
            var now = watch.Elapsed.TotalMilliseconds;
            var rc = raw.sqlite3_exec(connection.Handle, "BEGIN IMMEDIATE");
            if (rc == raw.SQLITE_OK)
            {
                raw.sqlite3_exec(connection.Handle, "ROLLBACK");
                if (runStart is { } s && last - s > longest.To - longest.From)
                {
                    longest = (s, last);
                }

                runStart = null;
            }
            else
            {
                Assert.Equal(raw.SQLITE_BUSY, rc);
                runStart ??= now;
                last = now;
            }

            Thread.Sleep(5);
        }

        return longest;
    }

    private sealed record Operation(string Kind, string Name, double Start, double Duration, decimal? Revenue, string? Error);

    /// <summary>A CSV from shared/bench/gen-sales.py with its line count and total revenue (the generator's --summary).</summary>
    private sealed record GeneratedFile(string Path, int Lines, decimal TotalRevenue)
    {
        public static async Task<GeneratedFile> CreateAsync(string folder, string name, string arguments)
        {
            var (csv, summary) = (System.IO.Path.Combine(folder, name + ".csv"), System.IO.Path.Combine(folder, name + ".json"));
            await Task.Run(() => SalesGenerator.Write(csv, [.. arguments.Split(' '), "--summary", summary]));
            var totals = SalesGenerator.ReadSummary(summary);
            return new GeneratedFile(csv, totals.Lines, totals.TotalRevenue);
        }
    }

    private sealed class TempFiles : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kamino-r6-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
