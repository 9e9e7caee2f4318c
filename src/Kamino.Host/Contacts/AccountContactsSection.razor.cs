using System.Globalization;
using Kamino.Contacts;
using Kamino.People;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.Contacts;

/// <summary>
/// The people at the customer on its account page: cards (the primary contact first) that stack on a phone, and for
/// whom may serve the account (<see cref="CustomerContacts.MayKeepAsync"/>) the add form, an edit form per contact
/// and a confirmed removal. Unlike the page's other sections it loads and changes its own data through its own
/// context (the page's context is busy with the page; see docs/development.md), so that the account page needs one
/// line for it; every post is checked again by <see cref="CustomerContacts"/>.
/// </summary>
public partial class AccountContactsSection
{
    /// <summary>The form field names (the add form and every edit form post the same ones).</summary>
    public const string NameField = "contact-name";
    public const string TitleField = "contact-title";
    public const string EmailField = "contact-email";
    public const string PhoneField = "contact-phone";
    public const string RoleField = "contact-role";
    public const string InfluenceField = "contact-influence";
    public const string StrengthField = "contact-strength";
    public const string NotesField = "contact-notes";
    public const string PrimaryField = "contact-primary";
    public const string KnownByField = "contact-known-by";

    /// <summary>The query parameter that says, after the redirect, which change was made (<c>added</c>, <c>saved</c>, <c>removed</c>).</summary>
    private const string DoneParameter = "contact";

    private const string AddForm = "add";

    private IReadOnlyList<ContactDto> contacts = [];
    private IReadOnlyList<MemberDto> members = [];
    private bool mayKeep;
    private string? done;

    /// <summary>The form whose post was refused (<see cref="AddForm"/> or a contact id), whose posted values are shown again.</summary>
    private string? postedForm;

    private Dictionary<string, string> problems = [];

    protected override async Task OnParametersSetAsync()
    {
        await using var db = Database.CreateDbContext();
        contacts = await CustomerContacts.ListAsync(db, WorkspaceId, CustomerId, Aborted);
        members = await Members.ListAsync(db, WorkspaceId, Aborted);
        mayKeep = await CustomerContacts.MayKeepAsync(db, WorkspaceId, CustomerId, UserId, Aborted);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        done = query.TryGetValue(DoneParameter, out var value) && value.ToString() is "added" or "saved" or "removed" ? value.ToString() : null;
    }

    private async Task AddAsync()
    {
        postedForm = AddForm;
        var (fields, inputProblems) = Read();
        await using var db = Database.CreateDbContext();
        var result = inputProblems.Count > 0 ? null : await CustomerContacts.AddAsync(db, WorkspaceId, CustomerId, fields, UserId, Clock, Aborted);
        Finish(result, inputProblems, "added");
    }

    private async Task EditAsync(long contactId)
    {
        postedForm = contactId.ToString(CultureInfo.InvariantCulture);
        var (fields, inputProblems) = Read();
        await using var db = Database.CreateDbContext();
        var result = inputProblems.Count > 0 ? null : await CustomerContacts.EditAsync(db, WorkspaceId, CustomerId, contactId, fields, UserId, Clock, Aborted);
        Finish(result, inputProblems, "saved");
    }

