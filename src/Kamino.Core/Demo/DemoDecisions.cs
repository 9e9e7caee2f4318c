using Kamino.Customers;
using Kamino.Data;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore;
using static Kamino.Demo.DemoText;

namespace Kamino.Demo;

/// <summary>
/// What the demo's owner has already decided, so the key-account list and scores show something: three tiers,
/// ratings of a few customers, two referrals, and designations with their reasons. Made through the same
/// library calls a person's decisions go through, as the system (no user).
/// </summary>
internal static class DemoDecisions
{
    private static readonly (string Key, int Brand, int Contacts, int Fit, int Growth, int Payment, DemoText Note)[] Ratings =
    [
        (DemoData.PizzaChainCustomerId, 5, 5, 5, 3, 4, T("Su marca se ve en cada calle de Valencia; nos presentó a dos aplicaciones de reparto.",
            "Brand seen on every street of Valencia; introduced us to two delivery apps.")),
        ("CLI-0002", 3, 2, 4, 3, 5, T("Mensajería de confianza, paga puntualmente.", "Reliable courier, pays on time.")),
        ("CLI-0005", 4, 4, 3, 5, 3, T("Cadena de sushi que crece deprisa: abre dos cocinas más.", "Fast-growing sushi chain, opening two more kitchens.")),
        ("CLI-0012", 2, 5, 3, 4, 5, T("Pequeño, pero su dueño preside la asociación de instaladores.", "Small, but their owner chairs the installers' association.")),
    ];

    // Customer, tier (index into DemoText.TierNames), reason.
    private static readonly (string Key, int Tier, DemoText Reason)[] Designations =
    [
        (DemoData.PizzaChainCustomerId, 0, T("Nuestro mayor cliente y la marca que nos trae a otros.", "Largest customer and the brand that brings others.")),
        ("CLI-0002", 0, T("Segunda mensajería por facturación, con contrato de dos años.", "Second courier by revenue, on a two-year contract.")),
        ("CLI-0012", 1, T("Sus recomendaciones valen más que sus propios pedidos.", "Their referrals matter more than their own orders.")),
    ];

    public static async Task ApplyAsync(KaminoDatabase database, bool spanish, TimeProvider clock, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync(ct);
        var ids = await db.Customers.Where(c => c.WorkspaceId == ws).ToDictionaryAsync(c => c.Key, c => c.Id, ct);

        await Check(KeyAccountSettings.SetAsync(db, ws, new KeyAccountSettingsChange(Tiers: [.. TierNames.Select(t => t.In(spanish))]), null, clock, ct));
        foreach (var r in Ratings)
        {
            var values = new Dictionary<string, int> { ["brand"] = r.Brand, ["contacts"] = r.Contacts, ["fit"] = r.Fit, ["growth"] = r.Growth, ["payment"] = r.Payment };
            await Check(Customers.Ratings.RateAsync(db, ws, ids[r.Key], values, r.Note.In(spanish), null, clock, ct));
        }

        await Check(Referrals.SetAsync(db, ws, ids["CLI-0005"], ids[DemoData.PizzaChainCustomerId], null, clock, ct));
        await Check(Referrals.SetAsync(db, ws, ids["CLI-0013"], ids["CLI-0012"], null, clock, ct));
        foreach (var (key, tier, reason) in Designations)
        {
            await Check(Customers.Designations.DesignateAsync(db, ws, ids[key], TierNames[tier].In(spanish), reason.In(spanish), null, clock, ct));
        }
    }

    internal static async Task Check(Task<ChangeResult> change)
    {
        var result = await change;
        if (!result.Succeeded)
        {
            // The demo and the rules disagree: a bug, not an outcome for the user.
            throw new InvalidOperationException("A demo decision was refused: " + result.Problem);
        }
    }
}
