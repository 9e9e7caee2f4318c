using System.Globalization;
using System.Security.Claims;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kamino.Host.SignIn;

/// <summary>
/// Identity's sign-in manager, plus the time of the sign-in (<see cref="KaminoAuth.SignedInAtClaim"/>) in every
/// session it starts, for the absolute session timeout (ASVS 7.3.2). A fresh sign-in (password, two-factor code)
/// stamps the current time; renewing the cookie of an existing session (<see cref="RefreshSignInAsync"/>, after a
/// password or two-factor change) keeps the time of the original sign-in, so that renewals cannot extend it.
/// </summary>
public sealed class KaminoSignInManager(
    UserManager<KaminoUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<KaminoUser> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<KaminoUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<KaminoUser> confirmation,
    TimeProvider clock,
    UnknownAccounts unknown,
    KaminoDb db,
    IOptionsMonitor<BearerTokenOptions> bearerOptions)
    : SignInManager<KaminoUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    private bool refreshing;

    /// <summary>How long a refresh token (and so a token family) lives.</summary>
    public TimeSpan RefreshTokenLifetime => bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;

    /// <summary>
    /// Sign-in with email and password (the form and <c>POST /api/auth/login</c>). An email without an active account
    /// costs the same work and gets the same answers as a real account with a wrong password, lockout included
    /// (<see cref="UnknownAccounts"/>): the answer tells nothing about which emails have accounts (ASVS 6.3.8).
    /// </summary>
    public async Task<SignInResult> PasswordSignInByEmailAsync(string email, string password, bool isPersistent)
    {
        var user = await UserManager.FindByEmailAsync(email.Trim());
        return user is null || !KaminoIdentity.IsActive(user)
            ? unknown.Fail(email, password, UserManager.PasswordHasher)
            : await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true);
    }

    /// <summary>
    /// Records <paramref name="culture"/> as <paramref name="user"/>'s language (the sign-in form's
    /// and the language switcher's): its notifications and emails are written in it from then on.
    /// </summary>
    public async Task RememberLanguageAsync(KaminoUser? user, CultureInfo culture)
    {
        var code = UserLanguage.CodeOf(culture);
        if (user is not null && user.Language != code)
        {
            user.Language = code;
            await UserManager.UpdateAsync(user);
        }
    }

    /// <summary>
    /// The checks of a sign-in without signing in (accepting an invitation as an existing user): lockout, a disabled
    /// account (as unknown), the password with failures counted, and the second factor when the account has one
    /// (<paramref name="code"/>: authenticator or recovery code; <see cref="SignInResult.TwoFactorRequired"/> without it).
    /// </summary>
    public async Task<SignInResult> CheckCredentialsAsync(KaminoUser user, string password, string? code)
    {
        if (!KaminoIdentity.IsActive(user))
        {
            return unknown.Fail(user.Email ?? user.Id, password, UserManager.PasswordHasher);
        }

        var result = await CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded || !await IsTwoFactorEnabledAsync(user))
        {
            return result;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return SignInResult.TwoFactorRequired;
        }

        var clean = CleanCode(code);
        var valid = IsAuthenticatorCode(clean)
            ? await UserManager.VerifyTwoFactorTokenAsync(user, Options.Tokens.AuthenticatorTokenProvider, clean)
            : (await UserManager.RedeemTwoFactorRecoveryCodeAsync(user, clean)).Succeeded;
        if (valid)
        {
            await UserManager.ResetAccessFailedCountAsync(user);
            return SignInResult.Success;
        }

        await UserManager.AccessFailedAsync(user);
        return await UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>The work of checking a password, for a request that has no account to check it against.</summary>
    public void VerifyDummyPassword(string password) => unknown.VerifyDummy(password, UserManager.PasswordHasher);

    /// <summary>
    /// The second step of a sign-in (after <see cref="PasswordSignInByEmailAsync"/> answered
    /// <see cref="SignInResult.RequiresTwoFactor"/>): a 6-digit authenticator code (each usable once,
    /// <see cref="OneTimeAuthenticator"/>) or one of the account's recovery codes (each usable once).
    /// </summary>
    public async Task<SignInResult> SecondFactorSignInAsync(string code, bool isPersistent)
    {
        var clean = CleanCode(code);
        if (IsAuthenticatorCode(clean))
        {
            return await TwoFactorAuthenticatorSignInAsync(clean, isPersistent, rememberClient: false);
        }

        // Identity neither checks the lockout nor counts a failure for recovery codes: do both, as for the app's codes.
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInResult.Failed;
        }

        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        var result = await TwoFactorRecoveryCodeSignInAsync(clean);
        if (result.Succeeded)
        {
            await UserManager.ResetAccessFailedCountAsync(user);
            return result;
        }

        await UserManager.AccessFailedAsync(user);
        return await UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
    }

    /// <summary>An authenticator code without spaces or dashes; a recovery code as Identity issues it (upper case, <c>XXXXX-XXXXX</c>).</summary>
    internal static string CleanCode(string code)
    {
        return new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
    }

    private static bool IsAuthenticatorCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    public override async Task<bool> CanSignInAsync(KaminoUser user) => KaminoIdentity.IsActive(user) && await base.CanSignInAsync(user);

    public override async Task RefreshSignInAsync(KaminoUser user)
    {
        refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            refreshing = false;
        }
    }

    public override async Task SignInWithClaimsAsync(KaminoUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != KaminoAuth.SignedInAtClaim).ToList();
        Claim? signedInAt = null;
        if (refreshing)
        {
            // The session being renewed (already checked by the cookie handler, absolute timeout included).
            var current = await Context.AuthenticateAsync(AuthenticationScheme);
            signedInAt = current.Principal?.FindFirst(KaminoAuth.SignedInAtClaim);
        }

        claims.Add(signedInAt is null ? KaminoAuth.SignedInAt(clock.GetUtcNow()) : new Claim(signedInAt.Type, signedInAt.Value, signedInAt.ValueType));
        if (AuthenticationScheme == IdentityConstants.BearerScheme && !claims.Any(c => c.Type == RefreshTokenFamilies.FamilyClaim))
        {
            // A sign-in with a password through the API starts a family of refresh tokens.
            claims.AddRange(await RefreshTokenFamilies.StartAsync(db, user.Id, clock.GetUtcNow(), RefreshTokenLifetime));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }
}
