using System.Globalization;
using Kamino.SignIn;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Activities;

/// <summary>A person who took part in an activity: a team member (<see cref="Id"/> is the user id) or a contact (the contact's number).</summary>
public sealed record ParticipantDto(string Id, string Name);

/// <summary>An activity as shown and returned by the API.</summary>
/// <param name="LoggedBy">Who logged it (display name, else email); null when the system (the CLI) did.</param>
/// <param name="TaskIds">The tasks its next steps became, when it was just logged; empty in lists.</param>
public sealed record ActivityDto(
    long Id,
    ActivityType Type,
    DateTimeOffset At,
    string? LoggedByUserId,
    string? LoggedBy,
    string Summary,
    bool IsCheckin,
    int? Csat,
    int? Nps,
    long? NpsContactId,
    string? NpsContactName,
    DateOnly? NextCheckinOn,
    IReadOnlyList<ParticipantDto> Members,
    IReadOnlyList<ParticipantDto> Contacts,
    IReadOnlyList<long> TaskIds);

/// <summary>How logging an activity ended: the activity (when done) or the problems, keyed by field.</summary>
public sealed record ActivityResult(ChangeOutcome Outcome, ActivityDto? Activity, IReadOnlyList<ActivityProblem> Problems)
{
    public bool Succeeded => Outcome == ChangeOutcome.Done;

    internal static ActivityResult Refused(ChangeOutcome outcome, string field, Said why) => new(outcome, null, [new ActivityProblem(field, why)]);
}

/// <summary>
/// Logging activities and check-ins on a customer and reading them back. An activity, its participants, its audit
/// entry and the tasks its next steps become are written in one transaction: all or nothing.
/// </summary>
public static class ActivityLog
{
    /// <summary>
    /// Logs <paramref name="input"/> on the customer. <paramref name="actorUserId"/> is who logs it: null for the
    /// system (the CLI), otherwise a member that <see cref="Permissions.MayServe"/> allows on this account. Next steps
    /// become tasks created by the actor (so the system cannot have any, and the actor's role must be allowed to
    /// <see cref="Permission.CreateTasks"/>). Members must be members of the workspace; contacts, contacts of this customer.
    /// </summary>
    public static async Task<ActivityResult> LogAsync(KaminoDb db, int workspaceId, long customerId, NewActivity input, string? actorUserId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Id == customerId, ct);
        if (customer is null)
        {
            return ActivityResult.Refused(ChangeOutcome.NotFound, "customer", Said.Of("field.no-such-customer"));
        }

        var steps = input.NextSteps ?? [];
        if (await RefusalAsync(db, workspaceId, customer.Id, customer.Key, customer.IsKeyAccount, actorUserId, steps.Count > 0, ct) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var problems = ActivityRules.Validate(input, now).ToList();
        var members = (input.MemberUserIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var contacts = (input.ContactIds ?? []).Distinct().ToList();
        problems.AddRange(await ParticipantProblemsAsync(db, workspaceId, customerId, members, contacts, input.NpsContactId, ct));
        if (problems.Count > 0)
        {
            return new ActivityResult(ChangeOutcome.Invalid, null, problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var activity = new Activity
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Activities, workspaceId, ct),
            CustomerId = customerId,
            Type = input.Type,
            // PostgreSQL keeps instants in UTC; the day the person meant is checked above, in their offset.
            At = (input.At ?? now).ToUniversalTime(),
            LoggedByUserId = actorUserId,
            Summary = input.Summary.Trim(),
            IsCheckin = input.IsCheckin,
            Csat = input.IsCheckin ? input.Csat : null,
            Nps = input.Nps,
            NpsContactId = input.NpsContactId,
            NextCheckinOn = input.NextCheckinOn,
            CreatedAt = now,
        };
        db.Activities.Add(activity);
        db.ActivityMembers.AddRange(members.Select(u => new ActivityMember { WorkspaceId = workspaceId, ActivityId = activity.Id, UserId = u }));
        db.ActivityContacts.AddRange(contacts.Select(c => new ActivityContact { WorkspaceId = workspaceId, ActivityId = activity.Id, ContactId = c }));
        await AuditLog.AddAsync(db, workspaceId, actorUserId, "activity", activity.Id.ToString(CultureInfo.InvariantCulture), "log",
            AuditSummary(activity, customer.Key, members.Count, contacts.Count, steps.Count), customerId, clock, ct);
        await db.SaveChangesAsync(ct);

        var taskIds = new List<long>();
        var stepOf = NextStepDescription(activity, await UserLanguage.OfAsync(db, actorUserId!, ct));
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var task = await Tasks.CreateAsync(db, workspaceId,
                new NewTask(step.Title, step.AssigneeUserId, step.DueDate, stepOf, customerId, Department.Sales),
                actorUserId!, clock, ct);
            if (task.Outcome != TaskOutcome.Changed)
            {
                // Nothing of this activity stays: not the activity, not the tasks before this one.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var field = string.Create(CultureInfo.InvariantCulture, $"nextSteps[{i}]");
                return new ActivityResult(ChangeOutcome.Invalid, null, task.Problems.Select(p => new ActivityProblem($"{field}.{p.Field}", p.Why)).ToList());
            }

            taskIds.Add(task.Task!.Id);
        }

        await transaction.CommitAsync(ct);
        var dto = (await ListAsync(db, workspaceId, customerId, activity.Id, ct)).Single();
        return new ActivityResult(ChangeOutcome.Done, dto with { TaskIds = taskIds }, []);
    }

