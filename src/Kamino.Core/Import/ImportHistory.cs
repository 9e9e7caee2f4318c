using System.Globalization;
using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Import;

/// <summary>How <see cref="ImportHistory.UndoAsync"/> ended.</summary>
public enum UndoOutcome
{
    Undone,
    WorkspaceNotFound,
    ImportNotFound,
    AlreadyUndone,
}

/// <summary>
/// Result of undoing an import: lines removed, customers it created that were removed, and those kept
/// because they have other lines or are referenced by tasks, account teams or designations.
/// </summary>
public sealed record UndoResult(UndoOutcome Outcome, long ImportId, string? FileName = null, int LinesRemoved = 0, int CustomersRemoved = 0, int CustomersKept = 0);

/// <summary>The imports of a workspace (<c>kamino imports list</c>) and undoing one (<c>kamino imports undo</c>).</summary>
public static class ImportHistory
{
    /// <summary>A workspace's imports, oldest first, undone ones included (their <see cref="ImportRecord.UndoneAt"/> set).</summary>
    public static IQueryable<ImportRecord> For(KaminoDb db, int workspaceId) =>
        db.Imports.AsNoTracking().Where(i => i.WorkspaceId == workspaceId).OrderBy(i => i.Id);

    /// <summary>
    /// Removes exactly the sale lines that import <paramref name="importId"/> added (lines it found already
    /// imported belong to the earlier import and stay), and the customers it created that are left with no
    /// line and are not referenced by a task, an account team, a designation, a rating, a referral, a contact, an
    /// activity or an account plan (what people entered is never lost by an undo). The import stays in the history marked undone, and an
    /// audit entry records the undo; all in one transaction. It takes the workspace's slug, not its id, because the
    /// slug is the key of the importer's per-workspace lock that it must share.
    /// </summary>
    public static async Task<UndoResult> UndoAsync(KaminoDatabase database, string workspace, long importId, string? userId, TimeProvider clock, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres)
        {
            // The importer's lock: an undo and an import of the same workspace do not interleave.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(4242, hashtext({workspace}))", ct);
        }

        var workspaceId = await db.Workspaces.Where(w => w.Slug == workspace).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        if (workspaceId is not { } ws)
        {
            return new UndoResult(UndoOutcome.WorkspaceNotFound, importId);
        }

        var record = await db.Imports.FirstOrDefaultAsync(i => i.WorkspaceId == ws && i.Id == importId, ct);
        if (record is null)
        {
            return new UndoResult(UndoOutcome.ImportNotFound, importId);
        }

        if (record.UndoneAt is not null)
        {
            return new UndoResult(UndoOutcome.AlreadyUndone, importId, record.FileName);
        }

        var lines = await db.SaleLines.Where(s => s.WorkspaceId == ws && s.ImportId == importId).ExecuteDeleteAsync(ct);
        var created = db.Customers.Where(c => c.WorkspaceId == ws && c.CreatedByImportId == importId);
        var createdCount = await created.CountAsync(ct);
        var removed = await created
            .Where(c => !db.SaleDays.Any(d => d.WorkspaceId == ws && d.CustomerId == c.Id) // a day row exists while the customer has lines
                && !db.Tasks.Any(t => t.WorkspaceId == ws && t.CustomerId == c.Id)
                && !db.AccountTeamMembers.Any(m => m.WorkspaceId == ws && m.CustomerId == c.Id)
                && !db.Designations.Any(d => d.WorkspaceId == ws && d.CustomerId == c.Id)
                && !db.Ratings.Any(r => r.WorkspaceId == ws && r.CustomerId == c.Id)
                && !db.Contacts.Any(k => k.WorkspaceId == ws && k.CustomerId == c.Id)
                && !db.Activities.Any(a => a.WorkspaceId == ws && a.CustomerId == c.Id)
                && !db.AccountPlans.Any(p => p.WorkspaceId == ws && p.CustomerId == c.Id)
                && !db.Referrals.Any(r => r.WorkspaceId == ws && (r.CustomerId == c.Id || r.ReferredByCustomerId == c.Id)))
            .ExecuteDeleteAsync(ct);

        await db.BumpSalesVersionAsync([ws], ct);
        record.UndoneAt = clock.GetUtcNow();
        var summary = AuditText.Of("import.undone", importId, record.FileName, lines, removed, createdCount - removed);
        await AuditLog.AddAsync(db, ws, userId, "import", importId.ToString(CultureInfo.InvariantCulture), "undo", summary, null, clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new UndoResult(UndoOutcome.Undone, importId, record.FileName, lines, removed, createdCount - removed);
    }
}
