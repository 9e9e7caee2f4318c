using System.IO.Compression;
using System.Security.Cryptography;
using Kamino.Exports;

namespace Kamino.Host.Tests.Exports;

/// <summary>
/// <c>GET …/export/all.zip</c> through the real host over <see cref="TeamServer"/> (acme with one member per role; O1 in the
/// workspace "other"): a Director downloads every table with a manifest whose hashes hold; nobody else does.
/// </summary>
public abstract class ExportAllApiTests(TeamServer fixture)
{
    private const string Address = "api/workspaces/acme/export/all.zip";

    [Fact]
    public async Task Director_DownloadsEveryTable_HashesMatchAndNothingOfAnotherWorkspace()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        using var response = await director.GetAsync(Address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"acme-all-{TeamServer.Today:yyyy-MM-dd}.zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var files = Unzip(await response.Content.ReadAsByteArrayAsync());
        var manifest = JsonDocument.Parse(files[ArchiveManifest.FileName]).RootElement;
        Assert.Equal("acme", manifest.GetProperty("workspace").GetString());
        Assert.Contains(ArchiveManifest.SchemaFileName, files.Keys);
        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            var bytes = files[file.GetProperty("file").GetString()!];
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        var customers = Text(files["customer.csv"]);
        Assert.Contains("C1", customers, StringComparison.Ordinal);
        Assert.Contains("C2", customers, StringComparison.Ordinal);
        var everything = string.Concat(files.Values.Select(Text));
        Assert.DoesNotContain("O1", customers, StringComparison.Ordinal);
        Assert.DoesNotContain(TeamServer.OtherDirector, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", everything, StringComparison.Ordinal); // the start of every Identity password hash
        var people = Text(files["user.csv"]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,email,display_name,language", people[0]);
        Assert.Contains(people, p => p.Contains(TeamServer.Kam1, StringComparison.Ordinal));

        // The audit trail says who took everything.
        var directorId = await fixture.UserIdAsync(TeamServer.Director);
        var workspace = await fixture.WorkspaceIdAsync("acme");
        await using var db = fixture.Server.Database.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.WorkspaceId == workspace && a.Action == "exported" && a.UserId == directorId));

        // The zip as downloaded restores into a new workspace.
        var zip = Path.Combine(Path.GetTempPath(), $"kamino-all-{Guid.NewGuid():N}.zip");
        try
        {
            await File.WriteAllBytesAsync(zip, await response.Content.ReadAsByteArrayAsync());
            var restored = await WorkspaceArchiveImport.FromPathAsync(db, zip, "acme-restored");
            Assert.True(restored.Imported, string.Join("\n", restored.Problems));
        }
        finally
        {
            File.Delete(zip);
        }

        var copy = await fixture.WorkspaceIdAsync("acme-restored");
        Assert.Equal(
            await db.Customers.Where(c => c.WorkspaceId == workspace).OrderBy(c => c.Id).Select(c => new { c.Id, c.Key, c.Name, c.IsKeyAccount }).ToListAsync(),
            await db.Customers.Where(c => c.WorkspaceId == copy).OrderBy(c => c.Id).Select(c => new { c.Id, c.Key, c.Name, c.IsKeyAccount }).ToListAsync());
        Assert.Equal(
            await db.SaleLines.Where(s => s.WorkspaceId == workspace).SumAsync(s => s.NetCents),
            await db.SaleLines.Where(s => s.WorkspaceId == copy).SumAsync(s => s.NetCents));
    }

    [Fact]
    public async Task AllZip_Unauthenticated401_OtherWorkspace404_OtherRoles404()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        using var none = await anonymous.GetAsync(Address);
        using var foreign = await outsider.GetAsync(Address);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        foreach (var email in new[] { TeamServer.Lead, TeamServer.Kam1, TeamServer.Collaborator, TeamServer.Viewer })
        {
            using var member = await fixture.Server.BearerClientAsync(email);
            using var refused = await member.GetAsync(Address);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode); // as if there were no such download: it is a Director's
            Assert.NotEqual("application/zip", refused.Content.Headers.ContentType?.MediaType);
        }

        using var own = await outsider.GetAsync("api/workspaces/other/export/all.zip");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("O1", Text(Unzip(await own.Content.ReadAsByteArrayAsync())["customer.csv"]), StringComparison.Ordinal);
    }

    internal static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }

        return files;
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}

/// <summary><see cref="ExportAllApiTests"/> on SQLite.</summary>
public sealed class SqliteExportAllApiTests(TeamServer fixture) : ExportAllApiTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="ExportAllApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresExportAllApiTests(PostgresTeamServer fixture) : ExportAllApiTests(fixture), IClassFixture<PostgresTeamServer>;
