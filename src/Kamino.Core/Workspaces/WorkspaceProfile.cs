using System.Globalization;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Workspaces;

/// <summary>
/// What a workspace is called and how its money and e-invoices are read: its display name, reporting currency and
/// own tax ids, with the number of sale lines already stored (the currency cannot change under them).
/// </summary>
public sealed record WorkspaceProfileDto(string Slug, string Name, string Currency, IReadOnlyList<string> TaxIds, long SaleLines);

/// <summary>A change of the profile; null fields stay as they are (an empty tax-id list clears them).</summary>
public sealed record WorkspaceProfileChange(string? Name = null, string? Currency = null, IReadOnlyList<string>? TaxIds = null);

/// <summary>The field a <see cref="WorkspaceProblem"/> belongs to.</summary>
public enum WorkspaceField
{
    Slug,
    Name,
    Currency,
    TaxIds,
}

/// <summary>What is wrong, so a page can word it in its language.</summary>
public enum WorkspaceProblemKind
{
    InvalidSlug,
    SlugTaken,
    InvalidName,
    InvalidCurrency,
    CurrencyHasSales,
    InvalidTaxId,
    TooManyTaxIds,
}

/// <summary>One thing wrong with a profile change or a new workspace: field, kind, the offending value, and why (<see cref="Message"/>: the recorded English).</summary>
public sealed record WorkspaceProblem(WorkspaceField Field, WorkspaceProblemKind Kind, string Value, Said Why)
{
    public string Message => Why.ToString();
}

/// <summary>Reads and changes a workspace's <see cref="WorkspaceProfileDto"/>, and creates workspaces with their first Director.</summary>
public static class WorkspaceProfile
{
    /// <summary>The profile, or null when the workspace does not exist.</summary>
    public static async Task<WorkspaceProfileDto?> GetAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (ws is null)
        {
            return null;
        }

