using System.Globalization;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Contacts;

/// <summary>
/// The people at a customer (issue 12): list, add, edit, remove. Who may change them is who may serve the account
/// (<see cref="Permissions.MayServe"/>: a Director or Lead KAM any customer, a KAM or Collaborator the customers whose
/// team they are on); an actor of null is the system (the CLI). Every member reads them.
/// A contact is personal data: its audit entries name it by number only (never its name, email or phone), and
/// removing it deletes the row, who knows it and the activities' links to it, and clears the NPS answers it gave
/// from their activities (the scores stay, anonymous). At most one contact per customer is primary: making one
/// primary clears the previous one in the same transaction.
/// (Not named <c>Contacts</c>: a type named as its namespace would hide it under <c>Kamino.*</c>.)
/// </summary>
public static class CustomerContacts
{
    /// <summary>The contacts of a customer, the primary one first, then by name.</summary>
    public static async Task<IReadOnlyList<ContactDto>> ListAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct = default)
    {
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && c.CustomerId == customerId)
            .ToListAsync(ct);
        var ids = contacts.Select(c => c.Id).ToList();
        var knowers = await (from m in db.ContactMembers.AsNoTracking()
                             where m.WorkspaceId == workspaceId && ids.Contains(m.ContactId)
                             join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                             select new { m.ContactId, m.UserId, u.Email, u.DisplayName }).ToListAsync(ct);
        var byContact = knowers.ToLookup(k => k.ContactId);
        return contacts
            .OrderByDescending(c => c.IsPrimary)
            .ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(c => c.Id)
            .Select(c => new ContactDto(c.Id, c.Name, c.Title, c.Email, c.Phone, c.Role, c.Influence, c.Strength, c.Notes, c.IsPrimary,
                byContact[c.Id].Select(k => new ContactKnower(k.UserId, k.Email ?? "", k.DisplayName))
                    .OrderBy(k => k.Email, StringComparer.OrdinalIgnoreCase).ToList(),
                c.CreatedAt))
            .ToList();
    }

    /// <summary>One contact of a customer; null when the customer has none with that id.</summary>
    public static async Task<ContactDto?> FindAsync(KaminoDb db, int workspaceId, long customerId, long contactId, CancellationToken ct = default) =>
        (await ListAsync(db, workspaceId, customerId, ct)).FirstOrDefault(c => c.Id == contactId);

    /// <summary>Whether <paramref name="userId"/> may keep the contacts of the customer (null, the system, always may).</summary>
    public static async Task<bool> MayKeepAsync(KaminoDb db, int workspaceId, long customerId, string? userId, CancellationToken ct = default) =>
        await RefusalAsync(db, workspaceId, customerId, "", userId, ct) is null;

    /// <summary>Adds a contact to a customer (made primary when <see cref="ContactFields.IsPrimary"/>), audited.</summary>
    public static async Task<ContactResult> AddAsync(KaminoDb db, int workspaceId, long customerId, ContactFields fields, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var key = await CustomerKeyAsync(db, workspaceId, customerId, ct);
        if (key is null)
        {
            return ContactResult.Refused(ChangeResult.NotFound(Said.Of("customer.not-found")));
        }

        if (await RefusalAsync(db, workspaceId, customerId, key, userId, ct) is { } refused)
        {
            return ContactResult.Refused(refused);
        }

        var f = ContactRules.Normalize(fields);
        if (await ProblemsAsync(db, workspaceId, f, ct) is { Count: > 0 } problems)
        {
            return ContactResult.Invalid(problems);
        }

        var contact = new Contact { WorkspaceId = workspaceId, Id = await db.NextIdAsync(db.Contacts, workspaceId, ct), CustomerId = customerId, Name = "", CreatedAt = clock.GetUtcNow() };
        Apply(contact, f);
        db.Contacts.Add(contact);
        db.ContactMembers.AddRange(f.KnownByUserIds!.Select(u => new ContactMember { WorkspaceId = workspaceId, ContactId = contact.Id, UserId = u }));
        await AuditLog.AddAsync(db, workspaceId, userId, "contact", Id(contact.Id), "added",
            AuditText.Of(contact.IsPrimary ? "contact.added-primary" : "contact.added", Id(contact.Id), key), customerId, clock, ct);
        await SaveAsync(db, workspaceId, customerId, contact, ct);
        return new ContactResult(ChangeResult.Done, await FindAsync(db, workspaceId, customerId, contact.Id, ct), []);
    }

    /// <summary>
    /// Sets every field of a customer's contact to <paramref name="fields"/> (the whole contact as it should be);
    /// the audit entry names the fields that changed, not their values. Unchanged input writes nothing.
    /// </summary>
    public static async Task<ContactResult> EditAsync(KaminoDb db, int workspaceId, long customerId, long contactId, ContactFields fields, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var key = await CustomerKeyAsync(db, workspaceId, customerId, ct);
        var contact = key is null ? null
            : await db.Contacts.FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.CustomerId == customerId && c.Id == contactId, ct);
        if (key is null || contact is null)
        {
            return ContactResult.Refused(ChangeResult.NotFound(key is null ? Said.Of("customer.not-found") : Said.Of("contact.no-such", key, Id(contactId))));
        }

        if (await RefusalAsync(db, workspaceId, customerId, key, userId, ct) is { } refused)
        {
            return ContactResult.Refused(refused);
        }

        var f = ContactRules.Normalize(fields);
        if (await ProblemsAsync(db, workspaceId, f, ct) is { Count: > 0 } problems)
        {
            return ContactResult.Invalid(problems);
        }

        var members = await db.ContactMembers.Where(m => m.WorkspaceId == workspaceId && m.ContactId == contactId).ToListAsync(ct);
        var changed = Changes(contact, f, members.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal));
        if (changed.Count == 0)
        {
            return new ContactResult(ChangeResult.Done, await FindAsync(db, workspaceId, customerId, contactId, ct), []);
        }

        Apply(contact, f);
        db.ContactMembers.RemoveRange(members.Where(m => !f.KnownByUserIds!.Contains(m.UserId)));
        db.ContactMembers.AddRange(f.KnownByUserIds!.Where(u => members.All(m => m.UserId != u))
            .Select(u => new ContactMember { WorkspaceId = workspaceId, ContactId = contactId, UserId = u }));
        await AuditLog.AddAsync(db, workspaceId, userId, "contact", Id(contactId), "edited",
            AuditText.Of("contact.edited", Id(contactId), key, string.Join(", ", changed)), customerId, clock, ct);
        await SaveAsync(db, workspaceId, customerId, contact, ct);
        return new ContactResult(ChangeResult.Done, await FindAsync(db, workspaceId, customerId, contactId, ct), []);
    }

    /// <summary>
    /// Deletes a customer's contact for good, in one transaction: the NPS answers it gave lose their contact (the
    /// score stays), the row goes and with it who knew it and its part in activities (foreign keys cascade). The
    /// audit entry says only that contact #id was removed.
    /// </summary>
    public static async Task<ChangeResult> RemoveAsync(KaminoDb db, int workspaceId, long customerId, long contactId, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var key = await CustomerKeyAsync(db, workspaceId, customerId, ct);
        var exists = key is not null && await db.Contacts.AnyAsync(c => c.WorkspaceId == workspaceId && c.CustomerId == customerId && c.Id == contactId, ct);
        if (!exists)
        {
            return ChangeResult.NotFound(key is null ? Said.Of("customer.not-found") : Said.Of("contact.no-such", key, Id(contactId)));
        }

        if (await RefusalAsync(db, workspaceId, customerId, key!, userId, ct) is { } refused)
        {
            return refused;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Activities.Where(a => a.WorkspaceId == workspaceId && a.NpsContactId == contactId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.NpsContactId, (long?)null), ct);
        await db.Contacts.Where(c => c.WorkspaceId == workspaceId && c.Id == contactId).ExecuteDeleteAsync(ct);
        await AuditLog.AddAsync(db, workspaceId, userId, "contact", Id(contactId), "removed", AuditText.Of("contact.removed", Id(contactId), key), customerId, clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ChangeResult.Done;
    }

    private static Task<string?> CustomerKeyAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct) =>
        db.Customers.Where(c => c.WorkspaceId == workspaceId && c.Id == customerId).Select(c => c.Key).FirstOrDefaultAsync(ct);

    /// <summary>Null when <paramref name="userId"/> may keep the customer's contacts; otherwise the refusal.</summary>
    private static async Task<ChangeResult?> RefusalAsync(KaminoDb db, int workspaceId, long customerId, string key, string? userId, CancellationToken ct)
    {
        if (userId is null)
        {
            return null;
        }

        var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
        var onTeam = await db.AccountTeamMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.CustomerId == customerId && m.UserId == userId, ct);
        return member is not null && Permissions.MayServe(member.Role, onTeam) ? null
            : ChangeResult.Forbidden(member is null ? Said.Of("member.not-member")
                : member.Role is Role.Kam or Role.Collaborator ? Said.Of("contact.not-on-team", member.Role, key)
                : Said.Of("contact.role-may-not", member.Role));
    }

    /// <summary>The rules' problems, and known-by users who are not members of the workspace.</summary>
    private static async Task<IReadOnlyList<ContactProblem>> ProblemsAsync(KaminoDb db, int workspaceId, ContactFields f, CancellationToken ct)
    {
        var problems = ContactRules.Problems(f).ToList();
        var known = f.KnownByUserIds!;
        if (known.Count > 0)
        {
            var members = await db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && known.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
            if (known.FirstOrDefault(u => !members.Contains(u)) is { } stranger)
            {
                problems.Add(new("knownByUserIds", Said.Of("field.not-member", stranger)));
            }
        }

        return problems;
    }

    private static void Apply(Contact contact, ContactFields f)
    {
        contact.Name = f.Name!;
        contact.Title = f.Title;
        contact.Email = f.Email;
        contact.Phone = f.Phone;
        contact.Role = f.Role;
        contact.Influence = f.Influence;
        contact.Strength = f.Strength;
        contact.Notes = f.Notes!;
        contact.IsPrimary = f.IsPrimary;
    }

    /// <summary>The names of the fields <paramref name="f"/> changes (never their values: they are personal data).</summary>
    private static List<string> Changes(Contact c, ContactFields f, HashSet<string> knownBy)
    {
        var changed = new List<string>();
        void Check(bool differs, string field)
        {
            if (differs)
            {
                changed.Add(field);
            }
        }

        Check(c.Name != f.Name, "name");
        Check(c.Title != f.Title, "title");
        Check(c.Email != f.Email, "email");
        Check(c.Phone != f.Phone, "phone");
        Check(c.Role != f.Role, "role");
        Check(c.Influence != f.Influence, "influence");
        Check(c.Strength != f.Strength, "strength");
        Check(c.Notes != f.Notes, "notes");
        Check(c.IsPrimary != f.IsPrimary, f.IsPrimary ? "made primary" : "no longer primary");
        Check(!knownBy.SetEquals(f.KnownByUserIds!), "known by");
        return changed;
    }

    /// <summary>
    /// Saves the tracked changes in one transaction; when <paramref name="contact"/> is to be primary, first clears
    /// the customer's other primary contact. Two people making different contacts primary at once would both find
    /// nothing to clear and collide on the unique index <c>ux_contact_primary</c> (PostgreSQL, read committed), so the
    /// transaction first locks the customer's row with an update that changes nothing: the second waits for the first
    /// and then clears the first's primary.
    /// </summary>
    private static async Task SaveAsync(KaminoDb db, int workspaceId, long customerId, Contact contact, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (contact.IsPrimary)
        {
            await db.Customers.Where(c => c.WorkspaceId == workspaceId && c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, c => c.Name), ct);
            await db.Contacts.Where(c => c.WorkspaceId == workspaceId && c.CustomerId == customerId && c.IsPrimary && c.Id != contact.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsPrimary, false), ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
