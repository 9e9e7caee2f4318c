using Kamino.People;

namespace Kamino.Host.Customers;

/// <summary>
/// What the account page's team and designation forms show: the posted values after a refused post, else the
/// defaults (the current owner, the first tier the customer is not in, Sales). The field names are those the
/// page's forms have always posted.
/// </summary>
public sealed class AccountForms
{
    public const string OwnerUserIdField = "Owner.UserId";
    public const string MemberUserIdField = "TeamMember.UserId";
    public const string MemberDepartmentField = "TeamMember.Department";
    public const string DesignationTierField = "Designation.Tier";
    public const string DesignationReasonField = "Designation.Reason";
    public const string UndesignationReasonField = "Undesignation.Reason";

    public string? OwnerUserId { get; init; }

    public string? MemberUserId { get; init; }

    public Department MemberDepartment { get; init; } = Department.Sales;

    public string? DesignationTier { get; init; }

    public string? DesignationReason { get; init; }

    public string? UndesignationReason { get; init; }

    /// <summary>The values of <paramref name="posted"/> (a form field by name, null when not posted), with the defaults for the rest.</summary>
    public static AccountForms Read(Func<string, string?> posted, string? currentOwnerUserId, string? firstOtherTier) => new()
    {
        OwnerUserId = NullIfEmpty(posted(OwnerUserIdField)) ?? currentOwnerUserId,
        MemberUserId = NullIfEmpty(posted(MemberUserIdField)),
        MemberDepartment = Enum.TryParse<Department>(posted(MemberDepartmentField), out var d) && Enum.IsDefined(d) ? d : Department.Sales,
        DesignationTier = NullIfEmpty(posted(DesignationTierField)) ?? firstOtherTier,
        DesignationReason = posted(DesignationReasonField),
        UndesignationReason = posted(UndesignationReasonField),
    };

    // As the model binding of the EditForms these forms were: an empty field is no value.
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>A designation change the account page asks to confirm before making it.</summary>
public enum DesignationConfirmation
{
    /// <summary>To a lower tier than the current one.</summary>
    Demote,

    /// <summary>No longer designated at all.</summary>
    Undesignate,
}
