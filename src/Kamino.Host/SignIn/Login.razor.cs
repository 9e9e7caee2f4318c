using System.Globalization;
using Kamino.Host.Components;
using Kamino.Host.Resources;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.SignIn;

/// <summary>
/// The sign-in form: email and password, lockout after repeated failures (KaminoIdentity), a disabled account
/// never signs in, and with an authenticator app the sign-in continues at <see cref="Links.SignInCode"/>.
/// Posts are rate-limited like <c>POST /api/auth/login</c>.
/// </summary>
public partial class Login
{
    private string? error;

    [SupplyParameterFromForm(FormName = "login")]
    private LoginForm? Input { get; set; }

    [SupplyParameterFromQuery(Name = "ReturnUrl")]
    private string? ReturnUrl { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private KaminoSignInManager SignIn { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new();

    private async Task SignInAsync()
    {
        var form = Input!;
        // An unknown or disabled account gets the answers of a wrong password: no hint of which emails exist.
        var result = await SignIn.PasswordSignInByEmailAsync(form.Email, form.Password, form.RememberMe);
        form.Password = "";
        var who = form.Email.Trim();
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await SignIn.RememberLanguageAsync(await SignIn.UserManager.FindByEmailAsync(who), CultureInfo.CurrentUICulture);
        }

        if (result.Succeeded)
        {
            SecurityLog.SignInSucceeded(HttpContext, who, "cookie");
        }
        else if (result.IsLockedOut)
        {
            SecurityLog.LockedOut(HttpContext, who);
        }
        else if (!result.RequiresTwoFactor)
        {
            SecurityLog.SignInFailed(HttpContext, who, "password");
        }

        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl));
        }
        else if (result.RequiresTwoFactor)
        {
            Navigation.NavigateTo(Links.SignInCode
                + "?ReturnUrl=" + Uri.EscapeDataString(SafeReturnUrl(ReturnUrl))
                + (form.RememberMe ? "&RememberMe=true" : ""));
        }
        else
        {
            error = result.IsLockedOut ? L["LockedOut"] : L["SignInFailed"];
        }
    }

    /// <summary>Where to go after signing in: a path of this site, else the home page.</summary>
    internal static string SafeReturnUrl(string? returnUrl) => CultureApi.IsLocal(returnUrl) ? returnUrl! : "/";

    internal sealed class LoginForm
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
