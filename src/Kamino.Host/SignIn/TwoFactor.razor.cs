using System.Text;
using Kamino.Host.Components;
using Kamino.Host.Resources;
using Kamino.SignIn;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.SignIn;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238): create a shared key, show it (and the
/// <c>otpauth://</c> URI apps import), turn it on with a code the app shows and the current password, turn it off
/// with the password. Turning it on gives <see cref="RecoveryCodeCount"/> recovery codes, shown once, each good for
/// one sign-in without the app; new ones (the old ones then stop working) need the password too.
/// Every change is a form post; showing the page changes nothing.
/// </summary>
public partial class TwoFactor
{
    private KaminoUser user = default!;
    private bool enabled;
    private string? sharedKey;
    private int codesLeft;
    private IReadOnlyList<string>? recoveryCodes;
    private string? message;
    private string? error;

    [SupplyParameterFromForm(FormName = "2fa-start")]
    private StartForm? Start { get; set; }

    [SupplyParameterFromForm(FormName = "2fa-enable")]
    private CodeForm? Enable { get; set; }

    [SupplyParameterFromForm(FormName = "2fa-disable")]
    private PasswordForm? Disable { get; set; }

    [SupplyParameterFromForm(FormName = "2fa-recovery")]
    private PasswordForm? Regenerate { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private SignInManager<KaminoUser> SignIn { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    private UserManager<KaminoUser> Users => SignIn.UserManager;

    private string AuthenticatorUri =>
        $"otpauth://totp/{Uri.EscapeDataString("Kamino:" + user.Email)}?secret={sharedKey}&issuer=Kamino&digits=6";

    protected override async Task OnInitializedAsync()
    {
        Start ??= new();
        Enable ??= new();
        Disable ??= new();
        Regenerate ??= new();
        var found = await Users.GetUserAsync(HttpContext.User);
        if (found is null)
        {
            Navigation.NavigateTo(Links.SignIn);
            return;
        }

        user = found;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        enabled = await Users.GetTwoFactorEnabledAsync(user);
        sharedKey = enabled ? null : await Users.GetAuthenticatorKeyAsync(user);
        codesLeft = enabled ? await Users.CountRecoveryCodesAsync(user) : 0;
    }

    /// <summary>Recovery codes given when two-factor sign-in is turned on (and each time new ones are asked for).</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The current password again before a change of the second factor (re-authentication, ASVS 7.5.1).</summary>
    private async Task<bool> PasswordConfirmedAsync(string password)
    {
        var check = await SignIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            error = check.IsLockedOut ? L["LockedOut"] : L["WrongCurrentPassword"];
        }

        return check.Succeeded;
    }

    private async Task StartAsync()
    {
        await Users.ResetAuthenticatorKeyAsync(user);
        // A new key changes the security stamp: renew this session's cookie so it stays valid.
        await SignIn.RefreshSignInAsync(user);
        await LoadAsync();
    }

    private async Task EnableAsync()
    {
        var code = Enable!.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var password = Enable.Password;
        Enable.Code = "";
        Enable.Password = "";
        if (!await PasswordConfirmedAsync(password))
        {
            await LoadAsync();
            return;
        }

        if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            error = L["InvalidCode"];
            return;
        }

        await Users.SetTwoFactorEnabledAsync(user, true);
        recoveryCodes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await SignIn.RefreshSignInAsync(user);
        message = L["TwoFactorTurnedOn"];
        await LoadAsync();
    }

    private async Task RegenerateAsync()
    {
        var password = Regenerate!.Password;
        Regenerate.Password = "";
        if (await Users.GetTwoFactorEnabledAsync(user) && await PasswordConfirmedAsync(password))
        {
            recoveryCodes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        }

        await LoadAsync();
    }

    private async Task DisableAsync()
    {
        var password = Disable!.Password;
        Disable.Password = "";
        if (!await PasswordConfirmedAsync(password))
        {
            return;
        }

        await Users.SetTwoFactorEnabledAsync(user, false);
        // Recovery codes of the old setup must not work again either.
        await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        // The old key must not work again if two-factor is turned back on.
        await Users.ResetAuthenticatorKeyAsync(user);
        await SignIn.RefreshSignInAsync(user);
        message = L["TwoFactorTurnedOff"];
        await LoadAsync();
    }

    /// <summary>The key in groups of four, easier to type into an app.</summary>
    internal static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(i == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return text.ToString();
    }

    internal sealed class StartForm
    {
        public string? Go { get; set; }
    }

    internal sealed class CodeForm
    {
        public string Code { get; set; } = "";

        public string Password { get; set; } = "";
    }

    internal sealed class PasswordForm
    {
        public string Password { get; set; } = "";
    }
}
