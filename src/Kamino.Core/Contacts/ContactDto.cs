namespace Kamino.Contacts;

/// <summary>A team member who knows a contact, as lists show them.</summary>
public sealed record ContactKnower(string UserId, string Email, string DisplayName);

/// <summary>A contact at a customer as lists, the API and the CLI show it.</summary>
/// <param name="Influence">Influence on the decision, 1–5; null when not assessed.</param>
/// <param name="Strength">Strength of the relationship, 1–5; null when not assessed.</param>
/// <param name="KnownBy">The workspace members who know this person, by email.</param>
public sealed record ContactDto(
    long Id,
    string Name,
    string? Title,
    string? Email,
    string? Phone,
    ContactRole? Role,
    int? Influence,
    int? Strength,
    string Notes,
    bool IsPrimary,
    IReadOnlyList<ContactKnower> KnownBy,
    DateTimeOffset CreatedAt);

/// <summary>
/// How a contact change ended: the outcome (<see cref="ChangeResult"/>, whose problem is the first one), the contact
/// as saved when it was done, and when the input was refused, every problem keyed by its field.
/// </summary>
public sealed record ContactResult(ChangeResult Change, ContactDto? Contact, IReadOnlyList<ContactProblem> Problems)
{
    internal static ContactResult Refused(ChangeResult change) => new(change, null, []);

    internal static ContactResult Invalid(IReadOnlyList<ContactProblem> problems) =>
        new(ChangeResult.Invalid(Said.Together(problems.Select(p => p.Why))), null, problems);
}
