using System.Text.Json;
using System.Text.Json.Nodes;
using Kamino.Analysis;
using Kamino.Demo;
using Kamino.Exports;
using Kamino.Workspaces;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Exports;

/// <summary>
/// <c>kamino export --all</c> and <c>kamino import-export</c> on the demo workspace (every feature filled): the round trip
/// equals the original to the cent and the record; a changed file, a non-empty target and a missing table are caught.
/// </summary>
public abstract class WorkspaceArchiveTests(Engine engine) : DatabaseTests(engine)
{
    private static readonly DateTimeOffset March2026 = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(March2026);

    private readonly Engine engineOfTest = engine;

    private int demo;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        (demo, var people) = await DemoTeam.CreateAsync(Test, db, clock);
        await DemoActivities.EnsureAsync(db, demo, people, clock);
        await DemoPlans.EnsureAsync(db, demo, people, clock);
        await DemoOrders.EnsureAsync(db, demo, people, clock);
        await DemoCadence.ApplyAsync(db, clock);

        // What the demo leaves to later use: an alert seen, a digest sent, a notification, the business's own tax id.
        var director = people[Kamino.People.Role.Director];
        db.AlertDismissals.Add(new Kamino.Alerts.AlertDismissal { WorkspaceId = demo, UserId = director, AlertKey = "drop:1", Fingerprint = "f1", At = March2026, SnoozedUntil = new DateOnly(2026, 4, 1) });
        db.AlertDigests.Add(new Kamino.Alerts.AlertDigest { WorkspaceId = demo, UserId = director, Week = new DateOnly(2026, 3, 9), Alerts = 4, SentAt = March2026 });
        var nextNotification = await db.Notifications.Where(n => n.WorkspaceId == demo).Select(n => (long?)n.Id).MaxAsync() ?? 0;
        db.Notifications.Add(new Kamino.WorkTasks.Notification { WorkspaceId = demo, Id = nextNotification + 1, UserId = director, Text = "Hola, \"equipo\"", CreatedAt = March2026 });
        db.WorkspaceTaxIds.Add(new WorkspaceTaxId { WorkspaceId = demo, TaxId = "B12345678" });

        // Cells a spreadsheet export would neutralise or quote, and an empty text next to nulls.
        var customer = await db.Customers.Where(c => c.WorkspaceId == demo).OrderBy(c => c.Id).FirstAsync();
        customer.Name = "=HYPERLINK(\"x\"), \"quoted\"\r\nsecond line @é€";
        var contact = await db.Contacts.Where(c => c.WorkspaceId == demo).OrderBy(c => c.Id).FirstAsync();
        contact.Title = "";
        db.ContactMembers.Add(new Kamino.Contacts.ContactMember { WorkspaceId = demo, ContactId = contact.Id, UserId = people[Kamino.People.Role.Kam] });
        contact.Phone = null;
        await db.SaveChangesAsync();
    }

    private string ExportFolder(string name) => Path.Combine(Folder.Path, name);

    private async Task<ArchiveManifest> ExportAsync(int workspace, string folder)
    {
        await using var db = Db();
        return await WorkspaceArchive.WriteFolderAsync(db, workspace, folder, clock);
    }

    private async Task<ArchiveImportResult> ImportAsync(string folder, string? slug)
    {
        await using var db = Db();
        return await WorkspaceArchiveImport.FromPathAsync(db, folder, slug);
    }

    private async Task<int> WorkspaceIdAsync(string slug)
    {
        await using var db = Db();
        return await db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();
    }

    /// <summary>Rows per workspace-scoped table of the model, counted in SQL (exported or not, sale_day included).</summary>
    private async Task<Dictionary<string, long>> CountsAsync(int workspace)
    {
        await using var db = Db();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in WorkspaceScoped(db))
        {
            // The table names come from the model, not from input.
#pragma warning disable EF1003
            counts[table] = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\" WHERE workspace_id = {0}", workspace).SingleAsync();
