using Kamino.Data;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kamino.Host.SignIn;

/// <summary>Sign-in for scripts: <c>POST /api/auth/login</c> and <c>/api/auth/refresh</c> return bearer tokens.</summary>
public static class AuthApi
{
    /// <summary>
    /// Email and password; <see cref="TwoFactorCode"/> when the account has two-factor sign-in: the authenticator app's
    /// code (each accepted once) or one of the account's recovery codes.
    /// </summary>
    public sealed record LoginRequest(string Email, string Password, string? TwoFactorCode = null);

    public sealed record RefreshRequest(string RefreshToken);

    public const string LoginRateLimit = "login";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Authentication");
        group.MapPost("/login", LoginAsync)
            .WithSummary("Sign in with email and password; returns {tokenType, accessToken, expiresIn, refreshToken}")
            .RequireRateLimiting(LoginRateLimit)
            .AllowAnonymous();
        group.MapPost("/refresh", RefreshAsync)
            .WithSummary("Exchange a refresh token for new tokens")
            .RequireRateLimiting(LoginRateLimit)
            .AllowAnonymous();
        return app;
    }

    /// <remarks>
    /// An unknown or disabled email gets the answers of a wrong password, "LockedOut" included after the fifth
    /// (<see cref="KaminoSignInManager.PasswordSignInByEmailAsync"/>). <see cref="LoginRequest.TwoFactorCode"/> is an
    /// authenticator code (each usable once) or a recovery code.
    /// </remarks>
    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, KaminoSignInManager signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var email = request.Email ?? "";
        var result = await signIn.PasswordSignInByEmailAsync(email, request.Password ?? "", isPersistent: false);
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(request.TwoFactorCode))
            {
                SecurityLog.SignInFailed(signIn.Context, email, "TwoFactorCodeMissing");
                return Unauthorized("RequiresTwoFactor");
            }

            result = await signIn.SecondFactorSignInAsync(request.TwoFactorCode, isPersistent: false);
        }

        if (result.Succeeded)
        {
            SecurityLog.SignInSucceeded(signIn.Context, email, "bearer");
        }
        else if (result.IsLockedOut)
        {
            SecurityLog.LockedOut(signIn.Context, email);
        }
        else
        {
            SecurityLog.SignInFailed(signIn.Context, email, string.IsNullOrEmpty(request.TwoFactorCode) ? "WrongPassword" : "WrongPasswordOrCode");
        }

        // On success the bearer handler has written the token response.
        return result.Succeeded ? TypedResults.Empty : Unauthorized(result.IsLockedOut ? "LockedOut" : "Failed");
    }

    /// <remarks>
    /// A refresh token works once (<see cref="RefreshTokenFamilies"/>): the answer carries the next one. A spent one
    /// is refused and revokes its family (the latest refresh token and the access tokens of that sign-in).
    /// </remarks>
    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, KaminoSignInManager signIn, KaminoDb db, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock)
    {
        var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
        {
            return Unauthorized("Failed");
        }

        var user = await signIn.ValidateSecurityStampAsync(ticket.Principal);
        if (user is null || !KaminoIdentity.IsActive(user))
        {
            return Unauthorized("Failed");
        }

        var family = await RefreshTokenFamilies.RotateAsync(db, user.Id, ticket.Principal, clock.GetUtcNow(), signIn.RefreshTokenLifetime);
        if (family is null)
        {
            SecurityLog.SignInFailed(signIn.Context, user.Email ?? "", "RefreshTokenSpentOrRevoked");
            return Unauthorized("Failed");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaims(family);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: detail);
}
