using System.Security.Cryptography;
using System.Text;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kamino.Host.SignIn;

/// <summary>
/// Identity's user manager with recovery codes that are never stored in clear (ASVS 6.5.2): each code carries
/// 120 random bits (24 base-32 characters, shown in four groups of six), so a plain SHA-256 of it is an approved
/// way to keep it; the database holds only the hashes, and a code is redeemed by hashing what the user typed.
/// </summary>
public sealed class KaminoUserManager(
    IUserStore<KaminoUser> store,
    IOptions<IdentityOptions> options,
    IPasswordHasher<KaminoUser> passwordHasher,
    IEnumerable<IUserValidator<KaminoUser>> userValidators,
    IEnumerable<IPasswordValidator<KaminoUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<KaminoUser>> logger)
    : UserManager<KaminoUser>(store, options, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>Characters of a recovery code: RFC 4648 base 32 (no 0, 1, 8 or 9 to mistake for letters).</summary>
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Characters per recovery code: 24 × 5 bits = 120 bits, above ASVS 6.5.2's 112.</summary>
    public const int RecoveryCodeLength = 24;

    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(KaminoUser user, int number)
    {
        ArgumentNullException.ThrowIfNull(user);
        var codes = Enumerable.Range(0, number).Select(_ => CreateTwoFactorRecoveryCode()).Distinct().ToList();
        await RecoveryCodes.ReplaceCodesAsync(user, codes.Select(HashRecoveryCode), CancellationToken);
        return (await UpdateUserAsync(user)).Succeeded ? codes : null;
    }

    public override Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(KaminoUser user, string code) =>
        base.RedeemTwoFactorRecoveryCodeAsync(user, HashRecoveryCode(code));

    protected override string CreateTwoFactorRecoveryCode()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, RecoveryCodeLength);
        return string.Join('-', code.Chunk(6).Select(group => new string(group)));
    }

    /// <summary>What is stored for a recovery code: SHA-256 (hex) of the code without spaces or dashes, in capitals.</summary>
    public static string HashRecoveryCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var compact = new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(compact)));
    }

    private IUserTwoFactorRecoveryCodeStore<KaminoUser> RecoveryCodes =>
        Store as IUserTwoFactorRecoveryCodeStore<KaminoUser> ?? throw new NotSupportedException("The user store keeps no recovery codes.");
}
