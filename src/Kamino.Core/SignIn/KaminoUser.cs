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
}
