using System.Globalization;
using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

/// <summary>A criterion as lists show it.</summary>
public sealed record CriterionDto(string Key, string Name, decimal Weight);

/// <summary>
/// The workspace's intangible criteria (PRODUCT.md §3). A workspace starts with <see cref="Defaults"/>, equal
/// weights; they are stored the first time something is written (a weight, a name, a rating), so reading never writes.
/// Criteria are never deleted (ratings refer to them): weight 0 leaves one out of the score.
/// </summary>
public static class Criteria
{
    /// <summary>The key of the criterion whose evidence is the revenue of referred customers.</summary>
    public const string ContactsKey = "contacts";

    public const int MaxCriteria = 20;

    /// <summary>The criteria of a new workspace, in order, weight 1 each.</summary>
    public static readonly IReadOnlyList<CriterionWeight> Defaults =
    [
        new("brand", "Brand image", 1m),
        new(ContactsKey, "Contacts and referrals", 1m),
        new("fit", "Strategic fit", 1m),
        new("growth", "Growth potential", 1m),
        new("payment", "Payment reliability", 1m),
    ];

    /// <summary>The criteria a new workspace starts with, named in its creator's language (the keys do not change).</summary>
    public static IReadOnlyList<CriterionWeight> DefaultsIn(CultureInfo language) =>
        Language.IsSpanish(language)
            ?
            [
                new("brand", "Imagen de marca", 1m),
                new(ContactsKey, "Contactos y referencias", 1m),
                new("fit", "Encaje estratégico", 1m),
                new("growth", "Potencial de crecimiento", 1m),
                new("payment", "Fiabilidad en el pago", 1m),
            ]
            : Defaults;

    /// <summary>Null when <paramref name="key"/> can be a criterion key (a-z, 0-9, '-', 1–20 characters, starting with a letter).</summary>
    public static Said? KeyProblem(string? key) =>
        string.IsNullOrEmpty(key) || key.Length > 20 || !char.IsAsciiLetterLower(key[0]) || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? Said.Of("criterion.key", key)
            : null;

    /// <summary>The workspace's criteria in order (the defaults when none are stored yet).</summary>
    public static async Task<IReadOnlyList<CriterionWeight>> ListAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var stored = await db.Criteria.AsNoTracking().Where(c => c.WorkspaceId == workspaceId)
            .OrderBy(c => c.Position).ThenBy(c => c.Key)
            .Select(c => new CriterionWeight(c.Key, c.Name, c.Weight)).ToListAsync(ct);
        return stored.Count > 0 ? stored.Select(c => c with { Weight = KeyAccounts.Normal(c.Weight) }).ToList() : Defaults;
    }

    /// <summary>Stores the defaults when the workspace has no criteria yet (added to <paramref name="db"/>, saved by the caller).</summary>
    internal static async Task EnsureStoredAsync(KaminoDb db, int workspaceId, CancellationToken ct)
    {
        if (!await db.Criteria.AnyAsync(c => c.WorkspaceId == workspaceId, ct) && !db.ChangeTracker.Entries<Criterion>().Any(e => e.Entity.WorkspaceId == workspaceId))
        {
            db.Criteria.AddRange(Defaults.Select((c, i) => new Criterion { WorkspaceId = workspaceId, Key = c.Key, Name = c.Name, Weight = c.Weight, Position = i + 1 }));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Sets a criterion's weight and/or name; a new key adds a criterion (then a name is required). Weight ≥ 0
    /// and at most 1000; name 1–100 characters. Audited.
    /// </summary>
    public static async Task<ChangeResult> SetAsync(KaminoDb db, int workspaceId, string key, decimal? weight, string? name, string? userId, TimeProvider clock, CancellationToken ct = default)
    {
        key = key.Trim().ToLowerInvariant();
        name = name?.Trim();
        if (KeyProblem(key) is { } keyProblem)
        {
            return ChangeResult.Invalid(keyProblem);
        }

        if (weight is < 0m or > 1000m)
        {
            return ChangeResult.Invalid(Said.Of("criterion.weight-out-of-range"));
        }

        if (name is not null && (name.Length == 0 || name.Length > 100))
        {
            return ChangeResult.Invalid(Said.Of("criterion.name-length"));
        }

        if (weight is null && name is null)
        {
            return ChangeResult.Invalid(Said.Of("criterion.nothing-given"));
        }

        await EnsureStoredAsync(db, workspaceId, ct);
        var criterion = await db.Criteria.FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Key == key, ct);
        if (criterion is null)
        {
            if (name is null)
            {
                return ChangeResult.Invalid(Said.Of("criterion.new-needs-name", key));
            }

            var count = await db.Criteria.CountAsync(c => c.WorkspaceId == workspaceId, ct);
            if (count >= MaxCriteria)
            {
                return ChangeResult.Invalid(Said.Of("criterion.too-many", MaxCriteria));
            }

            criterion = new Criterion { WorkspaceId = workspaceId, Key = key, Name = name, Weight = weight ?? 1m, Position = count + 1 };
            db.Criteria.Add(criterion);
        }
        else
        {
            criterion.Weight = weight ?? criterion.Weight;
            criterion.Name = name ?? criterion.Name;
        }

        await AuditLog.AddAsync(db, workspaceId, userId, "criterion", key, "set",
            AuditText.Of("criterion.set", key, criterion.Name, criterion.Weight.ToString("0.####", CultureInfo.InvariantCulture)), null, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }
}
