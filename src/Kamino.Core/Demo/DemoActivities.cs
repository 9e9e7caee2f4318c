using Kamino.Accounts;
using Kamino.Activities;
using Kamino.Contacts;
using Kamino.Customers;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;
using static Kamino.Demo.DemoText;

namespace Kamino.Demo;

/// <summary>
/// The demo's served key accounts: owners, and months of calls, visits and check-ins (CSAT, some NPS) logged by the
/// demo KAM and Lead KAM, dated back from the demo's today so the cadence mix holds whenever the demo runs (Key
/// checks in every 30 days): the pizza chain up to date, Rayo due soon, Bocado overdue, Sushi Nami never contacted.
/// Made through the same library calls as a person's, once (nothing is added when the workspace has activities).
/// </summary>
public static class DemoActivities
{
    /// <summary>Key accounts the demo adds to those of <see cref="DemoDecisions"/>, so every cadence status shows.</summary>
    private static readonly (string Key, DemoText Reason)[] MoreKeyAccounts =
    [
        ("CLI-0003", T("Segunda flota de reparto de la ciudad; renueva veinte motos en primavera.", "Second delivery fleet in the city; renewing twenty motorbikes in spring.")),
        ("CLI-0006", T("Firmó un contrato de flota la semana pasada: falta el primer seguimiento.", "Signed a fleet contract last week: the first check-in is still to be done.")),
    ];

    // Days back from today, type, CSAT (null: not a check-in), NPS, summary. The latest check-in decides the status.
    private static readonly Dictionary<string, (int DaysAgo, ActivityType Type, int? Csat, int? Nps, DemoText Summary)[]> History = new(StringComparer.Ordinal)
    {
        [DemoData.PizzaChainCustomerId] =
        [
            (128, ActivityType.Visit, 4, 8, T("Visita a la cocina central. Contentos con la flota; dos motos necesitaban pastillas de freno nuevas.",
                "Visited the central kitchen. Happy with the fleet; two motorbikes needed new brake pads.")),
            (97, ActivityType.Call, 3, null, T("Los cambios de batería en la estación de Ruzafa iban lentos en la hora punta de la noche. Prometimos una segunda estación.",
                "Battery swaps at the Ruzafa station were slow in the evening rush. Promised a second station.")),
            (90, ActivityType.Email, null, null, T("Enviado el plan de la segunda estación de baterías y su fecha de apertura.",
                "Sent the plan for the second battery station and its opening date.")),
            (66, ActivityType.Visit, 4, null, T("Segunda estación abierta; las esperas de la noche bajan a cinco minutos. Preguntan por triciclos de carga.",
                "Second station open; evening waits down to five minutes. They ask about cargo trikes.")),
            (35, ActivityType.Call, 5, 9, T("Muy contentos con la nueva estación. Interesados en diez motos más para el verano.",
                "Very happy with the new station. Interested in ten more motorbikes for the summer.")),
            (20, ActivityType.Meeting, null, null, T("Reunión de la flota de verano con su jefe de operaciones: diez motos desde junio, presupuesto pendiente.",
                "Summer fleet meeting with their operations manager: ten motorbikes from June, quote to follow.")),
            (6, ActivityType.Visit, 5, 10, T("Entregado en mano el presupuesto de verano. Firmarán la semana que viene.",
                "Delivered the summer quote in person. They will sign next week.")),
        ],
        ["CLI-0002"] =
        [
            (88, ActivityType.Call, 4, 7, T("Seguimiento habitual. Piden las facturas agrupadas por repartidor.", "Routine check-in. Asked for invoices grouped by rider.")),
            (57, ActivityType.Visit, 3, null, T("Dos motos paradas una semana; molestos por el tiempo de sustitución.",
                "Two scooters off the road for a week; they were unhappy about the replacement time.")),
            (26, ActivityType.Call, 4, null, T("Los tiempos de sustitución vuelven a ser normales. Próximo seguimiento dentro de un mes.",
                "Replacement times back to normal. Next check-in in a month.")),
        ],
        ["CLI-0003"] =
        [
            (102, ActivityType.Visit, 4, 8, T("Conocimos al nuevo jefe de flota. Buena relación, paga puntualmente.", "Met the new fleet manager. Good relationship, pays on time.")),
            (71, ActivityType.Call, 3, null, T("Se quejaron de las tallas de los cascos; enviadas dos cajas de talla L.", "Complained about helmet sizes; sent two boxes of size L.")),
            (41, ActivityType.Call, 2, 5, T("Descontentos: una moto se averió dos veces en una semana. Ofrecimos una semana de alquiler gratis.",
                "Unhappy: a motorbike broke down twice in one week. Offered a free week of rental.")),
            (15, ActivityType.Note, null, null, T("No contestaron a dos llamadas; intentar visitarlos a mediodía.", "They did not answer two calls; try to visit them at lunchtime.")),
        ],
        ["CLI-0012"] =
        [
            (45, ActivityType.Meeting, null, null, T("Cena de la asociación: su dueño nos presentó a dos instaladores.", "Association dinner: their owner introduced us to two installers.")),
            (12, ActivityType.Email, null, null, T("Enviada la oferta de flota para instaladores que pidió.", "Sent the installers' fleet offer he asked for.")),
        ],
    };

