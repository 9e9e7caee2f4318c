using Kamino.Host.Components;
using Kamino.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Kamino.Host.SignIn;

/// <summary><c>POST /account/logout</c>, which the sign-out button in the header posts to.</summary>
public static class SignOutEndpoint
{
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        // POST only: a link or an image on another site cannot sign a user out (ASVS 3.5.3).
        app.MapPost("/account/logout", SignOutAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Ends the cookie session (and a half-done two-factor sign-in) and goes to the sign-in page. A new security
    /// stamp makes the old cookie worthless at once (it is checked on every request, ASVS 7.4.1), even if a copy
    /// of it survives; this also ends the user's other sessions and refresh tokens.
    /// </summary>
    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<KaminoUser> signIn)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired: reload the page and sign out again.");
        }

        if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return TypedResults.Redirect(Links.SignIn);
    }
}
