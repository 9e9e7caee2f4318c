using System.Data;
using System.IO.Compression;
using System.Linq.Expressions;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Kamino.Audit;
using Kamino.Data;
using Kamino.Workspaces;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Exports;

/// <summary>One file of an archive as the manifest lists it.</summary>
public sealed record ArchiveFile(string File, string Table, long Rows, string Sha256);

/// <summary>A table the archive leaves out, and why.</summary>
public sealed record ArchiveOmission(string Table, string Reason);

/// <summary><c>manifest.json</c> of a workspace archive (docs/export-all.md).</summary>
public sealed record ArchiveManifest(
    string Format,
    int FormatVersion,
    string KaminoVersion,
    string Workspace,
    string WorkspaceName,
    DateTimeOffset ExportedAt,
    string Encoding,
    string Money,
    string Values,
    string Formulas,
    string People,
    IReadOnlyList<ArchiveOmission> NotExported,
    IReadOnlyList<ArchiveFile> Files)
{
    public const string FormatName = "kamino-workspace-export";
    public const string FileName = "manifest.json";
    public const string SchemaFileName = "schema.json";
}

/// <summary>
/// <c>kamino export --all</c>: every record of one workspace as CSV files, one per table, with <c>manifest.json</c> and
/// <c>schema.json</c> (docs/export-all.md). The files are read in one snapshot of the database, so a write made meanwhile
/// is in all of them or in none. <see cref="WorkspaceArchiveImport"/> reads them back.
/// </summary>
public static class WorkspaceArchive
{
    private static readonly MethodInfo RowsMethod = typeof(WorkspaceArchive).GetMethod(nameof(Rows), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Writes the archive of workspace <paramref name="workspaceId"/> into <paramref name="folder"/> (created; files in it replaced).</summary>
    public static Task<ArchiveManifest> WriteFolderAsync(KaminoDb db, int workspaceId, string folder, TimeProvider clock, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        return WriteAsync(db, workspaceId, name => new FileStream(Path.Combine(folder, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), clock, ct);
    }

    /// <summary>Writes the archive as one zip (the files at its root) into <paramref name="zip"/>, a writable stream.</summary>
    public static async Task<ArchiveManifest> WriteZipAsync(KaminoDb db, int workspaceId, Stream zip, TimeProvider clock, CancellationToken ct = default)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        return await WriteAsync(db, workspaceId, name => archive.CreateEntry(name, CompressionLevel.Optimal).Open(), clock, ct);
    }

    /// <summary>Writes every file through <paramref name="create"/>, one at a time (a zip holds one open entry).</summary>
    public static async Task<ArchiveManifest> WriteAsync(KaminoDb db, int workspaceId, Func<string, Stream> create, TimeProvider clock, CancellationToken ct = default)
    {
        await using var snapshot = await SnapshotAsync(db, ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == workspaceId, ct);
        var files = new List<ArchiveFile>();
        var users = new HashSet<string>(StringComparer.Ordinal);

        var wsColumns = WorkspaceArchiveTables.WorkspaceColumns(db);
        files.Add(await WriteFileAsync(create, WorkspaceArchiveTables.WorkspaceFile, "workspace", wsColumns.Select(c => c.Name).ToList(),
            One([.. wsColumns.Select(c => WorkspaceArchiveTables.Format(c.Property.GetGetter().GetClrValue(workspace)))]), ct));

        foreach (var table in WorkspaceArchiveTables.Tables(db))
        {
            var getters = table.Columns.Select(c => c.Property.GetGetter()).ToArray();
            var userColumns = table.Columns.Select((c, i) => (c, i)).Where(x => x.c.IsUser).Select(x => x.i).ToArray();
            var rows = (IAsyncEnumerable<object>)RowsMethod.MakeGenericMethod(table.Entity.ClrType).Invoke(null, [db, workspaceId, table])!;
            files.Add(await WriteFileAsync(create, table.File, table.Name, [.. table.Columns.Select(c => c.Name)], Records(), ct));

            async IAsyncEnumerable<string?[]> Records()
            {
                await foreach (var entity in rows.WithCancellation(ct))
                {
                    var record = new string?[getters.Length];
                    for (var i = 0; i < getters.Length; i++)
                    {
                        record[i] = WorkspaceArchiveTables.Format(getters[i].GetClrValue(entity));
                    }

                    foreach (var i in userColumns)
                    {
                        if (record[i] is { } id)
                        {
                            users.Add(id);
                        }
                    }

                    yield return record;
                }
            }
        }

        var people = new List<string?[]>();
        foreach (var chunk in users.Order(StringComparer.Ordinal).Chunk(500))
        {
            people.AddRange(await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).OrderBy(u => u.Id)
                .Select(u => new string?[] { u.Id, u.Email, u.DisplayName, u.Language }).ToListAsync(ct));
        }

        files.Add(await WriteFileAsync(create, WorkspaceArchiveTables.UserFile, "user", WorkspaceArchiveTables.UserColumns, Many(people), ct));
        await snapshot.CommitAsync(ct);

        var manifest = Manifest(workspace, clock.GetUtcNow(), files);
        await using (var stream = create(ArchiveManifest.FileName))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, KaminoJson.Options, ct);
        }

        await using (var stream = create(ArchiveManifest.SchemaFileName))
        {
            await stream.WriteAsync(ArchiveCsv.Utf8.GetBytes(WorkspaceArchiveSchema.Of(db).ToJsonString(KaminoJson.Options)), ct);
        }

        return manifest;
    }

    /// <summary>
    /// Records in the workspace's audit trail that everything was exported, by <paramref name="userId"/> (null: the CLI,
    /// <paramref name="by"/> says who); written after the export, so the files do not hold it.
    /// </summary>
    public static async Task AuditAsync(KaminoDb db, int workspaceId, string? userId, string by, ArchiveManifest manifest, TimeProvider clock, CancellationToken ct = default)
    {
        var (rows, files) = (manifest.Files.Sum(f => f.Rows), manifest.Files.Count);
        var who = by.Trim();
        who = who.StartsWith("by ", StringComparison.Ordinal) ? who[3..] : who;
        var summary = who.Length == 0 ? AuditText.Of("workspace.exported", rows, files) : AuditText.Of("workspace.exported-by", who, rows, files);
        await AuditLog.AddAsync(db, workspaceId, userId, "workspace", manifest.Workspace, "exported", summary, null, clock, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Kamino's version as its assembly says it.</summary>
    public static string KaminoVersion =>
        typeof(WorkspaceArchive).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private static ArchiveManifest Manifest(Workspace workspace, DateTimeOffset now, List<ArchiveFile> files) => new(
        ArchiveManifest.FormatName,
        WorkspaceArchiveTables.FormatVersion,
        KaminoVersion,
        workspace.Slug,
        workspace.Name,
        now,
        "UTF-8 without byte order mark; RFC 4180 (comma, double quotes, CRLF); a header row of column names",
        "amounts are integer cents (columns ending in _cents) in the currency of their row or of the workspace; quantities, prices and percentages are exact decimals with a point",
        "an unquoted empty field is null, \"\" is empty text; dates yyyy-mm-dd; times ISO 8601 in UTC (Z); booleans true/false; enumerations by name; types in schema.json",
        "cells are written exactly as stored: text that starts with = + - @ is not neutralised, since this export is for programs; open it in a spreadsheet only through an import that treats cells as text",
        "people appear in user.csv (id as the other files use it, email, display name, language), never with passwords, security stamps, tokens or authenticator secrets",
        [.. WorkspaceArchiveTables.NotExported.Select(p => new ArchiveOmission(p.Key, p.Value))],
        files);

    private static async Task<ArchiveFile> WriteFileAsync(Func<string, Stream> create, string file, string table, IReadOnlyList<string> header,
        IAsyncEnumerable<string?[]> records, CancellationToken ct)
    {
        using var sha = SHA256.Create();
        long rows = 0;
        await using (var target = create(file))
        await using (var hashing = new CryptoStream(target, sha, CryptoStreamMode.Write, leaveOpen: true))
        await using (var w = new StreamWriter(hashing, ArchiveCsv.Utf8, 1 << 16))
        {
            ArchiveCsv.WriteRecord(w, [.. header]);
            await foreach (var record in records.WithCancellation(ct))
            {
                ArchiveCsv.WriteRecord(w, record);
                rows++;
            }
        }

        return new ArchiveFile(file, table, rows, Convert.ToHexStringLower(sha.Hash!));
    }

    private static async IAsyncEnumerable<string?[]> One(string?[] record)
    {
        await Task.CompletedTask;
        yield return record;
    }

    private static async IAsyncEnumerable<string?[]> Many(List<string?[]> records)
    {
        await Task.CompletedTask;
        foreach (var r in records)
        {
            yield return r;
        }
    }

    /// <summary>A workspace's rows of one entity, in key order, untracked and streamed.</summary>
    private static IAsyncEnumerable<object> Rows<T>(KaminoDb db, int workspaceId, ArchiveTable table)
        where T : class
    {
        IQueryable<T> query = db.Set<T>().AsNoTracking().Where(e => EF.Property<int>(e, "WorkspaceId") == workspaceId);
        var first = true;
        foreach (var key in table.Entity.FindPrimaryKey()!.Properties.Where(p => p.Name != "WorkspaceId"))
        {
            var e = Expression.Parameter(typeof(T), "e");
            var lambda = Expression.Lambda(Expression.Property(e, key.PropertyInfo!), e);
            var method = first ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy);
            query = (IQueryable<T>)typeof(Queryable).GetMethods().Single(m => m.Name == method && m.GetParameters().Length == 2)
                .MakeGenericMethod(typeof(T), key.ClrType).Invoke(null, [query, lambda])!;
            first = false;
        }

        return query.AsAsyncEnumerable();
    }

    /// <summary>
    /// A read-only transaction seeing one state of the database: repeatable read on PostgreSQL; on SQLite a deferred
    /// transaction (WAL keeps its snapshot from the first read without blocking writers).
    /// </summary>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> SnapshotAsync(KaminoDb db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        }

        await db.Database.OpenConnectionAsync(ct);
        var tx = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        return (await db.Database.UseTransactionAsync(tx, ct))!;
    }
}
