using System.Security.Claims;
using Kamino.Host.Web;
using Kamino.Team;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kamino.Host.Team;

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
    TimeProvider clock)
    : SignInManager<KaminoUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    private bool refreshing;

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
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }
}
