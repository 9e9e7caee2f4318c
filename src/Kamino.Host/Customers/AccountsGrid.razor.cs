using System.Globalization;
using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Health;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;
using Radzen.Blazor;

namespace Kamino.Host.Customers;

/// <summary>
/// One customer as the grid shows it: the library's row with the class as text, for the grid's sorting and filtering.
/// <see cref="Class"/> is A, B or C; <see cref="IntangibleScore"/> null means not rated.
/// <see cref="Checkin"/> is the key account's cadence (null when it has none); <see cref="NextCheckinSort"/> orders the
/// "Next check-in" column: never contacted first (due now), then by due day, accounts without a cadence last.
/// <see cref="Health"/> is a key account's health score (null for other customers); <see cref="HealthSort"/> orders
/// the "Health" column worst first, other customers last.
/// </summary>
public sealed record AccountGridRow(string Key, string Name, decimal Revenue, int Rank, string Class, decimal RevenueScore, decimal? IntangibleScore,
    decimal Score, bool Suggested, string? Tier, bool IsKeyAccount, CadenceState? Checkin = null, HealthScore? Health = null)
{
    public int HealthSort => Health?.Score ?? int.MaxValue;

    public DateOnly NextCheckinSort => Checkin switch
    {
        { Status: CheckinStatus.NeverContacted } => DateOnly.MinValue,
        { NextDue: { } due } => due,
        _ => DateOnly.MaxValue,
    };

    public static AccountGridRow From(AccountRow r, CadenceState? checkin = null, HealthScore? health = null) =>
        new(r.Key, r.Name, r.Revenue, r.Rank, r.Class.ToString(), r.RevenueScore, r.IntangibleScore, r.Score, r.Suggested, r.Tier, r.IsKeyAccount, checkin, health);
}

/// <summary>Which customers the grid lists before the filters: all, or one of the two lists a person acts on.</summary>
public enum ListView
{
    All,
    SuggestedNotDesignated,
    DesignatedNotSuggested,
}

/// <summary>
/// The customer grid: the two lists to act on as tabs, filters (key accounts only, suggested only, class, text in
/// key or name) applied as they change, and columns sorted by RadzenDataGrid. Every row links to the customer page.
/// It loads the list itself, on the server, with its own <see cref="KaminoDb"/> (the page renders at the same time
/// with the request's) and only for a signed-in active member of <see cref="Workspace"/>: its parameters travel
/// through the browser, so the rows never do. Filtering and sorting run in the circuit's memory and the grid
/// renders one page of rows.
/// </summary>
public partial class AccountsGrid
{
    /// <summary>Rows rendered at a time.</summary>
    public const int PageSize = 50;

    private RadzenDataGrid<AccountGridRow>? grid;
    private IReadOnlyList<AccountGridRow> rows = [];
    private List<AccountGridRow> shown = [];
    private string currency = "EUR";
    private int suggestedCount;
    private int designatedCount;
    private bool loaded;
    private bool denied;
    private ListView view;
    private bool keyOnly;
    private bool suggestedOnly;
    private string? cls;
    private string? text;
    private bool interactive;

    [Parameter, EditorRequired]
    public string Workspace { get; set; } = "";

    /// <summary>The period as <see cref="ParetoRequest"/> takes it, already validated by the page.</summary>
    [Parameter]
    public DateOnly? From { get; set; }

    [Parameter]
    public DateOnly? To { get; set; }

    [Parameter]
    public bool All { get; set; }

    /// <summary>The page's culture, passed explicitly so the circuit formats exactly as the page does.</summary>
    [Parameter]
    public string Culture { get; set; } = "en";

    /// <summary><c>suggested</c> or <c>designated</c> opens that list; anything else all customers.</summary>
    [Parameter]
    public string? InitialList { get; set; }

    [Parameter]
    public bool InitialKey { get; set; }

    [Parameter]
    public bool InitialSuggested { get; set; }

    [Parameter]
    public string? InitialClass { get; set; }

