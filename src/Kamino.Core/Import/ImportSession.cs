using System.Globalization;
using Kamino.Audit;
using Kamino.Currencies;
using Kamino.Data;
using Kamino.Workspaces;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Kamino.Import;

/// <summary>
/// The database side of one import, around the lines a <see cref="LineSink"/> stores: the transaction (the whole
/// file or nothing), the workspace (created on its first import), its customers and own tax ids, the history row
/// (<see cref="ImportRecord"/>) and, at the end, the audit entry. Also the state the sinks share.
/// </summary>
internal sealed class ImportSession : IAsyncDisposable
{
    private readonly KaminoDb db;
    private readonly IDbContextTransaction tx;

    private ImportSession(KaminoDb db, IDbContextTransaction tx, Workspace workspace, bool workspaceCreated, ImportRecord record,
        Dictionary<string, long> customerIds, long nextCustomerId, HashSet<string> ownTaxIds)
    {
        this.db = db;
        this.tx = tx;
        Workspace = workspace;
        WorkspaceCreated = workspaceCreated;
        Record = record;
        CustomerIds = customerIds;
        NextCustomerId = nextCustomerId;
        Currency = workspace.Currency;
        OwnTaxIds = ownTaxIds;
    }

    public Workspace Workspace { get; }

    public bool WorkspaceCreated { get; }

    /// <summary>The import's history row, written when the session starts; its counts are set before it completes.</summary>
    public ImportRecord Record { get; }

    /// <summary>Customer id by customer key: the workspace's stored customers, then those this import adds.</summary>
    public Dictionary<string, long> CustomerIds { get; }

    public long NextCustomerId { get; set; }

    /// <summary>The workspace's reporting currency, set when it was created (never by an import).</summary>
    public string Currency { get; }

    /// <summary>The workspace's conversion to <see cref="Currency"/>, with its rate table (loaded when the session starts, before any bulk copy holds the connection).</summary>
    public CurrencyConversion Conversion { get; private init; } = null!;

    /// <summary>Lines handed to the sink so far.</summary>
    public int LinesSeen { get; set; }

    /// <summary>Lines conflicting with earlier imports replace them (<see cref="ImportRequest.Replace"/>).</summary>
    public bool Replace { get; init; }

    /// <summary>The workspace's own tax ids, normalised as e-invoice sellers are; empty = every seller is accepted.</summary>
    public HashSet<string> OwnTaxIds { get; }

    /// <summary>
    /// Opens the transaction (SQLite: <c>BEGIN IMMEDIATE</c>, its only write lock; PostgreSQL: an advisory lock per
    /// workspace), finds or creates the workspace, loads its customers and writes the history row.
    /// </summary>
    public static async Task<ImportSession> StartAsync(KaminoDatabase database, ImportRequest request, string fileName, string sha, string formatName, TimeProvider clock, CancellationToken ct)
    {
        var db = database.CreateDbContext();
        IDbContextTransaction? tx = null;
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            tx = await db.Database.BeginTransactionAsync(ct);
            var slug = request.Workspace;
            if (db.IsPostgres)
            {
                // One import per workspace at a time; SQLite's BEGIN IMMEDIATE already serialises writers.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(4242, hashtext({slug}))", ct);
            }

            var (ws, created) = await NewWorkspace.FindOrCreateAsync(db, slug, CultureInfo.CurrentUICulture, clock, ct);

            var ownTaxIds = await db.WorkspaceTaxIds.Where(t => t.WorkspaceId == ws.Id).Select(t => t.TaxId).ToListAsync(ct);
            var customers = await db.Customers.Where(c => c.WorkspaceId == ws.Id)
                .Select(c => new { c.Key, c.Id }).ToListAsync(ct);
            // Imports of a workspace already take turns (the lock above, or SQLite's one writer), so holding the
            // counter row until commit blocks no one else. Customers are written only by imports, under that same
            // lock: numbering them after the highest stored is safe.
            var record = new ImportRecord
            {
                WorkspaceId = ws.Id,
                Id = await db.NextIdAsync(db.Imports, ws.Id, ct),
                FileName = fileName.Length > 500 ? fileName[..500] : fileName,
                Sha256 = sha,
                Format = formatName,
                ImportedAt = clock.GetUtcNow(),
            };
            db.Imports.Add(record);
            await db.SaveChangesAsync(ct);
            return new ImportSession(db, tx, ws, created, record,
                customers.ToDictionary(c => c.Key, c => c.Id, StringComparer.Ordinal),
                customers.Count == 0 ? 1 : customers.Max(c => c.Id) + 1,
                new HashSet<string>(ownTaxIds, StringComparer.Ordinal))
            {
                Replace = request.Replace,
                Conversion = new CurrencyConversion(ws.Currency, await ExchangeRates.TableAsync(db, ws.Id, ct)),
            };
        }
        catch
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The sink of this database's engine, writing on the session's connection and transaction.</summary>
    public LineSink CreateSink(ImportProblemList problems) => db.IsPostgres
        ? new PostgresLineSink(this, problems, (NpgsqlConnection)db.Database.GetDbConnection())
        : new SqliteLineSink(this, problems, (SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)tx.GetDbTransaction());

    /// <summary>Undoes everything the session wrote: the file was rejected.</summary>
    public Task RollbackAsync() => tx.RollbackAsync(CancellationToken.None);

    /// <summary>
    /// Saves the history row's counts and, when <paramref name="actor"/> is given and this is no dry run, the audit
    /// entry (naming the file <paramref name="name"/>); then commits, or rolls back a dry run.
    /// </summary>
    public async Task CompleteAsync(string name, ImportActor? actor, bool dryRun, int linesReplaced, TimeProvider clock, CancellationToken ct)
    {
        if (actor is not null && !dryRun)
        {
            // Last, so that a PostgreSQL transaction holds the audit counter row only while it commits.
            var r = Record;
            var summary = AuditText.Of("import.imported", name, r.Id, r.Format, r.LinesAdded, r.LinesSkipped, linesReplaced, r.CustomersAdded)
                .AndIf(r.LinesRejected > 0, "import.rejected", r.LinesRejected)
                .AndIf(actor.OsUser is not null, "import.os-user", actor.OsUser);

            await AuditLog.AddAsync(db, Workspace.Id, actor.UserId, "import", r.Id.ToString(CultureInfo.InvariantCulture), "import", summary, null, clock, ct);
        }

        // Last, like the audit entry: on PostgreSQL the workspace row stays locked until the commit.
        await db.BumpSalesVersionAsync([Workspace.Id], ct);
        await db.SaveChangesAsync(ct);
        if (dryRun)
        {
            await tx.RollbackAsync(CancellationToken.None);
        }
        else
        {
            await tx.CommitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await db.DisposeAsync();
    }
}
