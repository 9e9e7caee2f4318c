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

        var ids = await db.Customers.Where(c => c.WorkspaceId == workspaceId && c.IsKeyAccount).ToDictionaryAsync(c => c.Key, c => c.Id, StringComparer.Ordinal, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var year = today.Year;
        var (kam, lead, collaborator) = (people[Role.Kam], people[Role.LeadKam], people[Role.Collaborator]);
        if (ids.TryGetValue(DemoData.PizzaChainCustomerId, out var pizza))
        {
            await Check(AccountPlans.SetSituationAsync(db, workspaceId, pizza, year - 1, new SituationFields(
                "Largest delivery fleet in the city.", "Riders damage batteries in winter.", "Second city opening.", "A scooter rental undercuts us."), kam, clock, ct));
            await AddAsync(db, workspaceId, pizza, year - 1, new(PlanArea.Sales, "Renew the fleet contract", kam, "Contract signed", "40 motorbikes", new DateOnly(year - 1, 3, 31), ObjectiveStatus.Done), kam, clock, ct);
            await AddAsync(db, workspaceId, pizza, year - 1, new(PlanArea.Service, "Battery swaps under 30 minutes", kam, "Median swap time", "30 min", new DateOnly(year - 1, 12, 31), ObjectiveStatus.AtRisk), kam, clock, ct);

            await Check(AccountPlans.SetSituationAsync(db, workspaceId, pizza, year, new SituationFields(
                "Twelve years as our customer; riders like the motorbikes; the operations director backs us.",
                "Battery swaps are slow at weekends; invoices go to three different offices.",
                "Second city opening in autumn; an electric cargo trial for catering.",
                "A scooter rental company offers 15% less; purchasing asks for three quotes."), kam, clock, ct));
            var renew = await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Sales, "Grow the fleet to 60 motorbikes", kam, "Motorbikes on contract", "60",
                new DateOnly(year, 9, 30), ObjectiveStatus.OnTrack), kam, clock, ct);
            var swaps = await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Service, "Weekend battery swaps within 30 minutes", collaborator, "Median swap time",
                "30 min", new DateOnly(year, 6, 30), ObjectiveStatus.AtRisk), kam, clock, ct);
            await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Marketing, "Co-branded riders' jackets", collaborator, "Jackets delivered", "120",
                new DateOnly(year, 4, 30), ObjectiveStatus.NotStarted), kam, clock, ct);
            await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Communication, "Quarterly review with operations", kam, "Reviews held", "4",
                new DateOnly(year, 12, 15), ObjectiveStatus.OnTrack), kam, clock, ct);
            await AddAsync(db, workspaceId, pizza, year, new(PlanArea.Direction, "One invoice address for all offices", lead, "Offices billed at one address", "3 of 3",
                new DateOnly(year, 3, 31), ObjectiveStatus.Done), kam, clock, ct);

            var quote = await TaskAsync(db, workspaceId, pizza, new NewTask("Quote 20 more motorbikes for the second city", kam, today.AddDays(10), null, pizza, Department.Sales), kam, clock, ct);
            var visit = await TaskAsync(db, workspaceId, pizza, new NewTask("Visit the new city's kitchen with the fleet manager", kam, today.AddDays(-3), null, pizza, Department.Sales), kam, clock, ct);
            var rota = await TaskAsync(db, workspaceId, pizza, new NewTask("Weekend swap rota for two mechanics", collaborator, today.AddDays(4), null, pizza, Department.Operations), kam, clock, ct);
            await Check(Tasks.CompleteAsync(db, workspaceId, visit, kam, clock, ct));
            await Check(AccountPlans.LinkTaskAsync(db, workspaceId, pizza, renew, quote, kam, clock, ct));
            await Check(AccountPlans.LinkTaskAsync(db, workspaceId, pizza, renew, visit, kam, clock, ct));
            await Check(AccountPlans.LinkTaskAsync(db, workspaceId, pizza, swaps, rota, kam, clock, ct));
        }

        if (ids.TryGetValue("CLI-0002", out var courier))
        {
            await Check(AccountPlans.SetSituationAsync(db, workspaceId, courier, year, new SituationFields(
                "The dispatch lead champions our bikes.", "Small team: one person decides everything.", "Their new parcel lockers need cargo bikes.", "Could buy their own fleet."),
                lead, clock, ct));
            await AddAsync(db, workspaceId, courier, year, new(PlanArea.Sales, "Cargo-bike trial for the parcel lockers", lead, "Bikes on trial", "5",
                new DateOnly(year, 5, 31), ObjectiveStatus.OnTrack), lead, clock, ct);
            await AddAsync(db, workspaceId, courier, year, new(PlanArea.Advertising, "Our logo on their delivery boxes", null, "Boxes printed", "500",
                new DateOnly(year, 10, 31), ObjectiveStatus.NotStarted), lead, clock, ct);
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
