using Kamino.Data;
using Kamino.Host.Components;
using Kamino.Host.Resources;
using Kamino.Host.SignIn;
using Kamino.People;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.People;

/// <summary>
/// The page of an invitation's one-time link (public): someone new chooses a display name and a password; someone
/// who already has a Kamino account confirms with their password (and second factor). One form for both, and the
/// same answers (<see cref="MembersApi.AcceptInvitationAsync"/>): the page does not tell whether the email has an
/// account. Then the sign-in page, back to the workspace.
/// </summary>
public partial class InvitePage
{
    private InvitationTarget? target;
    private string? error;

    [Parameter]
    public string Token { get; set; } = "";

    [SupplyParameterFromForm(FormName = "accept-invitation")]
    private AcceptForm? Input { get; set; }

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Inject]
    private KaminoDb Db { get; set; } = default!;

    [Inject]
    private KaminoSignInManager SignIn { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        Input ??= new AcceptForm();
        target = (await Invitations.CheckAsync(Db, Token, Clock, Aborted)).Target;
        if (target is null)
        {
            // Unknown, used or expired: the not-found page, as for any address that leads nowhere.
            Navigation.NotFound();
        }
    }

    private CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    private async Task AcceptAsync()
    {
        var form = Input!;
        if (!string.Equals(form.Password, form.Confirm, StringComparison.Ordinal))
        {
            error = L["PasswordsDiffer"];
            SetStatus(StatusCodes.Status400BadRequest);
            return;
        }

        var outcome = await MembersApi.AcceptInvitationAsync(Token, form.Password, form.DisplayName, form.Code, Db, SignIn, Clock, Aborted);
        form.Password = "";
        form.Confirm = "";
        form.Code = "";
        if (outcome.Workspace is { } joined)
        {
            Navigation.NavigateTo(Links.SignIn + "?ReturnUrl=" + Uri.EscapeDataString(Links.Dashboard(joined.Slug)));
            return;
        }

        error = outcome.Errors is { Count: > 0 } broken ? IdentityWords.Describe(L, broken)
            : outcome.Title == MembersApi.NotAcceptedTitle ? L["InvitationNotAccepted"]
            : L["InvitationNoLongerValid"];
        SetStatus(outcome.Status);
    }

    private void SetStatus(int status)
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    internal sealed class AcceptForm
    {
        public string? DisplayName { get; set; }

        public string Password { get; set; } = "";

        public string Confirm { get; set; } = "";

        public string? Code { get; set; }
    }
}