    private async Task RemoveAsync()
    {
        if (!long.TryParse(Posted("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var contactId))
        {
            Refuse(StatusCodes.Status400BadRequest, L["BadForm"]);
            return;
        }

        await using var db = Database.CreateDbContext();
        var result = await CustomerContacts.RemoveAsync(db, WorkspaceId, CustomerId, contactId, UserId, Clock, Aborted);
        Finish(new ContactResult(result, null, []), [], "removed");
    }

    /// <summary>The posted contact, and the problems of values a form cannot send (a forged role or scale).</summary>
    private (ContactFields Fields, List<ContactProblem> Problems) Read()
    {
        var problems = new List<ContactProblem>();
        ContactRole? role = null;
        if (Posted(RoleField) is { Length: > 0 } rawRole)
        {
            if (ContactRules.TryParseRole(rawRole, out var r))
            {
                role = r;
            }
            else
            {
                problems.Add(new("role", Said.Text(rawRole)));
            }
        }

        var fields = new ContactFields(Posted(NameField), Posted(TitleField), Posted(EmailField), Posted(PhoneField), role,
            Scale(InfluenceField, "influence", problems), Scale(StrengthField, "strength", problems), Posted(NotesField),
            Posted(PrimaryField) is "true" or "on",
            HttpContext?.Request is { HasFormContentType: true } request ? request.Form[KnownByField].Where(v => v is not null).Select(v => v!).ToList() : []);
        problems.AddRange(ContactRules.Problems(fields));
        return (fields, problems);
    }

    private int? Scale(string field, string name, List<ContactProblem> problems)
    {
        var raw = Posted(field);
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        problems.Add(new(name, Said.Text(raw)));
        return null;
    }

    /// <summary>After a post: back to the page with a GET saying what was done, or the problems shown where they belong.</summary>
    private void Finish(ContactResult? result, List<ContactProblem> inputProblems, string what)
    {
        if (result is { Change.Succeeded: true })
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(DoneParameter, what) + "#contacts-title");
            return;
        }

        var fieldProblems = result?.Problems ?? inputProblems;
        problems = fieldProblems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => (string)L["ContactProblem_" + g.Key], StringComparer.Ordinal);
        switch (result?.Change.Outcome)
        {
            case ChangeOutcome.Forbidden:
                Refuse(StatusCodes.Status403Forbidden, L["NotAllowed"]);
                break;
            case ChangeOutcome.NotFound:
                Refuse(StatusCodes.Status404NotFound, L["ChangeRefused", result.Change.In(CultureInfo.CurrentUICulture)]);
                break;
            default:
                Refuse(StatusCodes.Status400BadRequest, problems.Count > 0 ? L["ContactNotSaved"] : L["ChangeRefused", result?.Change.In(CultureInfo.CurrentUICulture) ?? ""]);
                break;
        }
    }

    /// <summary>What a form shows: the posted values after its refused post, else the contact (or blanks for a new one).</summary>
    private FormValues ValuesFor(string form, ContactDto? contact)
    {
        if (postedForm == form && HttpContext?.Request is { HasFormContentType: true } request)
        {
            return new FormValues(Posted(NameField), Posted(TitleField), Posted(EmailField), Posted(PhoneField), Posted(RoleField),
                Posted(InfluenceField), Posted(StrengthField), Posted(NotesField), Posted(PrimaryField) is "true" or "on",
                request.Form[KnownByField].Where(v => v is not null).Select(v => v!).ToHashSet(StringComparer.Ordinal));
        }

        return contact is null
            ? new FormValues(null, null, null, null, null, null, null, null, false, new HashSet<string>())
            : new FormValues(contact.Name, contact.Title, contact.Email, contact.Phone, contact.Role?.ToString(),
                contact.Influence?.ToString(CultureInfo.InvariantCulture), contact.Strength?.ToString(CultureInfo.InvariantCulture), contact.Notes, contact.IsPrimary,
                contact.KnownBy.Select(k => k.UserId).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The problem of <paramref name="field"/> in <paramref name="form"/>, fit to show next to it; null when none.</summary>
    private string? ProblemOf(string form, string field) => postedForm == form && problems.TryGetValue(field, out var p) ? p : null;

    private string RoleName(ContactRole role) => L["ContactRole_" + role];

    /// <summary>The values a contact form shows.</summary>
    private sealed record FormValues(string? Name, string? Title, string? Email, string? Phone, string? Role, string? Influence, string? Strength, string? Notes,
        bool IsPrimary, IReadOnlySet<string> KnownBy);
}
