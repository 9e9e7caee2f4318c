using Kamino.Activities;
using Kamino.Data;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;
using static Kamino.Demo.DemoText;

namespace Kamino.Demo;

/// <summary>
/// What makes the demo's alerts varied, on top of the history of <see cref="DemoActivities"/> (which already gives
/// Bocado an overdue check-in, a CSAT of 2 and an NPS detractor, and leaves Sushi Nami never contacted) and the sales
/// (Rayo's revenue is down against a year before): a CSAT that fell two points on Instaladores Llorens, and overdue
/// tasks on the pizza chain (the demo KAM's) and on Rayo (the Lead KAM's). Made through the same library calls as a
/// person's, once, with the activities.
/// </summary>
public static class DemoAlerts
{
    private static readonly DemoText Pleased = T("Muy satisfechos con la oferta de flota para instaladores; pidieron tres motos más.",
        "Very pleased with the installers' fleet offer; asked for three more motorbikes.");

    private static readonly DemoText Late = T("Dos entregas llegaron tarde este mes; están valorando otro proveedor.",
        "Two deliveries came late this month; they are weighing another supplier.");

    private static readonly (DemoText Title, DemoText Description) Report = (T("Enviar el informe de mantenimiento de primavera", "Send the spring maintenance report"),
        T("Lo pidieron en la última visita.", "They asked for it at the last visit."));

    private static readonly (DemoText Title, DemoText Description) CallRayo = (T("Llamar a Rayo por la caída de sus pedidos", "Call Rayo about their falling orders"),
        T("La facturación ha bajado respecto al año pasado: preguntar por qué.", "Revenue is down against last year: ask why."));

    internal static async Task AddAsync(KaminoDb db, int workspaceId, IReadOnlyDictionary<Role, string> people, bool spanish, TimeProvider clock, CancellationToken ct = default)
    {
        var ids = await db.Customers.Where(c => c.WorkspaceId == workspaceId && c.IsKeyAccount).ToDictionaryAsync(c => c.Key, c => c.Id, StringComparer.Ordinal, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var kam = people[Role.Kam];
        if (ids.TryGetValue("CLI-0012", out var llorens))
        {
            await CheckinAsync(db, workspaceId, llorens, today.AddDays(-38), 5, Pleased.In(spanish), kam, clock, ct);
            await CheckinAsync(db, workspaceId, llorens, today.AddDays(-9), 3, Late.In(spanish), kam, clock, ct);
        }

        if (ids.TryGetValue(DemoData.PizzaChainCustomerId, out var pizza))
        {
            await TaskAsync(db, workspaceId, new NewTask(Report.Title.In(spanish), kam, today.AddDays(-4), Report.Description.In(spanish), pizza, Department.Operations),
                people[Role.Director], clock, ct);
        }

        if (ids.TryGetValue("CLI-0002", out var rayo))
        {
            await TaskAsync(db, workspaceId, new NewTask(CallRayo.Title.In(spanish), people[Role.LeadKam], today.AddDays(-2), CallRayo.Description.In(spanish), rayo,
                Department.Sales), people[Role.Director], clock, ct);
        }
    }

    private static async Task CheckinAsync(KaminoDb db, int workspaceId, long customerId, DateOnly day, int csat, string summary, string owner, TimeProvider clock, CancellationToken ct)
    {
        var at = day.ToDateTime(new TimeOnly(11, 0));
        var result = await ActivityLog.LogAsync(db, workspaceId, customerId,
            new NewActivity(ActivityType.Call, summary, new DateTimeOffset(at, clock.LocalTimeZone.GetUtcOffset(at)), true, csat, MemberUserIds: [owner]), owner, clock, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("A demo check-in was refused: " + string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Message}")));
        }
    }

    internal static async Task TaskAsync(KaminoDb db, int workspaceId, NewTask task, string by, TimeProvider clock, CancellationToken ct)
    {
        var result = await Tasks.CreateAsync(db, workspaceId, task, by, clock, ct);
        if (result.Outcome != TaskOutcome.Changed)
        {
            throw new InvalidOperationException("A demo task was refused: " + string.Join("; ", result.Problems.Select(p => p.Message)));
        }
    }
}
