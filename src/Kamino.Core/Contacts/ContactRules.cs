using System.Net.Mail;

namespace Kamino.Contacts;

/// <summary>
/// A contact as a person typed it: a new one, or the whole contact as it should be after an edit. Blank text is no
/// value; <see cref="ContactRules.Normalize"/> trims it.
/// </summary>
/// <param name="KnownByUserIds">The members of the workspace who know this person.</param>
public sealed record ContactFields(
    string? Name,
    string? Title = null,
    string? Email = null,
    string? Phone = null,
    ContactRole? Role = null,
    int? Influence = null,
    int? Strength = null,
    string? Notes = null,
    bool IsPrimary = false,
    IReadOnlyList<string>? KnownByUserIds = null);

/// <summary>One thing wrong with a contact's input, named by its field as the API names it (<c>name</c>, <c>email</c>…).</summary>
public sealed record ContactProblem(string Field, Said Why)
{
    /// <summary>The recorded English (what the API answers).</summary>
    public string Message => Why.ToString();
}

/// <summary>
/// The pure rules of contacts: sizes, the 1–5 scales, the email and phone checks, and reading a role as people
/// write it. No database, clock or configuration.
/// </summary>
public static class ContactRules
{
    public const int NameMaxLength = 200;
    public const int TitleMaxLength = 200;
    public const int EmailMaxLength = 256;
    public const int PhoneMaxLength = 40;
    public const int NotesMaxLength = 2000;
    public const int ScaleMin = 1;
    public const int ScaleMax = 5;
    public const int PhoneMinDigits = 6;
    public const int PhoneMaxDigits = 20;

    /// <summary>The phone rule in words, for messages and help.</summary>
    public const string PhoneRule = "digits with optional spaces, '-', '.', '(' and ')', and '+' only at the start; 6 to 20 digits";

    /// <summary>The input with its text trimmed, blank text as null, and the known-by members without repeats.</summary>
    public static ContactFields Normalize(ContactFields fields) => fields with
    {
        Name = fields.Name?.Trim() ?? "",
        Title = Blank(fields.Title),
        Email = Blank(fields.Email),
        Phone = Blank(fields.Phone),
        Notes = fields.Notes?.Trim() ?? "",
        KnownByUserIds = (fields.KnownByUserIds ?? []).Where(u => !string.IsNullOrWhiteSpace(u)).Distinct(StringComparer.Ordinal).ToList(),
    };

    /// <summary>Everything wrong with the (normalized) input, each keyed by its field; empty when it can be stored.</summary>
    public static IReadOnlyList<ContactProblem> Problems(ContactFields input)
    {
        var f = Normalize(input);
        var problems = new List<ContactProblem>();
        if (f.Name!.Length == 0)
        {
            problems.Add(new("name", FieldSentences.Required("name")));
        }

        Length(problems, "name", f.Name, NameMaxLength);
        Length(problems, "title", f.Title, TitleMaxLength);
        Length(problems, "notes", f.Notes, NotesMaxLength);
        if (f.Email is { } email && EmailProblem(email) is { } emailProblem)
        {
            problems.Add(new("email", emailProblem));
        }

        if (f.Phone is { } phone && PhoneProblem(phone) is { } phoneProblem)
        {
            problems.Add(new("phone", phoneProblem));
        }

        if (f.Role is { } role && !Enum.IsDefined(role))
        {
            problems.Add(new("role", Said.Of("contact.role", role, RoleNames)));
        }

        Scale(problems, "influence", f.Influence);
        Scale(problems, "strength", f.Strength);
        return problems;
    }

    /// <summary>
    /// Null when <paramref name="email"/> is one plain address (<c>name@domain.tld</c>): it parses as a
    /// <see cref="MailAddress"/> that reads back exactly as given, with no display name, no control characters or
    /// spaces outside quotes, and a domain with a dot that does not end with one. Otherwise why not.
    /// </summary>
    public static Said? EmailProblem(string email)
    {
        if (email.Length > EmailMaxLength)
        {
            return FieldSentences.TooLong("email", email.Length, EmailMaxLength);
        }

        var ok = !email.Any(char.IsControl)
            && MailAddress.TryCreate(email, out var parsed)
            && parsed.DisplayName.Length == 0
            && string.Equals(parsed.Address, email, StringComparison.Ordinal)
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.EndsWith('.')
            && !parsed.Host.StartsWith('.')
            && !parsed.Host.Any(char.IsWhiteSpace);
        return ok ? null : Said.Of("contact.email", email);
    }

    /// <summary>Whether <paramref name="email"/> is a plain email address (<see cref="EmailProblem"/>).</summary>
    public static bool IsEmail(string email) => EmailProblem(email) is null;

    /// <summary>
    /// Null when <paramref name="phone"/> follows <see cref="PhoneRule"/> (and is at most <see cref="PhoneMaxLength"/>
    /// characters); otherwise why not. No country rules: a contact's number is written as the person gave it.
    /// </summary>
    public static Said? PhoneProblem(string phone)
    {
        var digits = 0;
        for (var i = 0; i < phone.Length; i++)
        {
            var c = phone[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '-' or '.' or '(' or ')' || (c == '+' && i == 0)))
            {
                return Said.Of("contact.phone", phone);
            }
        }

        return digits is < PhoneMinDigits or > PhoneMaxDigits || phone.Length > PhoneMaxLength
            ? Said.Of("contact.phone", phone)
            : null;
    }

    /// <summary>Whether <paramref name="phone"/> follows <see cref="PhoneRule"/>.</summary>
    public static bool IsPhone(string phone) => PhoneProblem(phone) is null;

    /// <summary>The roles as people write them: <c>decision-maker, influencer, user, gatekeeper, champion</c>.</summary>
    public static string RoleNames => string.Join(", ", Enum.GetValues<ContactRole>().Select(RoleName));

    /// <summary>A role as the CLI and help write it: <c>decision-maker</c>, <c>influencer</c>…</summary>
    public static string RoleName(ContactRole role) => role switch
    {
        ContactRole.DecisionMaker => "decision-maker",
        ContactRole.Influencer => "influencer",
        ContactRole.User => "user",
        ContactRole.Gatekeeper => "gatekeeper",
        ContactRole.Champion => "champion",
    };

    /// <summary>
    /// Reads a role written any usual way (<c>decision-maker</c>, <c>decision maker</c>, <c>DecisionMaker</c>,
    /// <c>decision_maker</c>, any case); false when it names none.
    /// </summary>
    public static bool TryParseRole(string? text, out ContactRole role)
    {
        var squeezed = new string((text ?? "").Where(c => c is not ('-' or '_' or ' ')).ToArray());
        role = default;
        return squeezed.Length > 0 && squeezed.All(char.IsAsciiLetter) && Enum.TryParse(squeezed, ignoreCase: true, out role);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Length(List<ContactProblem> problems, string field, string? value, int max)
    {
        if (value is { Length: var n } && n > max)
        {
            problems.Add(new(field, FieldSentences.TooLong(field, n, max)));
        }
    }

    private static void Scale(List<ContactProblem> problems, string field, int? value)
    {
        if (value is < ScaleMin or > ScaleMax)
        {
            problems.Add(new(field, Said.Of("contact.scale", field, ScaleMin, ScaleMax, value)));
        }
    }
}
