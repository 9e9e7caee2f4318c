using System.Globalization;
using Kamino.Customers;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Workspaces;

/// <summary>
/// Creates a workspace with its display name and currency (<c>kamino workspace create</c>). An import or
/// <c>workspace set</c> into a slug that does not exist also creates one, named after its slug.
/// </summary>
public static class NewWorkspace
{
    /// <summary>The longest display name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>What is wrong with the values, or null when a workspace can be made of them.</summary>
    public static string? Problem(string slug, string name, string currency) =>
        !WorkspaceSlug.IsValid(slug) ? $"'{slug}' is not a workspace slug: {WorkspaceSlug.Rule}"
        : (NameProblem(name) ?? CurrencyProblem(currency))?.ToString();

    /// <summary>What is wrong with a display name, or null.</summary>
    public static Said? NameProblem(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl)
            ? Said.Of("workspace.name-length", MaxNameLength)
            : null;

    /// <summary>What is wrong with a currency code, or null.</summary>
    public static Said? CurrencyProblem(string currency) =>
        currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)
            ? null
            : Said.Of("workspace.currency-code", currency);

    /// <summary>The new workspace, or what stopped it (invalid values, or the slug is taken); nothing is stored then.</summary>
    /// <remarks>Its tiers and criteria are stored with their default names in <paramref name="language"/>, the creator's.</remarks>
    public static async Task<(Workspace? Created, string? Problem)> CreateAsync(KaminoDb db, string slug, string name, string currency, CultureInfo language, TimeProvider clock,
        CancellationToken ct = default)
    {
        if (Problem(slug, name, currency) is { } problem)
        {
            return (null, problem);
        }

        var taken = $"workspace '{slug}' already exists";
        if (await db.Workspaces.AnyAsync(w => w.Slug == slug, ct))
        {
            return (null, taken);
        }

        var workspace = new Workspace { Slug = slug, Name = name.Trim(), Currency = currency, CreatedAt = clock.GetUtcNow() };
        db.Workspaces.Add(workspace);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Created by someone else between the check and the insert (the slug is unique).
            db.ChangeTracker.Clear();
            return (null, taken);
        }

        await StoreDefaultsAsync(db, workspace.Id, language, ct);
        return (workspace, null);
    }

    /// <summary>
    /// The workspace of <paramref name="slug"/>, created (named after its slug, saved) when it does not exist, as an
    /// import or <c>workspace set</c> does on a workspace nobody created first. Run it inside the caller's transaction.
    /// </summary>
    public static async Task<(Workspace Workspace, bool Created)> FindOrCreateAsync(KaminoDb db, string slug, CultureInfo language, TimeProvider clock, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.FirstOrDefaultAsync(w => w.Slug == slug, ct);
        if (ws is not null)
        {
            return (ws, false);
        }

        ws = new Workspace { Slug = slug, Name = slug, CreatedAt = clock.GetUtcNow() };
        db.Workspaces.Add(ws);
        await db.SaveChangesAsync(ct);
        await StoreDefaultsAsync(db, ws.Id, language, ct);
        return (ws, true);
    }

    /// <summary>The default tiers (with their policies) and criteria, named in <paramref name="language"/>, saved.</summary>
    private static async Task StoreDefaultsAsync(KaminoDb db, int workspaceId, CultureInfo language, CancellationToken ct)
    {
        db.Tiers.AddRange(Tiers.DefaultTiers(workspaceId, Tiers.DefaultsIn(language)));
        db.Criteria.AddRange(Criteria.DefaultsIn(language).Select((c, i) => new Criterion { WorkspaceId = workspaceId, Key = c.Key, Name = c.Name, Weight = c.Weight, Position = i + 1 }));
        await db.SaveChangesAsync(ct);
    }
}