    // Who answers the NPS where the customer has no contact yet (the contacts of the demo, when there are, come first).
    private static readonly Dictionary<string, string> FallbackContacts = new(StringComparer.Ordinal)
    {
        [DemoData.PizzaChainCustomerId] = "Marta Soler",
        ["CLI-0002"] = "Jordi Puig",
        ["CLI-0003"] = "Andrea Castelló",
        ["CLI-0012"] = "Vicente Llorens",
    };

    private static readonly DemoText FleetManager = T("Jefe de flota", "Fleet manager");

    private static readonly DemoText ContractEmail = T("Pedido el contrato firmado por correo.", "Asked for the signed contract by email.");

    private static readonly DemoText ContractStep = T("Enviar a facturación el contrato de verano firmado", "Send the signed summer contract to billing");

    /// <summary>Makes the history unless the workspace has activities already; <paramref name="people"/> are the demo users by role.</summary>
    public static async Task EnsureAsync(KaminoDb db, int workspaceId, IReadOnlyDictionary<Role, string> people, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Activities.AnyAsync(a => a.WorkspaceId == workspaceId, ct))
        {
            return;
        }

        var spanish = await IsSpanishAsync(db, workspaceId, ct);
        var ids = await db.Customers.Where(c => c.WorkspaceId == workspaceId).ToDictionaryAsync(c => c.Key, c => c, StringComparer.Ordinal, ct);
        foreach (var (key, reason) in MoreKeyAccounts.Where(k => ids.TryGetValue(k.Key, out var c) && !c.IsKeyAccount))
        {
            await DemoDecisions.Check(Designations.DesignateAsync(db, workspaceId, ids[key].Id, null, reason.In(spanish), null, clock, ct));
        }

        var kam = people[Role.Kam];
        var lead = people[Role.LeadKam];
        var owners = new (string Key, string Owner)[] { (DemoData.PizzaChainCustomerId, kam), ("CLI-0002", lead), ("CLI-0003", kam), ("CLI-0006", kam), ("CLI-0012", kam) };
        foreach (var (key, owner) in owners.Where(o => ids.ContainsKey(o.Key)))
        {
            await DemoDecisions.Check(AccountTeams.SetOwnerAsync(db, workspaceId, ids[key].Id, owner, null, clock, Department.Sales, ct));
        }

        if (ids.TryGetValue(DemoData.PizzaChainCustomerId, out var pizza))
        {
            await DemoDecisions.Check(AccountTeams.SetMemberAsync(db, workspaceId, pizza.Id, people[Role.Collaborator], Department.Operations, null, clock, ct));
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        foreach (var (key, entries) in History.Where(h => ids.ContainsKey(h.Key)))
        {
            var customerId = ids[key].Id;
            var owner = owners.First(o => o.Key == key).Owner;
            var npsContact = await NpsContactAsync(db, workspaceId, customerId, FallbackContacts[key], FleetManager.In(spanish), clock, ct);
            foreach (var (daysAgo, type, csat, nps, summary) in entries)
            {
                var day = today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 30));
                var input = new NewActivity(type, summary.In(spanish), new DateTimeOffset(day, clock.LocalTimeZone.GetUtcOffset(day)), csat is not null, csat, nps, nps is null ? null : npsContact,
                    MemberUserIds: [owner], ContactIds: [npsContact]);
                var result = await ActivityLog.LogAsync(db, workspaceId, customerId, input, owner, clock, ct);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException("A demo activity was refused: " + string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Message}")));
                }
            }
        }

        // One next step still open on the pizza chain, made the way a KAM makes it: from the activity.
        if (pizza is not null)
        {
            var step = new NextStep(ContractStep.In(spanish), kam, today.AddDays(5));
            await ActivityLog.LogAsync(db, workspaceId, pizza.Id, new NewActivity(ActivityType.Email, ContractEmail.In(spanish), clock.GetUtcNow().AddHours(-2), NextSteps: [step]), kam, clock, ct);
        }

        await DemoAlerts.AddAsync(db, workspaceId, people, spanish, clock, ct);
        await DemoTeams.AddAsync(db, workspaceId, people, spanish, clock, ct);
    }

    /// <summary>The customer's primary (else first) contact; one is made when the customer has none, as a person at the door would note it.</summary>
    private static async Task<long> NpsContactAsync(KaminoDb db, int workspaceId, long customerId, string name, string title, TimeProvider clock, CancellationToken ct)
    {
        var existing = await db.Contacts.Where(c => c.WorkspaceId == workspaceId && c.CustomerId == customerId)
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        var contact = new Contact
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Contacts, workspaceId, ct),
            CustomerId = customerId,
            Name = name,
            Title = title,
            Role = ContactRole.DecisionMaker,
            IsPrimary = true,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return contact.Id;
    }

}