    /// <summary>Whether <paramref name="userId"/> may log activities on the customer (<see cref="Permissions.MayServe"/>).</summary>
    public static async Task<bool> MayServeAsync(KaminoDb db, int workspaceId, long customerId, string userId, CancellationToken ct = default)
    {
        var role = await RoleAsync(db, workspaceId, userId, ct);
        return role is { } r && Permissions.MayServe(r, await OnTeamAsync(db, workspaceId, customerId, userId, ct));
    }

    /// <summary>A customer's activities, newest first (or the one with <paramref name="activityId"/>); empty for a customer of another workspace.</summary>
    public static async Task<IReadOnlyList<ActivityDto>> ListAsync(KaminoDb db, int workspaceId, long customerId, long? activityId = null, CancellationToken ct = default)
    {
        var query = db.Activities.AsNoTracking().Where(a => a.WorkspaceId == workspaceId && a.CustomerId == customerId);
        if (activityId is { } only)
        {
            query = query.Where(a => a.Id == only);
        }

        var rows = await (from a in query
                          join u in db.Users.AsNoTracking() on a.LoggedByUserId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          join c in db.Contacts.AsNoTracking() on new { a.WorkspaceId, Id = a.NpsContactId } equals new { c.WorkspaceId, Id = (long?)c.Id } into npsContacts
                          from c in npsContacts.DefaultIfEmpty()
                          select new { Activity = a, UserName = u != null ? u.DisplayName : null, UserEmail = u != null ? u.Email : null, NpsContact = c != null ? c.Name : null })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Activity.Id).ToList();
        var members = await (from m in db.ActivityMembers.AsNoTracking()
                             where m.WorkspaceId == workspaceId && ids.Contains(m.ActivityId)
                             join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                             select new { m.ActivityId, u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        var contacts = await (from ac in db.ActivityContacts.AsNoTracking()
                              where ac.WorkspaceId == workspaceId && ids.Contains(ac.ActivityId)
                              join c in db.Contacts.AsNoTracking() on new { ac.WorkspaceId, Id = ac.ContactId } equals new { c.WorkspaceId, c.Id }
                              select new { ac.ActivityId, c.Id, c.Name }).ToListAsync(ct);
        return rows
            .OrderByDescending(r => r.Activity.At).ThenByDescending(r => r.Activity.Id)
            .Select(r => new ActivityDto(
                r.Activity.Id, r.Activity.Type, r.Activity.At, r.Activity.LoggedByUserId,
                r.Activity.LoggedByUserId is null ? null : PersonName(r.UserName, r.UserEmail) ?? r.Activity.LoggedByUserId,
                r.Activity.Summary, r.Activity.IsCheckin, r.Activity.Csat, r.Activity.Nps, r.Activity.NpsContactId, r.NpsContact, r.Activity.NextCheckinOn,
                members.Where(m => m.ActivityId == r.Activity.Id).Select(m => new ParticipantDto(m.Id, PersonName(m.DisplayName, m.Email) ?? m.Id)).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList(),
                contacts.Where(c => c.ActivityId == r.Activity.Id).Select(c => new ParticipantDto(c.Id.ToString(CultureInfo.InvariantCulture), c.Name)).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList(),
                []))
            .ToList();
    }

    /// <summary>How a person is named in activity lists: display name, else email.</summary>
    /// <summary>The description of a next-step task, in the language of whoever logged the activity.</summary>
    public static string NextStepDescription(Activity activity, CultureInfo language)
    {
        var id = activity.Id.ToString(CultureInfo.InvariantCulture);
        return !Language.IsSpanish(language) ? $"Next step of {activity.Type.ToString().ToLowerInvariant()} {id}" : activity.Type switch
        {
            ActivityType.Call => $"Siguiente paso de la llamada {id}",
            ActivityType.Visit => $"Siguiente paso de la visita {id}",
            ActivityType.Email => $"Siguiente paso del email {id}",
            ActivityType.Meeting => $"Siguiente paso de la reunión {id}",
            _ => $"Siguiente paso de la nota {id}",
        };
    }

    internal static string? PersonName(string? displayName, string? email) => displayName is null && email is null ? null : KaminoUser.NameOf(displayName, email, "");

    private static async Task<ActivityResult?> RefusalAsync(KaminoDb db, int workspaceId, long customerId, string customerKey, bool isKeyAccount, string? actorUserId, bool hasNextSteps,
        CancellationToken ct)
    {
        if (actorUserId is null)
        {
            return hasNextSteps
                ? ActivityResult.Refused(ChangeOutcome.Invalid, "nextSteps", Said.Of("activity.steps-need-member"))
                : null;
        }

        var role = await RoleAsync(db, workspaceId, actorUserId, ct);
        if (role is not { } r)
        {
            return ActivityResult.Refused(ChangeOutcome.Forbidden, "customer", Said.Of("activity.not-member"));
        }

        if (!Permissions.MayServe(r, isKeyAccount && await OnTeamAsync(db, workspaceId, customerId, actorUserId, ct)))
        {
            return ActivityResult.Refused(ChangeOutcome.Forbidden, "customer", r is Role.Viewer
                ? Said.Of("activity.viewer")
                : Said.Of("activity.team-only", r, customerKey));
        }

        return hasNextSteps && !Permissions.Allows(r, Permission.CreateTasks)
            ? ActivityResult.Refused(ChangeOutcome.Forbidden, "nextSteps", Said.Of("activity.no-tasks", r))
            : null;
    }

    private static Task<Role?> RoleAsync(KaminoDb db, int workspaceId, string userId, CancellationToken ct) =>
        db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.UserId == userId).Select(m => (Role?)m.Role).FirstOrDefaultAsync(ct);

