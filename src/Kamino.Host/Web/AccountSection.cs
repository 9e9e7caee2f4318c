using System.Globalization;
using Kamino.Data;
using Kamino.Host.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Web;

/// <summary>
/// A section of the account page that loads with its own <see cref="KaminoDatabase.CreateDbContext"/> (the page's
/// context is busy with the page; docs/development.md) and handles its own plain form, posted back to the page.
/// </summary>
public abstract class AccountSection : ComponentBase
{
    [Parameter, EditorRequired]
    public long CustomerId { get; set; }

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

    /// <summary>A posted field of the section's form, or null (no form posted, or no such field).</summary>
    protected string? Posted(string name) =>
        HttpContext?.Request is { HasFormContentType: true } request ? request.Form[name].FirstOrDefault() : null;

    /// <summary>The status of the page's response to a refused post, while it can still be set.</summary>
    protected void SetStatus(int status)
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    /// <summary>Shows <paramref name="message"/> as the section's refusal and answers with <paramref name="status"/>.</summary>
    protected void Refuse(int status, string message)
    {
        Refusal = message;
        SetStatus(status);
    }

    /// <summary>Why the last post was refused, fit to show; null when nothing was refused.</summary>
    protected string? Refusal { get; private set; }
}

/// <summary>An <see cref="AccountSection"/> given the workspace, the signed-in member and the customer's key as parameters.</summary>
public abstract class WorkspaceAccountSection : AccountSection
{
    [Parameter, EditorRequired]
    public int WorkspaceId { get; set; }

    /// <summary>The signed-in member.</summary>
    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Parameter, EditorRequired]
    public string CustomerKey { get; set; } = "";
}
