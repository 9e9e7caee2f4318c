using System.Globalization;
using System.Security.Cryptography;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;

namespace Kamino.Host.SignIn;

/// <summary>
/// The authenticator-app second factor (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), each code usable
/// once (ASVS 6.5.1): the time step of the last accepted code is kept per user (user token
/// <see cref="LastStepToken"/>), and a code of that step or an earlier one is refused. Replaces Identity's
/// <c>AuthenticatorTokenProvider</c>, which accepts a code again for as long as it is current. Two requests with one
/// code at once: the second save fails on the user's concurrency stamp and its code is refused.
/// </summary>
public sealed class OneTimeAuthenticator(TimeProvider clock) : IUserTwoFactorTokenProvider<KaminoUser>
{
    public const string ProviderName = "KaminoAuthenticator";

    public const string LoginProvider = "[Kamino]";

    public const string LastStepToken = "AuthenticatorLastStep";

    /// <summary>Codes of this many steps before and after the current one are accepted (clock drift of the phone).</summary>
    public const int AllowedDriftSteps = 1;

    public Task<string> GenerateAsync(string purpose, UserManager<KaminoUser> manager, KaminoUser user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<KaminoUser> manager, KaminoUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<KaminoUser> manager, KaminoUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || TotpCode.FromBase32(key) is not { } secret)
        {
            return false;
        }

        var stored = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken);
        long? lastUsed = long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : null;
        if (TotpCode.MatchingStep(secret, token, TotpCode.StepAt(clock.GetUtcNow()), AllowedDriftSteps, lastUsed) is not { } step)
        {
            return false;
        }

        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }
}

/// <summary>RFC 6238 time-based codes as authenticator apps show them; pure functions.</summary>
public static class TotpCode
{
    private const int StepSeconds = 30;
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The number of the 30-second step <paramref name="time"/> falls in (since the Unix epoch).</summary>
    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The 6-digit code of <paramref name="step"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 6238 as authenticator apps implement it is HMAC-SHA1.")]
    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The step within <paramref name="drift"/> steps of <paramref name="now"/> whose code is <paramref name="code"/>
    /// and that is later than <paramref name="lastUsed"/>, or null. Compared in constant time.
    /// </summary>
    public static long? MatchingStep(byte[] key, string code, long now, int drift, long? lastUsed)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        long? found = null;
        for (var step = now - drift; step <= now + drift; step++)
        {
            var matches = CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(code));
            if (matches && (lastUsed is null || step > lastUsed) && found is null)
            {
                found = step;
            }
        }

        return found;
    }

    /// <summary>RFC 4648 base32 (A–Z, 2–7; spaces, padding and case ignored), or null when it is not base32.</summary>
    public static byte[]? FromBase32(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=')
            {
                continue;
            }

            var value = Base32Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return bytes.ToArray();
    }
}