    // An undesignated customer's team is inactive (docs/permissions.md): it gives nobody the right to serve it.
    private static Task<bool> OnTeamAsync(KaminoDb db, int workspaceId, long customerId, string userId, CancellationToken ct) =>
        db.AccountTeamMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.CustomerId == customerId && m.UserId == userId
            && db.Customers.Any(c => c.WorkspaceId == workspaceId && c.Id == customerId && c.IsKeyAccount), ct);

    private static async Task<IReadOnlyList<ActivityProblem>> ParticipantProblemsAsync(KaminoDb db, int workspaceId, long customerId, List<string> members, List<long> contacts,
        long? npsContactId, CancellationToken ct)
    {
        var problems = new List<ActivityProblem>();
        if (members.Count > 0)
        {
            var known = await db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && members.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
            if (members.FirstOrDefault(m => !known.Contains(m, StringComparer.Ordinal)) is { } stranger)
            {
                problems.Add(new("memberUserIds", Said.Of("field.not-member", stranger)));
            }
        }

        var wanted = npsContactId is { } n ? contacts.Append(n).ToList() : contacts;
        if (wanted.Count > 0)
        {
            var ofCustomer = await db.Contacts.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.CustomerId == customerId && wanted.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            if (contacts.Where(c => !ofCustomer.Contains(c)).Select(c => (long?)c).FirstOrDefault() is { } missing)
            {
                problems.Add(new("contactIds", Said.Of("activity.contact-not-of-customer", missing)));
            }

            if (npsContactId is { } nps && !ofCustomer.Contains(nps))
            {
                problems.Add(new("npsContactId", Said.Of("activity.contact-not-of-customer", nps)));
            }
        }

        return problems;
    }

    // Who and what, never what was said: the summary and contact names are personal data the audit must not keep.
    private static AuditText AuditSummary(Activity a, string customerKey, int members, int contacts, int steps) =>
        AuditText.Of(a.IsCheckin ? "activity.checkin" : "activity.logged", a.Type.ToString().ToLowerInvariant(), customerKey, a.At)
            .AndIf(a.Csat is not null, "activity.csat", a.Csat)
            .AndIf(a.Nps is not null, "activity.nps", a.Nps, a.NpsContactId)
            .AndIf(a.NextCheckinOn is not null, "activity.next-checkin", a.NextCheckinOn)
            .And("activity.people", members, contacts, steps);
}
