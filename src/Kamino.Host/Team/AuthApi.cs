using Kamino.Host.Web;
using Kamino.Team;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kamino.Host.Team;

/// <summary>Sign-in for scripts: <c>POST /api/auth/login</c> and <c>/api/auth/refresh</c> return bearer tokens.</summary>
public static class AuthApi
{
    /// <summary>Email and password; <see cref="TwoFactorCode"/> when the account has an authenticator app.</summary>
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

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, SignInManager<KaminoUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var user = await signIn.UserManager.FindByEmailAsync(request.Email ?? "");
        if (user is null || !KaminoIdentity.IsActive(user))
        {
            // Same answer as a wrong password: do not reveal which emails have accounts.
            SecurityLog.SignInFailed(signIn.Context, request.Email ?? "", user is null ? "UnknownUser" : "Disabled");
            return Unauthorized("Failed");
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrEmpty(request.TwoFactorCode))
            {
                SecurityLog.SignInFailed(signIn.Context, request.Email ?? "", "TwoFactorCodeMissing");
                return Unauthorized("RequiresTwoFactor");
            }

            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode, isPersistent: false, rememberClient: false);
        }

        if (result.Succeeded)
        {
            SecurityLog.SignInSucceeded(signIn.Context, request.Email ?? "", "bearer");
        }
        else if (result.IsLockedOut)
        {
            SecurityLog.LockedOut(signIn.Context, request.Email ?? "");
        }
        else
        {
            SecurityLog.SignInFailed(signIn.Context, request.Email ?? "", string.IsNullOrEmpty(request.TwoFactorCode) ? "WrongPassword" : "WrongPasswordOrCode");
        }

        // On success the bearer handler has written the token response.
        return result.Succeeded ? TypedResults.Empty : Unauthorized(result.IsLockedOut ? "LockedOut" : "Failed");
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, SignInManager<KaminoUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock)
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

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: detail);
}
