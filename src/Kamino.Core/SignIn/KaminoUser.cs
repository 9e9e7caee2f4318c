using Microsoft.AspNetCore.Identity;

namespace Kamino.SignIn;

/// <summary>
/// A person who signs in. Users are global (one account, several workspaces); what they may see and do in a
/// workspace comes from their <see cref="People.Membership"/> there. The Identity tables are the only ones without a
/// workspace id.
/// </summary>
public sealed class KaminoUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set when the account is disabled: it can no longer sign in, and open sessions end (see docs/permissions.md).</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>
    /// The language the user last chose or signed in with (<c>es</c> or <c>en</c>): notifications and emails made
    /// for them are written in it (<see cref="UserLanguage"/>). Null until their first sign-in: English.
    /// </summary>
    public string? Language { get; set; }

    /// <summary>How a person is named to others (pickers, notifications, the audit trail): the display name, else the email, else the id.</summary>
    public static string NameOf(string? displayName, string? email, string userId) =>
        !string.IsNullOrWhiteSpace(displayName) ? displayName : email ?? userId;
}
