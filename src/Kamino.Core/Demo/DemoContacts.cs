using Kamino.Contacts;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Demo;

/// <summary>
/// The people at the demo's key accounts (invented names, example.com addresses), with a primary contact each, added
/// through <see cref="CustomerContacts"/> as the system.
/// </summary>
internal static class DemoContacts
{
    private static readonly (string Customer, ContactFields Contact)[] People =
    [
        (DemoData.PizzaChainCustomerId, new("Irene Soler Català", "Operations director", "irene.soler@example.com", "+34 961 234 567", ContactRole.DecisionMaker, 5, 4,
            "Signs the fleet contract every January; prefers a visit to a call.", IsPrimary: true)),
        (DemoData.PizzaChainCustomerId, new("Javier Lloret", "Fleet manager", "javier.lloret@example.com", "+34 655 120 334", ContactRole.User, 3, 5,
            "Reports breakdowns the same day; knows every rider by name.")),
        (DemoData.PizzaChainCustomerId, new("Nuria Camps", "Purchasing", "compras@example.com", null, ContactRole.Gatekeeper, 2, 2, "Asks for three quotes before any renewal.")),
        ("CLI-0002", new("Tomás Ferrando", "Managing partner", "tomas@example.com", "963 55 01 02", ContactRole.DecisionMaker, 5, 3, "", IsPrimary: true)),
        ("CLI-0002", new("Ana Belén Ortiz", "Dispatch lead", null, "+34 699 876 543", ContactRole.Champion, 4, 4, "Pushed for our bikes over scooters.")),
        ("CLI-0012", new("Rafael Moreno", "Owner", "rafael.moreno@example.com", "+34 962-44-77-10", ContactRole.Influencer, 4, 3,
            "Chairs the installers' association: introductions, not orders.", IsPrimary: true)),
    ];

    public static async Task AddAsync(KaminoDatabase database, TimeProvider clock, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync(ct);
        var ids = await db.Customers.Where(c => c.WorkspaceId == ws).ToDictionaryAsync(c => c.Key, c => c.Id, ct);
        foreach (var (customer, contact) in People)
        {
            var result = await CustomerContacts.AddAsync(db, ws, ids[customer], contact, null, clock, ct);
            if (!result.Change.Succeeded)
            {
                // The demo and the rules disagree: a bug, not an outcome for the user.
                throw new InvalidOperationException("A demo contact was refused: " + result.Change.Problem);
            }
        }
    }
}
