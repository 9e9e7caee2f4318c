using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Kamino.Data;
using Kamino.People;
using Kamino.SignIn;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Exports;

/// <summary>What <c>kamino import-export</c> did: the workspace filled and rows per table, or why nothing was stored.</summary>
public sealed record ArchiveImportResult(string? Workspace, IReadOnlyList<string> Problems, IReadOnlyList<ArchiveFile> Files, int UsersCreated, int UsersMatched)
{
    public bool Imported => Problems.Count == 0;

    internal static ArchiveImportResult Refused(params string[] problems) => new(null, problems, [], 0, 0);
}

/// <summary>
/// <c>kamino import-export DIR</c>: restores a workspace archive (<see cref="WorkspaceArchive"/>) into a new workspace or an
/// empty one. Every file is checked against the manifest (SHA-256, row count, header) before anything is written; then
/// everything is written in one transaction (all or nothing). Row ids inside a workspace are kept (every key leads with the
/// workspace id), so only the workspace id and user ids change: a person is matched to the account with the same email,
/// or an account without a password is created for them (they get one as for <c>kamino users password</c>).
/// </summary>
public static class WorkspaceArchiveImport
{
    /// <summary>The largest manifest read (bytes).</summary>
    public const int MaxManifestBytes = 4 << 20;

    /// <summary>Rows saved per round trip (tables whose rows point at rows of the same table are saved at once).</summary>
    private const int Batch = 2000;

    /// <summary>Tables a new workspace gets by default (tiers, criteria) or that hold who set it up: an "empty" workspace may have them.</summary>
    private static readonly string[] AllowedInEmpty = ["tier", "criterion", "membership", "workspace_counter"];

