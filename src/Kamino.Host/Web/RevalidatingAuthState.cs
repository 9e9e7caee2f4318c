using System.Security.Claims;
using Kamino.Host.SignIn;
using Kamino.SignIn;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kamino.Host.Web;

/// <summary>
/// Re-checks the user of an open interactive (Blazor Server) circuit every <see cref="KaminoAuth.RevalidationInterval"/>:
/// a disabled user, or one whose security stamp changed (password change, sign-out everywhere, disable),
/// loses the circuit's authentication state instead of keeping it for the default 30 minutes; so does a session
/// past <see cref="KaminoAuth.AbsoluteTimeout"/>.
/// </summary>
public sealed class RevalidatingAuthState(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => KaminoAuth.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // The absolute session timeout (KaminoAuth.AbsoluteTimeout) also ends an open circuit.
        if (!KaminoAuth.WithinAbsoluteTimeout(authenticationState.User, clock.GetUtcNow()))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>();
        return await IsStillValidAsync(users, authenticationState.User, identity.Value.ClaimsIdentity.SecurityStampClaimType);
    }

    /// <summary>True while the principal's user exists, is not disabled and has the same security stamp.</summary>
    public static async Task<bool> IsStillValidAsync(UserManager<KaminoUser> users, ClaimsPrincipal principal, string stampClaimType)
    {
        if (await users.GetUserAsync(principal) is not { } user || !KaminoIdentity.IsActive(user))
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        return principal.FindFirstValue(stampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
