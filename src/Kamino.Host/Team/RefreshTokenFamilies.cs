using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Kamino.Team;
using Microsoft.AspNetCore.Identity;

namespace Kamino.Host.Team;

/// <summary>
/// Rotation of the API's refresh tokens (ASVS 7.2.4 / OAuth 2.0 BCP §4.14): every sign-in with a password starts a
/// <em>family</em>; its tokens (access and refresh) carry the family id and a generation number as claims. A refresh
/// token works once: exchanging it moves the family to the next generation. Presenting a spent one (an older
/// generation: someone kept a copy) revokes the family, so its latest refresh token and its access tokens stop
/// working too. The families of a user are one JSON user token (<see cref="TokenName"/>): no schema of its own.
/// Two exchanges of one token at once: the second save fails on the user's concurrency stamp and is refused.
/// </summary>
public static class RefreshTokenFamilies
{
    public const string FamilyClaim = "kamino:token_family";

    public const string GenerationClaim = "kamino:token_generation";

    public const string TokenName = "RefreshTokenFamilies";

    /// <summary>The claims of a new family's first tokens, after recording it for <paramref name="user"/>.</summary>
    public static async Task<Claim[]?> StartAsync(UserManager<KaminoUser> users, KaminoUser user, DateTimeOffset now, TimeSpan lifetime)
    {
        var families = await LoadAsync(users, user, now);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        families[id] = new Family(0, now + lifetime);
        return await SaveAsync(users, user, families) ? Claims(id, 0) : null;
    }

    /// <summary>
    /// The claims of the next tokens of the family named in <paramref name="refreshTicket"/>, or null when that token is
    /// spent (the family is then revoked), revoked, expired or has no family.
    /// </summary>
    public static async Task<Claim[]?> RotateAsync(UserManager<KaminoUser> users, KaminoUser user, ClaimsPrincipal refreshTicket, DateTimeOffset now, TimeSpan lifetime)
    {
        if (Read(refreshTicket) is not var (id, generation))
        {
            return null;
        }

        var families = await LoadAsync(users, user, now);
        if (!families.TryGetValue(id, out var family))
        {
            return null;
        }

        if (family.Generation != generation)
        {
            families.Remove(id);
            await SaveAsync(users, user, families);
            return null;
        }

        families[id] = new Family(generation + 1, now + lifetime);
        return await SaveAsync(users, user, families) ? Claims(id, generation + 1) : null;
    }

    /// <summary>
    /// Whether the family of an access token is still live. A token of no family (a cookie session's principal) is
    /// not concerned.
    /// </summary>
    public static async Task<bool> IsLiveAsync(UserManager<KaminoUser> users, KaminoUser user, ClaimsPrincipal principal, DateTimeOffset now)
    {
        if (principal.FindFirstValue(FamilyClaim) is not { } id)
        {
            return true;
        }

        return (await LoadAsync(users, user, now)).ContainsKey(id);
    }

    private static (string Id, long Generation)? Read(ClaimsPrincipal principal) =>
        principal.FindFirstValue(FamilyClaim) is { } id
        && long.TryParse(principal.FindFirstValue(GenerationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? (id, generation)
            : null;

    private static Claim[] Claims(string id, long generation) =>
        [new(FamilyClaim, id), new(GenerationClaim, generation.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64)];

    /// <summary>The live families of <paramref name="user"/> (expired ones dropped).</summary>
    private static async Task<Dictionary<string, Family>> LoadAsync(UserManager<KaminoUser> users, KaminoUser user, DateTimeOffset now)
    {
        var json = await users.GetAuthenticationTokenAsync(user, OneTimeAuthenticator.LoginProvider, TokenName);
        var families = json is null ? null : JsonSerializer.Deserialize<Dictionary<string, Family>>(json);
        return (families ?? []).Where(f => f.Value.ExpiresAt > now).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
    }

    private static async Task<bool> SaveAsync(UserManager<KaminoUser> users, KaminoUser user, Dictionary<string, Family> families) =>
        (await users.SetAuthenticationTokenAsync(user, OneTimeAuthenticator.LoginProvider, TokenName, JsonSerializer.Serialize(families))).Succeeded;

    /// <param name="Generation">The generation of the family's only unspent refresh token.</param>
    /// <param name="ExpiresAt">When that refresh token expires (the family with it).</param>
    private sealed record Family(long Generation, DateTimeOffset ExpiresAt);
}