    private static readonly MethodInfo AnyMethod = typeof(WorkspaceArchiveImport).GetMethod(nameof(AnyRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo DeleteMethod = typeof(WorkspaceArchiveImport).GetMethod(nameof(DeleteRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Imports the archive in <paramref name="path"/>: a folder, or a <c>.zip</c> as the web app downloads it.</summary>
    public static async Task<ArchiveImportResult> FromPathAsync(KaminoDb db, string path, string? slug, CancellationToken ct = default)
    {
        if (Directory.Exists(path))
        {
            return await ImportAsync(db, name => File.Exists(Path.Combine(path, name)) ? File.OpenRead(Path.Combine(path, name)) : null, slug, ct);
        }

        if (!File.Exists(path))
        {
            return ArchiveImportResult.Refused($"{path}: no such folder or zip file");
        }

        using var zip = ZipFile.OpenRead(path);
        return await ImportAsync(db, name => zip.GetEntry(name)?.Open(), slug, ct);
    }

    /// <summary>
    /// Imports the archive whose files <paramref name="open"/> gives (null: no such file) into workspace
    /// <paramref name="slug"/> (default: the exported workspace's slug).
    /// </summary>
    public static async Task<ArchiveImportResult> ImportAsync(KaminoDb db, Func<string, Stream?> open, string? slug, CancellationToken ct = default)
    {
        var (manifest, problem) = await ReadManifestAsync(open, ct);
        if (manifest is null)
        {
            return ArchiveImportResult.Refused(problem!);
        }

        slug ??= manifest.Workspace;
        if (!WorkspaceSlug.IsValid(slug))
        {
            return ArchiveImportResult.Refused($"'{slug}' is not a workspace slug: {WorkspaceSlug.Rule}");
        }

        var tables = WorkspaceArchiveTables.Tables(db);
        var plan = new ArchivePlan(db, tables, manifest);
        var problems = plan.Problems.ToList();
        foreach (var file in plan.Files)
        {
            problems.AddRange(await ArchiveFileCheck.VerifyAsync(open, file, ct));
        }

        if (problems.Count > 0)
        {
            return ArchiveImportResult.Refused([.. problems]);
        }

        var target = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Slug == slug, ct);
        if (target is not null)
        {
            var busy = new List<string>();
            foreach (var t in tables.Where(t => !AllowedInEmpty.Contains(t.Name)))
            {
                if (await (Task<bool>)AnyMethod.MakeGenericMethod(t.Entity.ClrType).Invoke(null, [db, target.Id, ct])!)
                {
                    busy.Add(t.Name);
                }
            }

            if (busy.Count > 0)
            {
                return ArchiveImportResult.Refused($"workspace '{slug}' is not empty (it has rows in {string.Join(", ", busy)}): import into a new workspace with --workspace NEW");
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var (workspaceId, wsProblem) = await PrepareWorkspaceAsync(db, open, plan, target, slug, ct);
            if (wsProblem is not null)
            {
                return ArchiveImportResult.Refused(wsProblem);
            }

            var (users, created, matched) = await MapUsersAsync(db, open, plan, ct);
            var members = (await db.Memberships.Where(m => m.WorkspaceId == workspaceId).Select(m => m.UserId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                if (plan.FileOf(table.Name) is not { } file)
                {
                    continue;
                }

                await InsertAsync(db, open, file, table, workspaceId, users, members, ct);
            }

            await db.Workspaces.Where(w => w.Id == workspaceId).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.SalesVersion, w => w.SalesVersion + 1)
                .SetProperty(w => w.AccountsVersion, w => w.AccountsVersion + 1)
                .SetProperty(w => w.WatchVersion, w => w.WatchVersion + 1), ct);
            await tx.CommitAsync(ct);
            return new ArchiveImportResult(slug, [], manifest.Files, created, matched);
        }
        catch (ArchiveRowException e)
        {
            return ArchiveImportResult.Refused(e.Message);
        }
        catch (DbUpdateException e)
        {
            return ArchiveImportResult.Refused("the database refused the rows (nothing was stored): " + (e.InnerException?.Message ?? e.Message));
        }
    }

    private static async Task<(ArchiveManifest? Manifest, string? Problem)> ReadManifestAsync(Func<string, Stream?> open, CancellationToken ct)
    {
        await using var stream = open(ArchiveManifest.FileName);
        if (stream is null)
        {
            return (null, $"{ArchiveManifest.FileName} is missing: this is not a Kamino workspace export");
        }

        var buffer = new MemoryStream();
        await CopyBoundedAsync(stream, buffer, MaxManifestBytes, ct);
        if (buffer.Length > MaxManifestBytes)
        {
            return (null, $"{ArchiveManifest.FileName} is larger than {MaxManifestBytes} bytes");
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<ArchiveManifest>(buffer.ToArray(), KaminoJson.Options);
            if (manifest?.Format != ArchiveManifest.FormatName || manifest.Files is null)
            {
                return (null, $"{ArchiveManifest.FileName} is not the manifest of a Kamino workspace export");
            }

            return manifest.FormatVersion == WorkspaceArchiveTables.FormatVersion
                ? (manifest, null)
                : (null, $"export format version {manifest.FormatVersion} is not supported (this Kamino reads version {WorkspaceArchiveTables.FormatVersion})");
        }
        catch (JsonException e)
        {
            return (null, $"{ArchiveManifest.FileName} is not valid JSON: {e.Message}");
        }
    }

    internal static async Task CopyBoundedAsync(Stream from, Stream to, long max, CancellationToken ct)
    {
        var buffer = new byte[81920];
        int n;
        while ((n = await from.ReadAsync(buffer, ct)) > 0 && to.Length <= max)
        {
            await to.WriteAsync(buffer.AsMemory(0, n), ct);
        }
    }

    /// <summary>Creates the workspace (or clears a new one's defaults) and sets its settings from workspace.csv.</summary>
    private static async Task<(int Id, string? Problem)> PrepareWorkspaceAsync(KaminoDb db, Func<string, Stream?> open, ArchivePlan plan, Workspace? target, string slug, CancellationToken ct)
    {
        var file = plan.FileOf("workspace")!;
        var rows = await ArchiveFileCheck.ReadAsync(open, file, ct).ToListAsync(ct);
        if (rows.Count != 1)
        {
            return (0, $"{file.File}: one row expected, {rows.Count} found");
        }

        Workspace ws;
        if (target is null)
        {
            ws = new Workspace { Slug = slug, Name = slug };
            db.Workspaces.Add(ws);
        }
        else
        {
            ws = await db.Workspaces.SingleAsync(w => w.Id == target.Id, ct);
            foreach (var name in AllowedInEmpty.Where(n => n != "membership"))
            {
                var table = WorkspaceArchiveTables.Tables(db).Single(t => t.Name == name);
                await (Task)DeleteMethod.MakeGenericMethod(table.Entity.ClrType).Invoke(null, [db, ws.Id, ct])!;
            }
        }

        ArchivePlan.Apply(file, rows[0], ws, c => c.Property.Name != nameof(Workspace.Slug));
        if (NewWorkspace.NameProblem(ws.Name) is { } problem)
        {
            return (0, $"{file.File}: {problem}");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (0, $"workspace '{slug}' was created by someone else meanwhile");
        }

        return (ws.Id, null);
    }

    /// <summary>Maps every exported user id to an account here: the one with the same email, else a new one without a password.</summary>
    private static async Task<(Dictionary<string, string> Map, int Created, int Matched)> MapUsersAsync(KaminoDb db, Func<string, Stream?> open, ArchivePlan plan, CancellationToken ct)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        int created = 0, matched = 0;
        var file = plan.FileOf("user")!;
        await foreach (var row in ArchiveFileCheck.ReadAsync(open, file, ct))
        {
            string? Get(string column) => file.Index.TryGetValue(column, out var i) ? row.Fields[i] : null;
            var id = Get("id");
            var email = Get("email")?.Trim();
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
            {
                throw new ArchiveRowException($"{file.File}:{row.Number}: a person needs an id and an email");
            }

            var normal = email.ToUpperInvariant();
            var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normal, ct);
            if (user is null)
            {
                user = new KaminoUser
                {
                    UserName = email,
                    NormalizedUserName = normal,
                    Email = email,
                    NormalizedEmail = normal,
                    EmailConfirmed = true,
                    LockoutEnabled = true,
                    DisplayName = Get("display_name") ?? email,
                    Language = Get("language") is "es" or "en" ? Get("language") : null,
                    SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
                };
                db.Users.Add(user);
                await db.SaveChangesAsync(ct);
                created++;
            }
            else
            {
                matched++;
            }

            map[id] = user.Id;
        }

        return (map, created, matched);
    }

    private static async Task InsertAsync(KaminoDb db, Func<string, Stream?> open, PlannedFile file, ArchiveTable table, int workspaceId,
        Dictionary<string, string> users, HashSet<string> members, CancellationToken ct)
    {
        var workspaceProperty = table.Entity.FindProperty("WorkspaceId")!;
        var selfReferencing = table.Entity.GetForeignKeys().Any(fk => fk.PrincipalEntityType == table.Entity);
        var pending = 0;
        await foreach (var row in ArchiveFileCheck.ReadAsync(open, file, ct))
        {
            var entity = Activator.CreateInstance(table.Entity.ClrType)!;
            ArchivePlan.Set(workspaceProperty, entity, workspaceId);
            ArchivePlan.Apply(file, row, entity, _ => true, users);
            if (entity is Membership m && !members.Add(m.UserId))
            {
                continue; // already a member of the target workspace (its creator): keeps their role
            }

            db.Add(entity);
            if (++pending >= Batch && !selfReferencing)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static Task<bool> AnyRowsAsync<T>(KaminoDb db, int workspaceId, CancellationToken ct)
        where T : class => db.Set<T>().AnyAsync(e => EF.Property<int>(e, "WorkspaceId") == workspaceId, ct);

    private static Task<int> DeleteRowsAsync<T>(KaminoDb db, int workspaceId, CancellationToken ct)
        where T : class => db.Set<T>().Where(e => EF.Property<int>(e, "WorkspaceId") == workspaceId).ExecuteDeleteAsync(ct);
}

/// <summary>A row of an archive that cannot be stored: the import stops and stores nothing.</summary>
internal sealed class ArchiveRowException(string message) : Exception(message);