    [Parameter]
    public string? InitialText { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private KaminoDatabase Database { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private CultureInfo CultureValue => CultureInfo.GetCultureInfo(Culture);

    protected override async Task OnInitializedAsync()
    {
        view = InitialList?.ToLowerInvariant() switch
        {
            "suggested" => ListView.SuggestedNotDesignated,
            "designated" => ListView.DesignatedNotSuggested,
            _ => ListView.All,
        };
        keyOnly = InitialKey;
        suggestedOnly = InitialSuggested;
        cls = InitialClass?.ToUpperInvariant() is "A" or "B" or "C" ? InitialClass.ToUpperInvariant() : null;
        text = InitialText;

        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        await using var db = Database.CreateDbContext();
        var member = user is null ? null : await CurrentMember.ResolveAsync(db, user, Workspace, CancellationToken.None);
        var list = member is null ? null : await KeyAccounts.ListAsync(db, member.WorkspaceId, new ParetoRequest(From, To, All), null, CancellationToken.None);
        if (list is null)
        {
            // Not (or no longer) a member of this workspace: the same nothing as the page's not-found.
            denied = true;
            loaded = true;
            return;
        }

        var today = member!.Today(Clock);
        // One read of the key accounts' signals gives both the cadence (none when the tier has no cadence) and the health.
        var health = (await AccountHealth.LoadAsync(db, member!.WorkspaceId, today)).ToDictionary(h => h.Signals.Key, StringComparer.Ordinal);
        rows = list.Customers.Select(r => health.GetValueOrDefault(r.Key) is { } h
            ? AccountGridRow.From(r, h.Signals.Cadence.Status is null ? null : h.Signals.Cadence, h.Health)
            : AccountGridRow.From(r)).ToList();
        currency = list.Currency;
        suggestedCount = list.SuggestedNotDesignated.Count;
        designatedCount = list.DesignatedNotSuggested.Count;
        Filter();
        loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Runs only in the circuit, not while prerendering: tests wait for this mark before they click.
        if (loaded && !interactive)
        {
            interactive = true;
            StateHasChanged();
        }
    }

    private void Filter() => shown = rows.Where(Matches).ToList();

    /// <summary>After a filter changes: the new matches from their first page (the pager would keep its page).</summary>
    private async Task RefilterAsync()
    {
        Filter();
        if (grid is not null)
        {
            await grid.FirstPage();
        }
    }

    private bool Matches(AccountGridRow r) =>
        view switch
        {
            ListView.All => true,
            ListView.SuggestedNotDesignated => r.Suggested && !r.IsKeyAccount,
            ListView.DesignatedNotSuggested => r.IsKeyAccount && !r.Suggested,
        }
        && (!keyOnly || r.IsKeyAccount)
        && (!suggestedOnly || r.Suggested)
        && (cls is null || r.Class == cls)
        && (string.IsNullOrWhiteSpace(text)
            || r.Name.Contains(text.Trim(), StringComparison.CurrentCultureIgnoreCase)
            || r.Key.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));

    private Task ShowAsync(ListView list)
    {
        view = list;
        return RefilterAsync();
    }

    private Task SetKeyOnlyAsync(ChangeEventArgs e)
    {
        keyOnly = e.Value is true;
        return RefilterAsync();
    }

    private Task SetSuggestedOnlyAsync(ChangeEventArgs e)
    {
        suggestedOnly = e.Value is true;
        return RefilterAsync();
    }

    private Task SetClassAsync(ChangeEventArgs e)
    {
        cls = e.Value as string is { Length: > 0 } v ? v : null;
        return RefilterAsync();
    }

    private Task SetTextAsync(ChangeEventArgs e)
    {
        text = e.Value as string;
        return RefilterAsync();
    }

    private string Pressed(ListView list) => view == list ? "true" : "false";

    private static void RowRender(RowRenderEventArgs<AccountGridRow> args)
    {
        if (args.Data is not { } row)
        {
            return;
        }

        args.Attributes["data-customer"] = row.Key;
        args.Attributes["data-class"] = row.Class;
        args.Attributes["data-suggested"] = row.Suggested ? "true" : "false";
        args.Attributes["data-key-account"] = row.IsKeyAccount ? "true" : "false";
    }
}