        var ids = await db.WorkspaceTaxIds.Where(t => t.WorkspaceId == workspaceId).Select(t => t.TaxId).ToListAsync(ct);
        // From the per-day aggregate (kept by triggers, exact): far fewer rows than the lines themselves.
        var lines = await db.SaleDays.Where(d => d.WorkspaceId == workspaceId).SumAsync(d => d.LineCount, ct);
        return new WorkspaceProfileDto(ws.Slug, ws.Name, ws.Currency, [.. ids.Order(StringComparer.Ordinal)], lines);
    }

    /// <summary>
    /// Applies <paramref name="change"/> in one transaction with one audit entry, or changes nothing and returns every
    /// problem: a name of 1 to <see cref="NewWorkspace.MaxNameLength"/> characters, a three-letter currency that may
    /// change only while the workspace has no sale lines (they were read in the old one), valid tax ids.
    /// </summary>
    public static async Task<(WorkspaceProfileDto? Profile, IReadOnlyList<WorkspaceProblem> Problems)> SetAsync(
        KaminoDb db, int workspaceId, WorkspaceProfileChange change, string? userId, TimeProvider clock, CancellationToken ct = default)
    {
        var problems = new List<WorkspaceProblem>();
        if (change.Name is { } name && NewWorkspace.NameProblem(name) is { } nameProblem)
        {
            problems.Add(new(WorkspaceField.Name, WorkspaceProblemKind.InvalidName, name, nameProblem));
        }

        var currency = change.Currency?.Trim().ToUpperInvariant();
        if (currency is not null && NewWorkspace.CurrencyProblem(currency) is { } currencyProblem)
        {
            problems.Add(new(WorkspaceField.Currency, WorkspaceProblemKind.InvalidCurrency, change.Currency!, currencyProblem));
        }

        IReadOnlyList<string>? taxIds = null;
        if (change.TaxIds is { } raw)
        {
            var (clean, bad, taxProblem) = OwnTaxIds.Clean(raw);
            if (taxProblem is not null)
            {
                problems.Add(new(WorkspaceField.TaxIds, bad is null ? WorkspaceProblemKind.TooManyTaxIds : WorkspaceProblemKind.InvalidTaxId, bad ?? "", taxProblem));
            }

            taxIds = clean;
        }

        var before = await GetAsync(db, workspaceId, ct);
        if (before is null)
        {
            return (null, [new(WorkspaceField.Slug, WorkspaceProblemKind.InvalidSlug, "", Said.Of("workspace.does-not-exist"))]);
        }

        if (currency is not null && problems.All(p => p.Field != WorkspaceField.Currency) && currency != before.Currency && before.SaleLines > 0)
        {
            problems.Add(new(WorkspaceField.Currency, WorkspaceProblemKind.CurrencyHasSales, before.Currency,
                Said.Of("workspace.currency-has-sales", before.SaleLines, before.Currency)));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var changes = new List<(string Key, object?[] Args)>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Writing the workspace's row first locks it: a second save at the same moment waits for this one, then its
        // delete of the tax ids sees this one's inserts (on PostgreSQL it would otherwise collide on the key).
        await db.BumpWatchVersionAsync(workspaceId, ct);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        if (change.Name is not null && change.Name.Trim() != ws.Name)
        {
            changes.Add(("workspace.name", [ws.Name, change.Name.Trim()]));
            ws.Name = change.Name.Trim();
        }

        if (currency is not null && currency != ws.Currency)
        {
            // Rates are per unit of the reporting currency: those of the old one would convert wrongly.
            var rates = await db.ExchangeRates.Where(r => r.WorkspaceId == ws.Id).ToListAsync(ct);
            db.ExchangeRates.RemoveRange(rates);
            changes.Add(rates.Count > 0 ? ("workspace.currency-rates", [ws.Currency, currency, rates.Count]) : ("workspace.currency", [ws.Currency, currency]));
            ws.Currency = currency;
        }

        if (taxIds is not null && !taxIds.Order(StringComparer.Ordinal).SequenceEqual(before.TaxIds))
        {
            changes.Add(("workspace.tax-ids", [string.Join(", ", before.TaxIds), string.Join(", ", taxIds.Order(StringComparer.Ordinal))]));
            await db.WorkspaceTaxIds.Where(t => t.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct);
            db.WorkspaceTaxIds.AddRange(taxIds.Select(id => new WorkspaceTaxId { WorkspaceId = workspaceId, TaxId = id }));
        }

        if (changes.Count > 0)
        {
            await AuditLog.AddAsync(db, workspaceId, userId, "workspace", ws.Slug, "profile",
                changes.Skip(1).Aggregate(AuditText.Of(changes[0].Key, changes[0].Args), (text, c) => text.And(c.Key, c.Args)), null, clock, ct);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return (await GetAsync(db, workspaceId, ct), []);
    }

    /// <summary>
    /// A new workspace whose first member is <paramref name="directorUserId"/> as Director (workspace, membership and
    /// audit entry in one transaction), or the problems and nothing stored (invalid values, slug taken).
    /// </summary>
    public static async Task<(Workspace? Created, IReadOnlyList<WorkspaceProblem> Problems)> CreateAsync(
        KaminoDb db, string slug, string name, string currency, string directorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        slug = slug.Trim();
        currency = currency.Trim().ToUpperInvariant();
        var problems = new List<WorkspaceProblem>();
        if (!WorkspaceSlug.IsValid(slug))
        {
            problems.Add(new(WorkspaceField.Slug, WorkspaceProblemKind.InvalidSlug, slug, Said.Of("workspace.slug-invalid", slug)));
        }

        if (NewWorkspace.NameProblem(name) is { } nameProblem)
        {
            problems.Add(new(WorkspaceField.Name, WorkspaceProblemKind.InvalidName, name, nameProblem));
        }

        if (NewWorkspace.CurrencyProblem(currency) is { } currencyProblem)
        {
            problems.Add(new(WorkspaceField.Currency, WorkspaceProblemKind.InvalidCurrency, currency, currencyProblem));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (created, problem) = await NewWorkspace.CreateAsync(db, slug, name, currency, CultureInfo.CurrentUICulture, clock, ct);
        if (created is null)
        {
            return (null, [new(WorkspaceField.Slug, WorkspaceProblemKind.SlugTaken, slug, Said.Of("workspace.slug-taken", slug))]);
        }

        db.Memberships.Add(new Membership { WorkspaceId = created.Id, UserId = directorUserId, Role = Role.Director, CreatedAt = clock.GetUtcNow() });
        await AuditLog.AddAsync(db, created.Id, directorUserId, "workspace", created.Slug, "create", AuditText.Of("workspace.created", created.Name, created.Currency), null, clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (created, []);
    }
}
