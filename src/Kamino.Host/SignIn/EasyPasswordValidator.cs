using System.Globalization;
using System.Text;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;

namespace Kamino.Host.SignIn;

/// <summary>
/// Refuses passwords that are easy to guess (ASVS 6.2.4), without a published password list: the user's email or
/// its local part, anything containing "kamino", a single repeated character or a short repeated block
/// (<c>aaaaaaaa</c>, <c>abababab</c>), a run of the alphabet, the digits or a keyboard row (<c>12345678</c>,
/// <c>abcdefgh</c>, <c>qwertyui</c>, also reversed), and a few very common words. Digits and symbols added at the
/// end (<c>password1!</c>) and common letter swaps (<c>p@ssw0rd</c>) do not help. It checks no breached-password
/// list (docs/security.md says why).
/// </summary>
public sealed class EasyPasswordValidator : IPasswordValidator<KaminoUser>
{
    /// <summary>Very common words and their variants, written for Kamino (at most 30; not taken from a published list).</summary>
    internal static readonly IReadOnlyList<string> CommonWords =
    [
        "password", "passwort", "contraseña", "contrasena", "letmein", "welcome", "bienvenido", "iloveyou", "teamo",
        "admin", "administrator", "changeme", "secret", "default", "qwerty", "azerty", "monkey", "dragon", "football",
        "baseball", "sunshine", "princess", "shadow", "master", "superman", "whatever", "trustno", "login", "starwars",
        "test",
    ];

    /// <summary>Rows and runs that people type without thinking; any stretch of four or more, forwards or backwards.</summary>
    private static readonly string[] Sequences =
    [
        "abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiopasdfghjklzxcvbnm", "qwertzuiop", "azertyuiop",
        "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    ];

    private const int ShortestRun = 4;

    public const string SimilarToEmail = "PasswordSimilarToEmail";
    public const string ContainsAppName = "PasswordContainsAppName";
    public const string TooSimple = "PasswordTooSimple";
    public const string TooCommon = "PasswordTooCommon";

    public Task<IdentityResult> ValidateAsync(UserManager<KaminoUser> manager, KaminoUser user, string? password) =>
        Task.FromResult(Check(password ?? "", user.Email ?? user.UserName));

    /// <summary>Success, or the first reason why <paramref name="password"/> is too easy for the owner of <paramref name="email"/>.</summary>
    public static IdentityResult Check(string password, string? email)
    {
        var whole = password.ToLowerInvariant();
        var core = whole.TrimEnd("0123456789!?.,;:-_+*#$%&@/ ".ToCharArray());
        var mail = email?.ToLowerInvariant();
        var local = mail?.Split('@')[0];
        if (mail is not null && (whole == mail || whole == local || core == local || core == mail))
        {
            return Fail(SimilarToEmail, "The password must not be your email address or its name part.");
        }

        if (whole.Contains("kamino", StringComparison.Ordinal) || Unleet(whole).Contains("kamino", StringComparison.Ordinal))
        {
            return Fail(ContainsAppName, "The password must not contain the name of the app.");
        }

        if (IsSimple(whole) || (core.Length >= ShortestRun && IsSimple(core)))
        {
            return Fail(TooSimple, "The password must not be a repeated character or a simple sequence (12345678, abcdefgh, qwertyui).");
        }

        if (CommonWords.Contains(Unleet(core)) || CommonWords.Contains(Unleet(whole)))
        {
            return Fail(TooCommon, "The password is too common.");
        }

        return IdentityResult.Success;
    }

    /// <summary>A block of one to four characters repeated, or a stretch of one of <see cref="Sequences"/>.</summary>
    private static bool IsSimple(string text)
    {
        for (var block = 1; block <= 4 && block * 2 <= text.Length; block++)
        {
            var repeated = true;
            for (var i = block; i < text.Length && repeated; i++)
            {
                repeated = text[i] == text[i - block];
            }

            if (repeated)
            {
                return true;
            }
        }

        if (text.Length < ShortestRun)
        {
            return false;
        }

        foreach (var sequence in Sequences)
        {
            var backwards = new string(sequence.Reverse().ToArray());
            if (sequence.Contains(text, StringComparison.Ordinal) || backwards.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Undoes the usual letter swaps (<c>@</c>→a, <c>0</c>→o, <c>3</c>→e …).</summary>
    private static string Unleet(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            plain.Append(c switch
            {
                '@' or '4' => 'a',
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '5' or '$' => 's',
                '7' => 't',
                _ => c,
            });
        }

        return plain.ToString().Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture);
    }

    private static IdentityResult Fail(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
