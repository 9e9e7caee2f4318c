using Kamino.Host.Components;
using Kamino.Team;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Kamino.Host.Team;

/// <summary><c>POST /account/logout</c>, which the sign-out button in the header posts to.</summary>
public static class SignOutEndpoint
{
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        // POST only: a link or an image on another site cannot sign a user out (ASVS 3.5.3).
        app.MapPost("/account/logout", SignOutAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Ends the cookie session (and a half-done two-factor sign-in) and goes to the sign-in page.</summary>
    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<KaminoUser> signIn)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired: reload the page and sign out again.");
        }

        await signIn.SignOutAsync();
        return TypedResults.Redirect(Links.SignIn);
    }
}
