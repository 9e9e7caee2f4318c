using System.Globalization;
using Kamino.Data;
using Kamino.Host.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Customers;

/// <summary>
/// The base of an account-page section that loads and changes its own data through its own context (the page's
/// context is busy with the page; see docs/development.md) and handles its own <c>@formname</c> forms: the account
/// and the signed-in member as parameters, the services such a section uses, and reading posted fields.
/// </summary>
public abstract class AccountSection : ComponentBase
{
    [Parameter, EditorRequired]
    public int WorkspaceId { get; set; }

    /// <summary>The signed-in member.</summary>
    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Parameter, EditorRequired]
    public long CustomerId { get; set; }

    [Parameter, EditorRequired]
    public string CustomerKey { get; set; } = "";

    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    [Inject]
    protected KaminoDatabase Database { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<Ui> L { get; set; } = default!;

    protected static CultureInfo Culture => CultureInfo.CurrentCulture;

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>A posted form field, or null.</summary>
    protected string? Posted(string name) =>
        HttpContext?.Request is { HasFormContentType: true } request ? request.Form[name].FirstOrDefault() : null;

    /// <summary>Shows <paramref name="message"/> as the section's refusal and answers with <paramref name="status"/>.</summary>
    protected void Refuse(int status, string message)
    {
        Refusal = message;
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    /// <summary>Why the last post was refused, fit to show; null when nothing was refused.</summary>
    protected string? Refusal { get; private set; }
}
