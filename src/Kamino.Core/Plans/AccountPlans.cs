using System.Globalization;
using Kamino.Accounts;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Plans;

/// <summary>
/// Key-account plans (issue 13): one per account and calendar year, its situation (four texts) and its objectives,
/// whose actions are the account's tasks linked to them. Every member reads a plan; the owner KAM, their Lead KAM and
/// a Director change it (<see cref="Permissions.MayEditPlan"/>); an actor of null is the system (the CLI without
/// <c>--user</c>). A plan starts (its row is written) with its first change; every change is audited (entity
/// <c>plan</c>, the plan's id, with the customer).
/// </summary>
public static partial class AccountPlans
{
    /// <summary>
    /// The plan of a customer for <paramref name="year"/>, with its objectives in order, their owners, actions and
    /// progress; an empty plan (<see cref="PlanDto.Id"/> null) when not started; null when there is no such customer.
    /// </summary>
    public static async Task<PlanDto?> GetAsync(KaminoDb db, int workspaceId, long customerId, int year, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.Id == customerId)
            .Select(c => new { c.Key, c.Name, c.IsKeyAccount }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var owner = await (from t in db.AccountTeamMembers.AsNoTracking()
                           where t.WorkspaceId == workspaceId && t.CustomerId == customerId && t.IsOwner
                           join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                           select new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
        var plan = await db.AccountPlans.AsNoTracking().FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.CustomerId == customerId && p.Year == year, ct);
        var objectives = plan is null ? [] : await ObjectivesAsync(db, workspaceId, plan.Id, ct);
        return new PlanDto(plan?.Id, customerId, customer.Key, customer.Name, customer.IsKeyAccount, year, owner?.Email, owner?.DisplayName,
            plan?.Strengths ?? "", plan?.Weaknesses ?? "", plan?.Opportunities ?? "", plan?.Threats ?? "", plan?.UpdatedAt, objectives);
    }