#pragma warning restore EF1003
        }

        return counts;
    }

    /// <summary>The workspace tables as the EF model has them: every table with a workspace_id column.</summary>
    private static List<string> WorkspaceScoped(KaminoDb db) =>
        [.. db.Model.GetEntityTypes()
            .Where(e => e.GetProperties().Any(p => p.GetColumnName() == "workspace_id"))
            .Select(e => e.GetTableName()!)
            .Distinct()
            .Order(StringComparer.Ordinal)];

    private async Task<string> ParetoJsonAsync(int workspace)
    {
        await using var db = Db();
        var all = await ParetoQuery.RunAsync(db, workspace, new ParetoRequest(All: true));
        var year = await ParetoQuery.RunAsync(db, workspace, new ParetoRequest(new DateOnly(2025, 3, 1), new DateOnly(2026, 2, 28)));
        return JsonSerializer.Serialize(new { all, year }, KaminoJson.Options);
    }

    [Fact]
    public async Task RoundTrip_DemoIntoNewWorkspace_EqualsTheOriginalToTheCentAndTheRecord()
    {
        var manifest = await ExportAsync(demo, ExportFolder("out"));

        var result = await ImportAsync(ExportFolder("out"), "copy");

        Assert.True(result.Imported, string.Join("\n", result.Problems));
        var copy = await WorkspaceIdAsync("copy");
        var before = await CountsAsync(demo);
        Assert.Equal(before, await CountsAsync(copy));
        Assert.All(before.Where(c => c.Key is not ("calendar_feed" or "invitation")), c => Assert.True(c.Value > 0, $"the demo has no {c.Key} rows"));
        Assert.Equal(await ParetoJsonAsync(demo), await ParetoJsonAsync(copy));

        // Every record, field by field: the copy exports the same files (only its slug differs).
        var again = await ExportAsync(copy, ExportFolder("again"));
        Assert.Equal(manifest.Files.Select(f => (f.File, f.Rows)), again.Files.Select(f => (f.File, f.Rows)));
        foreach (var file in manifest.Files.Where(f => f.File != WorkspaceArchiveTables.WorkspaceFile))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(ExportFolder("out"), file.File)).SequenceEqual(File.ReadAllBytes(Path.Combine(ExportFolder("again"), file.File))),
                $"{file.File} differs after the round trip");
        }

        var settings = File.ReadAllText(Path.Combine(ExportFolder("again"), WorkspaceArchiveTables.WorkspaceFile));
        Assert.Equal(File.ReadAllText(Path.Combine(ExportFolder("out"), WorkspaceArchiveTables.WorkspaceFile)), settings.Replace(",copy,", ",demo,", StringComparison.Ordinal));

        await using var db = Db();
        var revenue = await db.SaleLines.Where(s => s.WorkspaceId == demo).SumAsync(s => s.NetCents);
        Assert.Equal(revenue, await db.SaleLines.Where(s => s.WorkspaceId == copy).SumAsync(s => s.NetCents));
        Assert.Equal(
            await db.SaleDays.Where(d => d.WorkspaceId == demo).OrderBy(d => d.CustomerId).ThenBy(d => d.Date).Select(d => new { d.CustomerId, d.Date, d.NetCents, d.LineCount }).ToListAsync(),
            await db.SaleDays.Where(d => d.WorkspaceId == copy).OrderBy(d => d.CustomerId).ThenBy(d => d.Date).Select(d => new { d.CustomerId, d.Date, d.NetCents, d.LineCount }).ToListAsync());
        var name = await db.Customers.Where(c => c.WorkspaceId == copy).OrderBy(c => c.Id).Select(c => c.Name).FirstAsync();
        Assert.Equal("=HYPERLINK(\"x\"), \"quoted\"\r\nsecond line @é€", name);
        var first = await db.Contacts.Where(c => c.WorkspaceId == copy).OrderBy(c => c.Id).Select(c => new { c.Title, c.Phone }).FirstAsync();
        Assert.Equal("", first.Title);
        Assert.Null(first.Phone);
        Assert.True(await db.Workspaces.Where(w => w.Id == copy).Select(w => w.SalesVersion).SingleAsync() > 0);
    }

    [Fact]
    public async Task Import_IntoAnotherDatabase_CreatesMembersWithoutPasswordAndKeepsTheFigures()
    {
        await ExportAsync(demo, ExportFolder("out"));
        await using var other = await TestDatabase.CreateAsync(engineOfTest);
        ArchiveImportResult result;
        await using (var db = other.Database.CreateDbContext())
        {
            result = await WorkspaceArchiveImport.FromPathAsync(db, ExportFolder("out"), null);
        }

        Assert.True(result.Imported, string.Join("\n", result.Problems));
        Assert.Equal(DemoData.WorkspaceSlug, result.Workspace);
        Assert.Equal(0, result.UsersMatched);
        await using var source = Db();
        await using var target = other.Database.CreateDbContext();
        var copy = await target.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync();
        var members = await (from m in source.Memberships join u in source.Users on m.UserId equals u.Id where m.WorkspaceId == demo select new { u.Email, m.Role }).OrderBy(x => x.Email).ToListAsync();
        var restored = await (from m in target.Memberships join u in target.Users on m.UserId equals u.Id where m.WorkspaceId == copy select new { u.Email, m.Role, u.PasswordHash }).OrderBy(x => x.Email).ToListAsync();
        Assert.Equal(members, restored.Select(x => new { x.Email, x.Role }));
        Assert.All(restored, r => Assert.Null(r.PasswordHash));
        Assert.Equal(result.UsersCreated, await target.Users.CountAsync());
        Assert.Equal(
            JsonSerializer.Serialize(await ParetoQuery.RunAsync(source, demo, new ParetoRequest(All: true)), KaminoJson.Options),
            JsonSerializer.Serialize(await ParetoQuery.RunAsync(target, copy, new ParetoRequest(All: true)), KaminoJson.Options));

        // Rows that name a person name the same person by email.
        var owners = await (from t in source.AccountTeamMembers join u in source.Users on t.UserId equals u.Id where t.WorkspaceId == demo select new { t.CustomerId, u.Email }).OrderBy(x => x.CustomerId).ThenBy(x => x.Email).ToListAsync();
        Assert.NotEmpty(owners);
        Assert.Equal(owners, await (from t in target.AccountTeamMembers join u in target.Users on t.UserId equals u.Id where t.WorkspaceId == copy select new { t.CustomerId, u.Email }).OrderBy(x => x.CustomerId).ThenBy(x => x.Email).ToListAsync());
    }

    [Fact]
    public async Task Import_ChangedFile_RefusedAndNothingStored()
    {
        await ExportAsync(demo, ExportFolder("out"));
        var path = Path.Combine(ExportFolder("out"), "sale_line.csv");
        var bytes = File.ReadAllBytes(path);
        var at = Array.FindIndex(bytes, Array.IndexOf(bytes, (byte)'\n') + 1, b => b is >= (byte)'0' and <= (byte)'9');
        bytes[at] = (byte)('0' + ((bytes[at] - '0' + 1) % 10));
        File.WriteAllBytes(path, bytes);
        var before = await CountsAsync(demo);
        await using var check = Db();
        var users = await check.Users.CountAsync();

        var result = await ImportAsync(ExportFolder("out"), "copy");

        Assert.False(result.Imported);
        Assert.Contains(result.Problems, p => p.StartsWith("sale_line.csv: SHA-256", StringComparison.Ordinal));
        Assert.False(await check.Workspaces.AnyAsync(w => w.Slug == "copy"));
        Assert.Equal(users, await check.Users.CountAsync());
        Assert.Equal(before, await CountsAsync(demo));
    }

    [Fact]
    public async Task Import_RowCountNotTheManifests_Refused()
    {
        await ExportAsync(demo, ExportFolder("out"));
        var path = Path.Combine(ExportFolder("out"), ArchiveManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        var customers = manifest["files"]!.AsArray().Single(f => (string?)f!["table"] == "customer")!;
        customers["rows"] = (long)customers["rows"]! + 1;
        File.WriteAllText(path, manifest.ToJsonString());

        var result = await ImportAsync(ExportFolder("out"), "copy");

        Assert.False(result.Imported);
        Assert.Contains(result.Problems, p => p.StartsWith("customer.csv:", StringComparison.Ordinal) && p.Contains("the manifest says", StringComparison.Ordinal));
        await using var db = Db();
        Assert.False(await db.Workspaces.AnyAsync(w => w.Slug == "copy"));
    }

    [Fact]
    public async Task Import_NonEmptyWorkspace_RefusedAndUnchanged()
    {
        await ExportAsync(demo, ExportFolder("out"));
        var before = await CountsAsync(demo);

        var result = await ImportAsync(ExportFolder("out"), DemoData.WorkspaceSlug);

        Assert.False(result.Imported);
        Assert.Contains("is not empty", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(demo));
    }

    [Fact]
    public async Task Import_NewlyCreatedWorkspace_ReplacesItsDefaultsAndKeepsItsCreator()
    {
        await ExportAsync(demo, ExportFolder("out"));
        await using (var db = Db())
        {
            var (created, _) = await NewWorkspace.CreateAsync(db, "fresh", "Fresh", "EUR", System.Globalization.CultureInfo.GetCultureInfo("es-ES"), clock);
            await TeamData.MemberAsync(db, created!.Id, "founder@example.test", Kamino.People.Role.Director);
        }

        var result = await ImportAsync(ExportFolder("out"), "fresh");

        Assert.True(result.Imported, string.Join("\n", result.Problems));
        var fresh = await WorkspaceIdAsync("fresh");
        var copied = await CountsAsync(fresh);
        var original = await CountsAsync(demo);
        Assert.Equal(original["tier"], copied["tier"]);
        Assert.Equal(original["criterion"], copied["criterion"]);
        Assert.Equal(original["membership"] + 1, copied["membership"]);
        Assert.Equal(await ParetoJsonAsync(demo), await ParetoJsonAsync(fresh));
    }

    [Fact]
    public async Task Export_EveryWorkspaceTableOfTheModel_IsExportedWithEveryColumnOrLeftOutForAReason()
    {
        var manifest = await ExportAsync(demo, ExportFolder("out"));
        await using var db = Db();

        var exported = manifest.Files.Select(f => f.Table).Where(t => t is not ("workspace" or "user")).ToHashSet(StringComparer.Ordinal);
        var left = WorkspaceArchiveTables.NotExported.Keys.ToHashSet(StringComparer.Ordinal);
        Assert.Empty(exported.Intersect(left));
        Assert.Equal(WorkspaceScoped(db), exported.Union(left).Order(StringComparer.Ordinal));
        Assert.Equal(left.Order(StringComparer.Ordinal), manifest.NotExported.Select(n => n.Table).Order(StringComparer.Ordinal));

        foreach (var entity in db.Model.GetEntityTypes().Where(e => exported.Contains(e.GetTableName()!)))
        {
            var header = File.ReadLines(Path.Combine(ExportFolder("out"), entity.GetTableName() + ".csv")).First().Split(',');
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).Where(c => c != "workspace_id").Order(StringComparer.Ordinal);
            Assert.Equal(columns, header.Order(StringComparer.Ordinal));
            Assert.DoesNotContain(header, h => h.Contains("hash", StringComparison.Ordinal) || h.Contains("token", StringComparison.Ordinal)
                || h.Contains("secret", StringComparison.Ordinal) || h.Contains("stamp", StringComparison.Ordinal) || h.Contains("password", StringComparison.Ordinal));

            // Every foreign key to the users table is a column the import maps by email.
            foreach (var fk in entity.GetForeignKeys().Where(f => f.PrincipalEntityType.ClrType == typeof(Kamino.SignIn.KaminoUser)))
            {
                Assert.All(fk.Properties, p => Assert.EndsWith("UserId", p.Name, StringComparison.Ordinal));
            }
        }

        var workspaceHeader = File.ReadLines(Path.Combine(ExportFolder("out"), WorkspaceArchiveTables.WorkspaceFile)).First().Split(',');
        var workspaceColumns = db.Model.FindEntityType(typeof(Workspace))!.GetProperties().Select(p => p.GetColumnName())
            .Except(["id", "sales_version", "accounts_version", "watch_version"]).Order(StringComparer.Ordinal);
        Assert.Equal(workspaceColumns, workspaceHeader.Order(StringComparer.Ordinal));
        Assert.Equal(["id", "email", "display_name", "language"], File.ReadLines(Path.Combine(ExportFolder("out"), WorkspaceArchiveTables.UserFile)).First().Split(','));
    }

    [Fact]
    public async Task Export_ManifestAndSchema_DescribeEveryFile()
    {
        var manifest = await ExportAsync(demo, ExportFolder("out"));

        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(ExportFolder("out"), ArchiveManifest.SchemaFileName)))!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(ExportFolder("out"), file.File);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
            var def = schema["$defs"]![file.Table]!;
            Assert.Equal(file.File, (string?)def["x-file"]);
            var header = File.ReadLines(path).First().Split(',');
            Assert.Equal(header.Order(StringComparer.Ordinal), def["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        }

        var saleLine = schema["$defs"]!["sale_line"]!["properties"]!;
        Assert.Equal("integer", (string?)saleLine["net_cents"]!["type"]);
        Assert.Equal("date", (string?)saleLine["date"]!["format"]);
        Assert.Contains("tier", schema["$defs"]!["customer"]!["x-foreignKeys"]!.AsArray().Select(f => (string?)f!["references"]));
        Assert.Equal(DemoData.WorkspaceSlug, manifest.Workspace);
        Assert.Equal(WorkspaceArchiveTables.FormatVersion, manifest.FormatVersion);
    }
}

public sealed class SqliteWorkspaceArchiveTests() : WorkspaceArchiveTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresWorkspaceArchiveTests() : WorkspaceArchiveTests(Engine.Postgres);
