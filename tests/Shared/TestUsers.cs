using Kamino.Data;
using Kamino.SignIn;

namespace Kamino.Testing;

/// <summary>Users written straight to the database for test data, stored as the sign-in store stores them.</summary>
public static class TestUsers
{
    /// <summary>
    /// A new user with this email (also the user name, both normalized to upper case), a new security stamp and
    /// the part before <c>@</c> as display name unless one is given; added to <paramref name="db"/>, not saved.
    /// </summary>
    public static KaminoUser Add(KaminoDb db, string email, string? displayName = null)
    {
        var user = new KaminoUser
        {
            Id = Guid.NewGuid().ToString(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            DisplayName = displayName ?? email.Split('@')[0],
        };
        db.Users.Add(user);
        return user;
    }
}