    /// <summary>The years a customer has a plan for, latest first.</summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct = default) =>
        await db.AccountPlans.AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.CustomerId == customerId)
            .OrderByDescending(p => p.Year).Select(p => p.Year).ToListAsync(ct);

    /// <summary>Whether <paramref name="userId"/> may change the customer's plan (null, the system, always may).</summary>
    public static async Task<bool> MayEditAsync(KaminoDb db, int workspaceId, long customerId, string? userId, CancellationToken ct = default) =>
        await RefusalAsync(db, workspaceId, customerId, "", userId, ct) is null;

    /// <summary>Sets the four situation texts of the year's plan (starting it when needed); unchanged input writes nothing.</summary>
    public static async Task<PlanResult> SetSituationAsync(KaminoDb db, int workspaceId, long customerId, int year, SituationFields fields, string? userId,
        TimeProvider clock, CancellationToken ct = default)
    {
        var problems = PlanRules.Problems(fields);
        var (key, refused) = await CheckAsync(db, workspaceId, customerId, year, userId, ct);
        if (refused is not null)
        {
            return PlanResult.Refused(refused);
        }

        if (problems.Count > 0)
        {
            return PlanResult.Invalid(problems);
        }

        var f = PlanRules.Normalize(fields);
        var plan = await StartAsync(db, workspaceId, customerId, year, key!, userId, clock, ct);
        var changed = new[]
        {
            plan.Strengths != f.Strengths ? "strengths" : null,
            plan.Weaknesses != f.Weaknesses ? "weaknesses" : null,
            plan.Opportunities != f.Opportunities ? "opportunities" : null,
            plan.Threats != f.Threats ? "threats" : null,
        }.OfType<string>().ToList();
        if (changed.Count > 0)
        {
            (plan.Strengths, plan.Weaknesses, plan.Opportunities, plan.Threats) = (f.Strengths!, f.Weaknesses!, f.Opportunities!, f.Threats!);
            Touch(plan, userId, clock);
            await AuditAsync(db, plan, userId, "situation-edited", AuditText.Of("plan.situation", Year(year), key, string.Join(", ", changed)), clock, ct);
            await db.SaveChangesAsync(ct);
        }

        return await DoneAsync(db, workspaceId, customerId, year, null, ct);
    }

    /// <summary>Adds an objective at the end of the year's plan (starting it when needed).</summary>
    public static async Task<PlanResult> AddObjectiveAsync(KaminoDb db, int workspaceId, long customerId, int year, ObjectiveFields fields, string? userId,
        TimeProvider clock, CancellationToken ct = default)
    {
        var (key, refused) = await CheckAsync(db, workspaceId, customerId, year, userId, ct);
        if (refused is not null)
        {
            return PlanResult.Refused(refused);
        }

        var f = PlanRules.Normalize(fields);
        if (await ProblemsAsync(db, workspaceId, f, ct) is { Count: > 0 } problems)
        {
            return PlanResult.Invalid(problems);
        }

        var plan = await StartAsync(db, workspaceId, customerId, year, key!, userId, clock, ct);
        var positions = await db.PlanObjectives.Where(o => o.WorkspaceId == workspaceId && o.PlanId == plan.Id).Select(o => o.Position).ToListAsync(ct);
        if (positions.Count >= PlanRules.MaxObjectives)
        {
            return PlanResult.Refused(ChangeResult.Invalid(Said.Of("plan.objectives-full", PlanRules.MaxObjectives)));
        }

        var objective = new PlanObjective { WorkspaceId = workspaceId, Id = await db.NextIdAsync(db.PlanObjectives, workspaceId, ct), PlanId = plan.Id, Title = "" };
        Apply(objective, f);
        objective.Position = positions.Count == 0 ? 1 : positions.Max() + 1;
        db.PlanObjectives.Add(objective);
        Touch(plan, userId, clock);
        await AuditAsync(db, plan, userId, "objective-added", AuditText.Of("plan.objective-added", Year(year), key, Id(objective.Id), PlanRules.AreaName(f.Area), f.Title), clock, ct);
        await db.SaveChangesAsync(ct);
        return await DoneAsync(db, workspaceId, customerId, year, objective.Id, ct);
    }

    /// <summary>Sets every field of an objective to <paramref name="fields"/>; the audit entry names the fields that changed.</summary>
    public static async Task<PlanResult> EditObjectiveAsync(KaminoDb db, int workspaceId, long customerId, long objectiveId, ObjectiveFields fields, string? userId,
        TimeProvider clock, CancellationToken ct = default)
    {
        var (plan, objective, key, refused) = await LoadObjectiveAsync(db, workspaceId, customerId, objectiveId, userId, ct);
        if (refused is not null)
        {
            return PlanResult.Refused(refused);
        }

        var f = PlanRules.Normalize(fields);
        if (await ProblemsAsync(db, workspaceId, f, ct) is { Count: > 0 } problems)
        {
            return PlanResult.Invalid(problems);
        }

        var changed = Changes(objective!, f, AuditText.Of("plan.objective", Year(plan!.Year), key, Id(objectiveId)));
        if (changed.Clauses.Count > 1)
        {
            Apply(objective!, f);
            Touch(plan!, userId, clock);
            await AuditAsync(db, plan!, userId, "objective-edited", changed, clock, ct);
            await db.SaveChangesAsync(ct);
        }

        return await DoneAsync(db, workspaceId, customerId, plan!.Year, objectiveId, ct);
    }

    /// <summary>Sets only the status of an objective.</summary>
    public static async Task<PlanResult> SetStatusAsync(KaminoDb db, int workspaceId, long customerId, long objectiveId, ObjectiveStatus status, string? userId,
        TimeProvider clock, CancellationToken ct = default)
    {
        var current = await db.PlanObjectives.AsNoTracking().FirstOrDefaultAsync(o => o.WorkspaceId == workspaceId && o.Id == objectiveId, ct);
        var fields = current is null
            ? new ObjectiveFields(PlanArea.Sales, "-", Status: status)
            : new ObjectiveFields(current.Area, current.Title, current.OwnerUserId, current.Measure, current.Target, current.DueOn, status);
        return await EditObjectiveAsync(db, workspaceId, customerId, objectiveId, fields, userId, clock, ct);
    }

    /// <summary>Removes an objective: its tasks are unlinked first (they stay, as plain tasks of the account).</summary>
    public static async Task<ChangeResult> RemoveObjectiveAsync(KaminoDb db, int workspaceId, long customerId, long objectiveId, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var (plan, objective, key, refused) = await LoadObjectiveAsync(db, workspaceId, customerId, objectiveId, userId, ct);
        if (refused is not null)
        {
            return refused;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var unlinked = await db.Tasks.Where(t => t.WorkspaceId == workspaceId && t.ObjectiveId == objectiveId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ObjectiveId, (long?)null), ct);
        db.PlanObjectives.Remove(objective!);
        Touch(plan!, userId, clock);
        await AuditAsync(db, plan!, userId, "objective-removed",
            AuditText.Of("plan.objective-removed", Year(plan!.Year), key, Id(objectiveId), objective!.Title, unlinked), clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>
    /// Puts the year's objectives in the order of <paramref name="objectiveIds"/>, which must name each of them once.
    /// </summary>
    public static async Task<PlanResult> ReorderAsync(KaminoDb db, int workspaceId, long customerId, int year, IReadOnlyList<long> objectiveIds, string? userId,
        TimeProvider clock, CancellationToken ct = default)
    {
        var (key, refused) = await CheckAsync(db, workspaceId, customerId, year, userId, ct);
        if (refused is not null)
        {
            return PlanResult.Refused(refused);
        }

        var plan = await db.AccountPlans.FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.CustomerId == customerId && p.Year == year, ct);
        if (plan is null)
        {
            return PlanResult.Refused(ChangeResult.NotFound(Said.Of("plan.no-plan", key, Year(year))));
        }

        var objectives = await db.PlanObjectives.Where(o => o.WorkspaceId == workspaceId && o.PlanId == plan.Id).ToListAsync(ct);
        if (objectiveIds.Count != objectives.Count || !objectiveIds.Order().SequenceEqual(objectives.Select(o => o.Id).Order()))
        {
            return PlanResult.Invalid([new("objectiveIds", Said.Of("plan.order-all", objectives.Count))]);
        }

        var byId = objectives.ToDictionary(o => o.Id);
        for (var i = 0; i < objectiveIds.Count; i++)
        {
            byId[objectiveIds[i]].Position = i + 1;
        }

        if (db.ChangeTracker.HasChanges())
        {
            Touch(plan, userId, clock);
            await AuditAsync(db, plan, userId, "objectives-reordered", AuditText.Of("plan.objectives-reordered", Year(year), key), clock, ct);
            await db.SaveChangesAsync(ct);
        }

        return await DoneAsync(db, workspaceId, customerId, year, null, ct);
    }

    /// <summary>
    /// Starts next year's plan from this year's: the situation and the objectives not done, not started and due a year
    /// later, in the same order; no tasks. Refused when this year has no plan or next year's is already started.
    /// </summary>
    public static async Task<PlanResult> StartNextYearAsync(KaminoDb db, int workspaceId, long customerId, int fromYear, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var (key, refused) = await CheckAsync(db, workspaceId, customerId, fromYear + 1, userId, ct);
        if (refused is not null)
        {
            return PlanResult.Refused(refused);
        }

        var from = await db.AccountPlans.AsNoTracking().FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.CustomerId == customerId && p.Year == fromYear, ct);
        if (from is null)
        {
            return PlanResult.Refused(ChangeResult.NotFound(Said.Of("plan.no-plan-to-start-from", key, Year(fromYear), Year(fromYear + 1))));
        }

        if (await db.AccountPlans.AnyAsync(p => p.WorkspaceId == workspaceId && p.CustomerId == customerId && p.Year == fromYear + 1, ct))
        {
            return PlanResult.Refused(ChangeResult.Invalid(Said.Of("plan.already-started", key, Year(fromYear + 1))));
        }

        var carried = (await db.PlanObjectives.AsNoTracking().Where(o => o.WorkspaceId == workspaceId && o.PlanId == from.Id).OrderBy(o => o.Position).ToListAsync(ct))
            .Where(o => PlanRules.CarriesOver(o.Status)).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = await StartAsync(db, workspaceId, customerId, fromYear + 1, key!, userId, clock, ct);
        (plan.Strengths, plan.Weaknesses, plan.Opportunities, plan.Threats) = (from.Strengths, from.Weaknesses, from.Opportunities, from.Threats);
        var first = carried.Count == 0 ? 0 : await db.ReserveIdsAsync(db.PlanObjectives, workspaceId, carried.Count, ct) - carried.Count + 1;
        for (var i = 0; i < carried.Count; i++)
        {
            var o = carried[i];
            var next = PlanRules.NextYear(new ObjectiveFields(o.Area, o.Title, o.OwnerUserId, o.Measure, o.Target, o.DueOn, o.Status));
            var copy = new PlanObjective { WorkspaceId = workspaceId, Id = first + i, PlanId = plan.Id, Title = "", Position = i + 1 };
            Apply(copy, next);
            db.PlanObjectives.Add(copy);
        }

        await AuditAsync(db, plan, userId, "started-from-previous",
            AuditText.Of("plan.started-from", Year(fromYear + 1), key, Year(fromYear), carried.Count), clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DoneAsync(db, workspaceId, customerId, fromYear + 1, null, ct);
    }

    private static async Task<List<ObjectiveDto>> ObjectivesAsync(KaminoDb db, int workspaceId, long planId, CancellationToken ct)
    {
        var rows = await (from o in db.PlanObjectives.AsNoTracking()
                          where o.WorkspaceId == workspaceId && o.PlanId == planId
                          join u in db.Users.AsNoTracking() on o.OwnerUserId equals u.Id into owners
                          from u in owners.DefaultIfEmpty()
                          select new { o, Email = u == null ? null : u.Email, Name = u == null ? null : u.DisplayName }).ToListAsync(ct);
        var ids = rows.Select(r => r.o.Id).ToList();
        var actions = await (from t in db.Tasks.AsNoTracking()
                             where t.WorkspaceId == workspaceId && t.ObjectiveId != null && ids.Contains(t.ObjectiveId.Value)
                             join u in db.Users.AsNoTracking() on t.AssigneeUserId equals u.Id
                             select new { ObjectiveId = t.ObjectiveId!.Value, t.Id, t.Title, t.Status, t.DueDate, u.Email }).ToListAsync(ct);
        var byObjective = actions.ToLookup(a => a.ObjectiveId);
        return rows.OrderBy(r => r.o.Position).ThenBy(r => r.o.Id).Select(r =>
        {
            var tasks = byObjective[r.o.Id].OrderBy(a => a.DueDate).ThenBy(a => a.Id).ToList();
            var progress = PlanRules.Progress(tasks.Select(a => a.Status == WorkTaskStatus.Done));
            return new ObjectiveDto(r.o.Id, r.o.Area, r.o.Title, r.o.OwnerUserId, r.Email, r.Name, r.o.Measure, r.o.Target, r.o.DueOn, r.o.Status, r.o.Position,
                progress.Done, progress.Total, progress.Percent,
                tasks.Select(a => new PlanActionDto(a.Id, a.Title, a.Status, a.DueDate, a.Email ?? "")).ToList());
        }).ToList();
    }

    /// <summary>The customer's key when the year is valid, it is a key account and the actor may edit its plan; else the refusal.</summary>
    private static async Task<(string? Key, ChangeResult? Refused)> CheckAsync(KaminoDb db, int workspaceId, long customerId, int year, string? userId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.Id == customerId)
            .Select(c => new { c.Key, c.IsKeyAccount }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return (null, ChangeResult.NotFound(Said.Of("customer.not-found")));
        }

        if (await RefusalAsync(db, workspaceId, customerId, customer.Key, userId, ct) is { } refused)
        {
            return (null, refused);
        }

        if (!PlanRules.IsPlanYear(year))
        {
            return (null, ChangeResult.Invalid(Said.Of("plan.not-a-plan-year", Year(year), Year(PlanRules.MinYear), Year(PlanRules.MaxYear))));
        }

        return customer.IsKeyAccount ? (customer.Key, null) : (null, ChangeResult.Invalid(Said.Of("account.not-key", customer.Key)));
    }

    private static async Task<(AccountPlan? Plan, PlanObjective? Objective, string? Key, ChangeResult? Refused)> LoadObjectiveAsync(KaminoDb db, int workspaceId,
        long customerId, long objectiveId, string? userId, CancellationToken ct)
    {
        var objective = await db.PlanObjectives.FirstOrDefaultAsync(o => o.WorkspaceId == workspaceId && o.Id == objectiveId, ct);
        var plan = objective is null ? null
            : await db.AccountPlans.FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.Id == objective.PlanId && p.CustomerId == customerId, ct);
        var (key, refused) = await CheckAsync(db, workspaceId, customerId, plan?.Year ?? PlanRules.MinYear, userId, ct);
        if (refused is not null)
        {
            return (null, null, null, refused);
        }

        return plan is null
            ? (null, null, null, ChangeResult.NotFound(Said.Of("plan.no-objective", key, Id(objectiveId))))
            : (plan, objective, key, null);
    }

    /// <summary>Null when <paramref name="userId"/> may edit the customer's plan; otherwise the refusal.</summary>
    private static async Task<ChangeResult?> RefusalAsync(KaminoDb db, int workspaceId, long customerId, string key, string? userId, CancellationToken ct)
    {
        if (userId is null)
        {
            return null;
        }

        var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
        if (member is null)
        {
            return ChangeResult.Forbidden(Said.Of("member.not-member"));
        }

        var owner = await (from t in db.AccountTeamMembers.AsNoTracking()
                           where t.WorkspaceId == workspaceId && t.CustomerId == customerId && t.IsOwner
                           join m in db.Memberships.AsNoTracking() on new { t.WorkspaceId, t.UserId } equals new { m.WorkspaceId, m.UserId }
                           select new AccountOwner(m.UserId, m.Role, m.SupervisorUserId)).FirstOrDefaultAsync(ct);
        return Permissions.MayEditPlan(member.Role, userId, owner) ? null
            : ChangeResult.Forbidden(member.Role is Role.Kam or Role.LeadKam
                ? Said.Of("plan.not-their-account", member.Role, key)
                : Said.Of("plan.read-only", member.Role));
    }

    /// <summary>The rules' problems, and an owner who is not a member of the workspace.</summary>
    private static async Task<IReadOnlyList<PlanProblem>> ProblemsAsync(KaminoDb db, int workspaceId, ObjectiveFields f, CancellationToken ct)
    {
        var problems = PlanRules.Problems(f).ToList();
        if (f.OwnerUserId is { } owner && await Members.MembershipAsync(db, workspaceId, owner, ct) is null)
        {
            problems.Add(new("ownerUserId", Said.Of("plan.owner-not-member")));
        }

        return problems;
    }

    /// <summary>
    /// The tracked plan of the year, inserted first when there is none. Two first changes at once both insert: the
    /// loser's unique-key error is dropped and the winner's row is used.
    /// </summary>
    private static async Task<AccountPlan> StartAsync(KaminoDb db, int workspaceId, long customerId, int year, string key, string? userId, TimeProvider clock, CancellationToken ct)
    {
        var existing = await db.AccountPlans.FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.CustomerId == customerId && p.Year == year, ct);
        if (existing is not null)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        var plan = new AccountPlan
        {
            WorkspaceId = workspaceId, Id = await db.NextIdAsync(db.AccountPlans, workspaceId, ct), CustomerId = customerId, Year = year,
            CreatedAt = now, UpdatedAt = now, UpdatedByUserId = userId,
        };
        db.AccountPlans.Add(plan);
        await AuditAsync(db, plan, userId, "started", AuditText.Of("plan.started", Year(year), key), clock, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return plan;
        }
        catch (DbUpdateException) when (db.Database.CurrentTransaction is null)
        {
            db.ChangeTracker.Clear();
            return await db.AccountPlans.FirstAsync(p => p.WorkspaceId == workspaceId && p.CustomerId == customerId && p.Year == year, ct);
        }
    }

    private static async Task<PlanResult> DoneAsync(KaminoDb db, int workspaceId, long customerId, int year, long? objectiveId, CancellationToken ct) =>
        new(ChangeResult.Done, await GetAsync(db, workspaceId, customerId, year, ct), objectiveId, []);

    private static void Apply(PlanObjective o, ObjectiveFields f)
    {
        o.Area = f.Area;
        o.Title = f.Title!;
        o.OwnerUserId = f.OwnerUserId;
        o.Measure = f.Measure!;
        o.Target = f.Target!;
        o.DueOn = f.DueOn;
        o.Status = f.Status;
    }

    /// <summary><paramref name="head"/> followed by what changed: the area and status from → to, the other fields by name.</summary>
    private static AuditText Changes(PlanObjective o, ObjectiveFields f, AuditText head)
    {
        string?[] fields =
        [
            o.Title != f.Title ? "title" : null,
            o.OwnerUserId != f.OwnerUserId ? "owner" : null,
            o.Measure != f.Measure ? "measure" : null,
            o.Target != f.Target ? "target" : null,
            o.DueOn != f.DueOn ? "due date" : null,
        ];
        var named = fields.OfType<string>().ToList();
        return head
            .AndIf(o.Area != f.Area, "plan.objective-area", PlanRules.AreaName(o.Area), PlanRules.AreaName(f.Area))
            .AndIf(named.Count > 0, "plan.objective-fields", string.Join(", ", named))
            .AndIf(o.Status != f.Status, "plan.objective-status", PlanRules.StatusName(o.Status), PlanRules.StatusName(f.Status));
    }

    private static void Touch(AccountPlan plan, string? userId, TimeProvider clock)
    {
        plan.UpdatedAt = clock.GetUtcNow();
        plan.UpdatedByUserId = userId;
    }

    private static Task AuditAsync(KaminoDb db, AccountPlan plan, string? userId, string action, AuditText summary, TimeProvider clock, CancellationToken ct) =>
        AuditLog.AddAsync(db, plan.WorkspaceId, userId, "plan", Id(plan.Id), action, summary, plan.CustomerId, clock, ct);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}
