using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Kamino.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.SignIn;

/// <summary>
/// Rotation of the API's refresh tokens (ASVS 10.4.5; OAuth 2.0 Security BCP, refresh token rotation): every sign-in
/// with a password starts a <em>family</em>; its tokens (access and refresh) carry the family id and a generation
/// number as claims. A refresh token works once: exchanging it moves the family to the next generation. Presenting a
/// spent one (an older generation: someone kept a copy) revokes the family, so its latest refresh token and its access
/// tokens stop working too.
/// </summary>
/// <remarks>
/// A family is a row of Identity's user tokens (<c>app_user_token</c>, login provider <see cref="LoginProvider"/>, name
/// the family id, value <c>generation:expiry</c>): no schema of its own. The exchange is a conditional UPDATE on the
/// value it read, so of two exchanges of one token at once only one wins, on SQLite and PostgreSQL alike. A user keeps
/// at most <see cref="MaxFamiliesPerUser"/> families (the oldest go first); expired ones are dropped at each sign-in.
/// </remarks>
public static class RefreshTokenFamilies
{
    public const string FamilyClaim = "kamino:token_family";

    public const string GenerationClaim = "kamino:token_generation";

    public const string LoginProvider = "[KaminoRefreshFamily]";

    public const int MaxFamiliesPerUser = 50;

    /// <summary>The claims of a new family's first tokens, after recording it for <paramref name="userId"/>.</summary>
    public static async Task<Claim[]> StartAsync(KaminoDb db, string userId, DateTimeOffset now, TimeSpan lifetime)
    {
        var families = (await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider)
                .Select(t => new { t.Name, t.Value }).ToListAsync())
            .Select(f => (f.Name, ExpiresAt: Parse(f.Value)?.ExpiresAt ?? DateTimeOffset.MinValue))
            .OrderByDescending(f => f.ExpiresAt)
            .ToList();
        var stale = families.Where((f, i) => f.ExpiresAt <= now || i >= MaxFamiliesPerUser - 1).Select(f => f.Name).ToList();
        if (stale.Count > 0)
        {
            await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider && stale.Contains(t.Name)).ExecuteDeleteAsync();
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = LoginProvider, Name = id, Value = Format(0, now + lifetime) });
        await db.SaveChangesAsync();
        return Claims(id, 0);
    }

    /// <summary>
    /// The claims of the next tokens of the family named in <paramref name="refreshTicket"/>, or null when that token is
    /// spent (the family is then revoked), revoked, expired or of no family.
    /// </summary>
    public static async Task<Claim[]?> RotateAsync(KaminoDb db, string userId, ClaimsPrincipal refreshTicket, DateTimeOffset now, TimeSpan lifetime)
    {
        if (Read(refreshTicket) is not var (id, generation))
        {
            return null;
        }

        var family = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider && t.Name == id);
        var current = await family.Select(t => t.Value).FirstOrDefaultAsync();
        if (Parse(current) is not { } stored || stored.ExpiresAt <= now)
        {
            return null;
        }

        var next = Format(generation + 1, now + lifetime);
        var swapped = stored.Generation == generation
            && await family.Where(t => t.Value == current).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, next)) == 1;
        if (!swapped)
        {
            // A spent token (or the loser of two exchanges at once): whoever holds a copy loses the whole family.
            await family.ExecuteDeleteAsync();
            return null;
        }

        return Claims(id, generation + 1);
    }

    /// <summary>Whether the family of an access token is still live; a principal of no family (a cookie session) is not concerned.</summary>
    public static async Task<bool> IsLiveAsync(KaminoDb db, string userId, ClaimsPrincipal principal) =>
        principal.FindFirstValue(FamilyClaim) is not { } id
        || await db.UserTokens.AnyAsync(t => t.UserId == userId && t.LoginProvider == LoginProvider && t.Name == id);

    private static (string Id, long Generation)? Read(ClaimsPrincipal principal) =>
        principal.FindFirstValue(FamilyClaim) is { } id
        && long.TryParse(principal.FindFirstValue(GenerationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? (id, generation)
            : null;

    private static Claim[] Claims(string id, long generation) =>
        [new(FamilyClaim, id), new(GenerationClaim, generation.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64)];

    private static string Format(long generation, DateTimeOffset expiresAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{generation}:{expiresAt.ToUnixTimeSeconds()}");

    private static (long Generation, DateTimeOffset ExpiresAt)? Parse(string? value) =>
        value?.Split(':') is [var g, var e]
        && long.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
        && long.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? (generation, DateTimeOffset.FromUnixTimeSeconds(expires))
            : null;
}
