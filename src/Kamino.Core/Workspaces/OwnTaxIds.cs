using System.Globalization;
using Kamino.Data;
using Kamino.Import;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Workspaces;

/// <summary>
/// The workspace's own tax ids (<c>kamino workspace set --tax-id</c>). E-invoices whose seller is none of them
/// are rejected on import; with none recorded every seller is accepted. CSV and Excel files are not checked.
/// </summary>
public static class OwnTaxIds
{
    /// <summary>The most tax ids a workspace records (a business and a few subsidiaries or foreign VAT registrations).</summary>
    public const int Max = 20;

    /// <summary>
    /// Replaces the workspace's tax ids with <paramref name="taxIds"/> (normalised like e-invoice sellers: upper
    /// case, no spaces, dots or dashes; duplicates dropped); an empty list clears them. The workspace is created
    /// when it does not exist, as an import would. Returns the stored ids, or an error message and nothing changed.
    /// </summary>
    public static async Task<(IReadOnlyList<string>? TaxIds, string? Error)> SetAsync(KaminoDatabase database, string slug, IReadOnlyList<string> taxIds, TimeProvider clock, CancellationToken ct = default)
    {
        var (clean, _, problem) = Clean(taxIds);
        if (problem is not null)
        {
            return (null, problem.ToString());
        }

        if (!WorkspaceSlug.IsValid(slug))
        {
            return (null, $"'{slug}' is not a workspace slug: {WorkspaceSlug.Rule}");
        }

        await using var db = database.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (ws, _) = await NewWorkspace.FindOrCreateAsync(db, slug, CultureInfo.CurrentUICulture, clock, ct);
        await db.BumpWatchVersionAsync(ws.Id, ct); // locks the workspace's row: concurrent saves take turns (see WorkspaceProfile.SetAsync)

        await db.WorkspaceTaxIds.Where(t => t.WorkspaceId == ws.Id).ExecuteDeleteAsync(ct);
        db.WorkspaceTaxIds.AddRange(clean.Select(id => new WorkspaceTaxId { WorkspaceId = ws.Id, TaxId = id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (clean, null);
    }

    /// <summary>
    /// The ids normalised like e-invoice sellers (upper case, no spaces, dots or dashes) without duplicates, or the
    /// first id that is not one (<c>Bad</c>) or too many ids, with the message.
    /// </summary>
    public static (IReadOnlyList<string> Clean, string? Bad, Said? Problem) Clean(IReadOnlyList<string> taxIds)
    {
        var clean = new List<string>();
        foreach (var raw in taxIds)
        {
            var id = EInvoiceXml.NormaliseTaxId(raw);
            if (id is null || id.Length > 40 || !id.All(char.IsAsciiLetterOrDigit))
            {
                return ([], raw, Said.Of("workspace.tax-id", raw));
            }

            if (!clean.Contains(id))
            {
                clean.Add(id);
            }
        }

        return clean.Count > Max ? ([], null, Said.Of("workspace.tax-ids-count", Max)) : (clean, null, null);
    }

    /// <summary>The workspace's tax ids in order, or null when the workspace does not exist.</summary>
    public static async Task<IReadOnlyList<string>?> GetAsync(KaminoDatabase database, string slug, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var id = await db.Workspaces.Where(w => w.Slug == slug).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return null;
        }

        var ids = await db.WorkspaceTaxIds.Where(t => t.WorkspaceId == id).Select(t => t.TaxId).ToListAsync(ct);
        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
