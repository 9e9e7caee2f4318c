using Kamino.Data;
using Kamino.People;
using Kamino.Plans;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Demo;

/// <summary>
/// The demo's account plans (issue 13): this year's plan of the pizza chain (owned by the demo KAM) and of CLI-0002
/// (owned by the Lead KAM), with objectives in several areas and every status, and some of the pizza chain's tasks
/// linked as actions (one done), plus last year's pizza-chain plan to show the years. Written through
/// <see cref="AccountPlans"/> and <see cref="Tasks"/> as the people would; skipped when the workspace has plans.
/// </summary>
public static class DemoPlans
{
    public static async Task EnsureAsync(KaminoDb db, int workspaceId, IReadOnlyDictionary<Role, string> people, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.AccountPlans.AnyAsync(p => p.WorkspaceId == workspaceId, ct))
        {
            return;
        }

        var spanish = await DemoText.IsSpanishAsync(db, workspaceId, ct);
        string T(string es, string en) => spanish ? es : en;
        var ids = await db.Customers.Where(c => c.WorkspaceId == workspaceId && c.IsKeyAccount).ToDictionaryAsync(c => c.Key, c => c.Id, StringComparer.Ordinal, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var year = today.Year;
        var (kam, lead, collaborator) = (people[Role.Kam], people[Role.LeadKam], people[Role.Collaborator]);
        if (ids.TryGetValue(DemoData.PizzaChainCustomerId, out var pizza))
        {
            await Check(AccountPlans.SetSituationAsync(db, workspaceId, pizza, year - 1, new SituationFields(
                T("La mayor flota de reparto de la ciudad.", "Largest delivery fleet in the city."),
                T("Los repartidores estropean las baterías en invierno.", "Riders damage batteries in winter."),
                T("Apertura en una segunda ciudad.", "Second city opening."),
                T("Un alquiler de patinetes nos rebaja el precio.", "A scooter rental undercuts us.")), kam, clock, ct));
            await AddAsync(db, workspaceId, pizza, year - 1, new(PlanArea.Sales, T("Renovar el contrato de la flota", "Renew the fleet contract"), kam,
                T("Contrato firmado", "Contract signed"), T("40 motos", "40 motorbikes"), new DateOnly(year - 1, 3, 31), ObjectiveStatus.Done), kam, clock, ct);
            await AddAsync(db, workspaceId, pizza, year - 1, new(PlanArea.Service, T("Cambios de batería en menos de 30 minutos", "Battery swaps under 30 minutes"), kam,
                T("Mediana del tiempo de cambio", "Median swap time"), "30 min", new DateOnly(year - 1, 12, 31), ObjectiveStatus.AtRisk), kam, clock, ct);

            await Check(AccountPlans.SetSituationAsync(db, workspaceId, pizza, year, new SituationFields(
                T("Doce años como cliente; a los repartidores les gustan las motos; la directora de operaciones nos apoya.",
                    "Twelve years as our customer; riders like the motorbikes; the operations director backs us."),
                T("Los cambios de batería van lentos los fines de semana; las facturas van a tres oficinas distintas.",
                    "Battery swaps are slow at weekends; invoices go to three different offices."),
                T("Apertura en una segunda ciudad en otoño; una prueba de carga eléctrica para catering.",
                    "Second city opening in autumn; an electric cargo trial for catering."),
                T("Una empresa de alquiler de patinetes ofrece un 15 % menos; compras pide tres presupuestos.",
                    "A scooter rental company offers 15% less; purchasing asks for three quotes.")), kam, clock, ct));
            var renew = await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Sales, T("Ampliar la flota a 60 motos", "Grow the fleet to 60 motorbikes"), kam,
                T("Motos con contrato", "Motorbikes on contract"), "60", new DateOnly(year, 9, 30), ObjectiveStatus.OnTrack), kam, clock, ct);
            var swaps = await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Service, T("Cambios de batería del fin de semana en 30 minutos", "Weekend battery swaps within 30 minutes"),
                collaborator, T("Mediana del tiempo de cambio", "Median swap time"), "30 min", new DateOnly(year, 6, 30), ObjectiveStatus.AtRisk), kam, clock, ct);
            await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Marketing, T("Chaquetas de repartidor con las dos marcas", "Co-branded riders' jackets"), collaborator,
                T("Chaquetas entregadas", "Jackets delivered"), "120", new DateOnly(year, 4, 30), ObjectiveStatus.NotStarted), kam, clock, ct);
            await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Communication, T("Revisión trimestral con operaciones", "Quarterly review with operations"), kam,
                T("Revisiones hechas", "Reviews held"), "4", new DateOnly(year, 12, 15), ObjectiveStatus.OnTrack), kam, clock, ct);
            await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Direction, T("Una sola dirección de facturación para todas las oficinas", "One invoice address for all offices"), lead,
                T("Oficinas facturadas a una dirección", "Offices billed at one address"), T("3 de 3", "3 of 3"), new DateOnly(year, 3, 31), ObjectiveStatus.Done), kam, clock, ct);

            var quote = await TaskAsync(db, workspaceId, pizza, new NewTask(T("Presupuestar 20 motos más para la segunda ciudad", "Quote 20 more motorbikes for the second city"), kam,
                today.AddDays(10), null, pizza, Department.Sales), kam, clock, ct);
            var visit = await TaskAsync(db, workspaceId, pizza, new NewTask(T("Visitar la cocina de la nueva ciudad con el jefe de flota", "Visit the new city's kitchen with the fleet manager"),
                kam, today.AddDays(-3), null, pizza, Department.Sales), kam, clock, ct);
            var rota = await TaskAsync(db, workspaceId, pizza, new NewTask(T("Turnos de fin de semana para dos mecánicos", "Weekend swap rota for two mechanics"), collaborator,
                today.AddDays(4), null, pizza, Department.Operations), kam, clock, ct);
            await Check(Tasks.CompleteAsync(db, workspaceId, visit, kam, clock, ct));
            await Check(AccountPlans.LinkTaskAsync(db, workspaceId, pizza, renew, quote, kam, clock, ct));
            await Check(AccountPlans.LinkTaskAsync(db, workspaceId, pizza, renew, visit, kam, clock, ct));
            await Check(AccountPlans.LinkTaskAsync(db, workspaceId, pizza, swaps, rota, kam, clock, ct));
        }

        if (ids.TryGetValue("CLI-0002", out var courier))
        {
            await Check(AccountPlans.SetSituationAsync(db, workspaceId, courier, year, new SituationFields(
                T("Su jefa de reparto defiende nuestras motos.", "The dispatch lead champions our bikes."),
                T("Equipo pequeño: una sola persona lo decide todo.", "Small team: one person decides everything."),
                T("Sus nuevas taquillas de paquetería necesitan bicis de carga.", "Their new parcel lockers need cargo bikes."),
                T("Podrían comprar su propia flota.", "Could buy their own fleet.")), lead, clock, ct));
            await AddAsync(db, workspaceId, courier, year, new(PlanArea.Sales, T("Prueba de bicis de carga para las taquillas", "Cargo-bike trial for the parcel lockers"), lead,
                T("Bicis en prueba", "Bikes on trial"), "5", new DateOnly(year, 5, 31), ObjectiveStatus.OnTrack), lead, clock, ct);
            await AddAsync(db, workspaceId, courier, year, new(PlanArea.Advertising, T("Nuestro logotipo en sus cajas de reparto", "Our logo on their delivery boxes"), null,
                T("Cajas impresas", "Boxes printed"), "500", new DateOnly(year, 10, 31), ObjectiveStatus.NotStarted), lead, clock, ct);
        }
    }

    private static async Task<long> AddAsync(KaminoDb db, int workspaceId, long customerId, int year, ObjectiveFields fields, string actor, TimeProvider clock, CancellationToken ct)
    {
        var result = await AccountPlans.AddObjectiveAsync(db, workspaceId, customerId, year, fields, actor, clock, ct);
        await Check(Task.FromResult(result.Change));
        return result.ObjectiveId!.Value;
    }

    private static async Task<long> TaskAsync(KaminoDb db, int workspaceId, long customerId, NewTask task, string actor, TimeProvider clock, CancellationToken ct)
    {
        var result = await Tasks.CreateAsync(db, workspaceId, task with { CustomerId = customerId }, actor, clock, ct);
        return result.Outcome == TaskOutcome.Changed ? result.Task!.Id
            : throw new InvalidOperationException("A demo task was refused: " + string.Join("; ", result.Problems.Select(p => p.Message)));
    }

    private static async Task Check(Task<TaskResult> change)
    {
        var result = await change;
        if (result.Outcome != TaskOutcome.Changed)
        {
            throw new InvalidOperationException("A demo task change was refused: " + string.Join("; ", result.Problems.Select(p => p.Message)));
        }
    }

    private static async Task Check(Task<PlanResult> change) => await Check(Task.FromResult((await change).Change));

    /// <summary>The demo and the rules disagree: a bug, not an outcome for the user.</summary>
    private static async Task Check(Task<ChangeResult> change)
    {
        var result = await change;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("A demo plan change was refused: " + result.Problem);
        }
    }
}
