using Kamino.Contacts;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;
using static Kamino.Demo.DemoText;

namespace Kamino.Demo;

/// <summary>
/// The people at the demo's key accounts (invented names, example.com addresses), with a primary contact each, added
/// through <see cref="CustomerContacts"/> as the system.
/// </summary>
internal static class DemoContacts
{
    private sealed record Person(string Customer, string Name, DemoText Title, string? Email, string? Phone, ContactRole Role, int Influence, int Strength, DemoText Notes,
        bool IsPrimary = false);

    private static readonly Person[] People =
    [
        new(DemoData.PizzaChainCustomerId, "Irene Soler Català", T("Directora de operaciones", "Operations director"), "irene.soler@example.com", "+34 961 234 567",
            ContactRole.DecisionMaker, 5, 4, T("Firma el contrato de la flota cada enero; prefiere una visita a una llamada.",
                "Signs the fleet contract every January; prefers a visit to a call."), IsPrimary: true),
        new(DemoData.PizzaChainCustomerId, "Javier Lloret", T("Jefe de flota", "Fleet manager"), "javier.lloret@example.com", "+34 655 120 334", ContactRole.User, 3, 5,
            T("Avisa de las averías el mismo día; conoce a cada repartidor por su nombre.", "Reports breakdowns the same day; knows every rider by name.")),
        new(DemoData.PizzaChainCustomerId, "Nuria Camps", T("Compras", "Purchasing"), "compras@example.com", null, ContactRole.Gatekeeper, 2, 2,
            T("Pide tres presupuestos antes de cualquier renovación.", "Asks for three quotes before any renewal.")),
        new("CLI-0002", "Tomás Ferrando", T("Socio director", "Managing partner"), "tomas@example.com", "963 55 01 02", ContactRole.DecisionMaker, 5, 3, T("", ""), IsPrimary: true),
        new("CLI-0002", "Ana Belén Ortiz", T("Jefa de reparto", "Dispatch lead"), null, "+34 699 876 543", ContactRole.Champion, 4, 4,
            T("Defendió nuestras motos frente a los patinetes.", "Pushed for our bikes over scooters.")),
        new("CLI-0012", "Rafael Moreno", T("Propietario", "Owner"), "rafael.moreno@example.com", "+34 962-44-77-10", ContactRole.Influencer, 4, 3,
            T("Preside la asociación de instaladores: presentaciones, no pedidos.", "Chairs the installers' association: introductions, not orders."), IsPrimary: true),
    ];

    public static async Task AddAsync(KaminoDatabase database, bool spanish, TimeProvider clock, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync(ct);
        var ids = await db.Customers.Where(c => c.WorkspaceId == ws).ToDictionaryAsync(c => c.Key, c => c.Id, ct);
        foreach (var p in People)
        {
            var contact = new ContactFields(p.Name, p.Title.In(spanish), p.Email, p.Phone, p.Role, p.Influence, p.Strength, p.Notes.In(spanish), p.IsPrimary);
            var result = await CustomerContacts.AddAsync(db, ws, ids[p.Customer], contact, null, clock, ct);
            if (!result.Change.Succeeded)
            {
                // The demo and the rules disagree: a bug, not an outcome for the user.
                throw new InvalidOperationException("A demo contact was refused: " + result.Change.Problem);
            }
        }
    }
}
