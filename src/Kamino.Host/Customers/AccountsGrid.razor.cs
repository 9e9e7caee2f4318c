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
/// One customer as the grid shows it: the library's item with the class as text. <see cref="IntangibleScore"/> null
/// means not rated; the check-in and health fields are a key account's (null for other customers). The <c>…Sort</c>
/// properties only name the "Next check-in" and "Health" columns for the grid: the server sorts.
/// </summary>
public sealed record AccountGridRow(string Key, string Name, decimal Revenue, int Rank, string Class, decimal RevenueScore, decimal? IntangibleScore,
    decimal Score, bool Suggested, string? Tier, bool IsKeyAccount, CheckinStatus? Checkin = null, DateOnly? NextDue = null, int DaysOverdue = 0,
    int? Health = null, HealthBand? HealthBand = null, bool OverCapacity = false)
{
    public int HealthSort => Health ?? int.MaxValue;

    public DateOnly NextCheckinSort => NextDue ?? DateOnly.MaxValue;

    public static AccountGridRow From(AccountListItem r) =>
        new(r.Key, r.Name, r.Revenue, r.Rank, r.Class.ToString(), r.RevenueScore, r.IntangibleScore, r.Score, r.Suggested, r.Tier, r.IsKeyAccount,
            r.Checkin, r.NextCheckin, r.DaysOverdue, r.Health, r.HealthBand, r.OverCapacity);
}

/// <summary>
/// The customer grid: the two lists to act on as tabs, filters (key accounts only, suggested only, class, text in
/// key or name) applied as they change, and sortable columns. Every row links to the customer page. It asks the
/// library for one page at a time (<see cref="KeyAccounts.PageAsync"/>: filtered, sorted and cut on the server) with
/// its own <see cref="KaminoDb"/> (the page renders at the same time with the request's) and only for a signed-in
/// active member of <see cref="Workspace"/>: its parameters travel through the browser, the rows of other pages never do.
/// </summary>
public partial class AccountsGrid
{
    /// <summary>Rows rendered at a time.</summary>
    public const int PageSize = 50;

    private RadzenDataGrid<AccountGridRow>? grid;
    private List<AccountGridRow> shown = [];
    private int total;
    private int customerCount;
    private int offset;
    private AccountSort sort = AccountSort.Default;
    private int workspaceId;
    private DateOnly today;
    private string currency = "EUR";
    private int suggestedCount;
    private int designatedCount;
    private SuggestionCapacity? capacity;
    private bool loaded;
    private bool denied;
    private AccountListView view;
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
            "suggested" => AccountListView.SuggestedNotDesignated,
            "designated" => AccountListView.DesignatedNotSuggested,
            "over-capacity" => AccountListView.OverCapacity,
            _ => AccountListView.All,
        };
        keyOnly = InitialKey;
        suggestedOnly = InitialSuggested;
        cls = InitialClass?.ToUpperInvariant() is "A" or "B" or "C" ? InitialClass.ToUpperInvariant() : null;
        text = InitialText;

        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        await using (var db = Database.CreateDbContext())
        {
            var member = user is null ? null : await CurrentMember.ResolveAsync(db, user, Workspace, CancellationToken.None);
            if (member is null)
            {
                // Not (or no longer) a member of this workspace: the same nothing as the page's not-found.
                denied = true;
                loaded = true;
                return;
            }

            workspaceId = member.WorkspaceId;
            today = member.Today(Clock);
        }

        await QueryAsync();
        loaded = true;
    }

    /// <summary>The page of rows at <see cref="offset"/> in the order <see cref="sort"/> with the current filters, from the server.</summary>
    private async Task QueryAsync()
    {
        var text = this.text is { Length: > AccountPageRequest.MaxTextLength } t ? t[..AccountPageRequest.MaxTextLength] : this.text;
        var request = new AccountPageRequest(offset, PageSize, sort, new AccountFilter(keyOnly, cls is null ? null : Enum.Parse<AbcClass>(cls), suggestedOnly), view, text);
        await using var db = Database.CreateDbContext();
        var page = await KeyAccounts.PageAsync(db, workspaceId, new ParetoRequest(From, To, All), request, today, CancellationToken.None);
        if (page is null)
        {
            denied = true;
            return;
        }

        shown = page.Items.Select(AccountGridRow.From).ToList();
        total = page.Total;
        customerCount = page.CustomerCount;
        currency = page.Currency;
        suggestedCount = page.SuggestedNotDesignated;
        designatedCount = page.DesignatedNotSuggested;
        capacity = page.Capacity;
    }

    /// <summary>The grid asks for a page or an order: <c>Skip</c> and the column's sort go to the server.</summary>
    private async Task LoadDataAsync(LoadDataArgs args)
    {
        offset = Math.Max(0, args.Skip ?? 0);
        sort = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null && s.Property is not null) is { } s && Columns.TryGetValue(s.Property!, out var order)
            ? new AccountSort(order, s.SortOrder == SortOrder.Descending)
            : AccountSort.Default;
        await QueryAsync();
    }

    /// <summary>The grid's sortable columns (<see cref="AccountGridRow"/> properties) and the server's order for each.</summary>
    private static readonly Dictionary<string, AccountOrder> Columns = new(StringComparer.Ordinal)
    {
        [nameof(AccountGridRow.Rank)] = AccountOrder.Rank,
        [nameof(AccountGridRow.Name)] = AccountOrder.Name,
        [nameof(AccountGridRow.Revenue)] = AccountOrder.Revenue,
        [nameof(AccountGridRow.Class)] = AccountOrder.Class,
        [nameof(AccountGridRow.Score)] = AccountOrder.Score,
        [nameof(AccountGridRow.IntangibleScore)] = AccountOrder.IntangibleScore,
        [nameof(AccountGridRow.Suggested)] = AccountOrder.Suggested,
        [nameof(AccountGridRow.Tier)] = AccountOrder.Tier,
        [nameof(AccountGridRow.NextCheckinSort)] = AccountOrder.NextCheckin,
        [nameof(AccountGridRow.HealthSort)] = AccountOrder.Health,
    };

    protected override void OnAfterRender(bool firstRender)
    {
        // Runs only in the circuit, not while prerendering: tests wait for this mark before they click.
        if (loaded && !interactive)
        {
            interactive = true;
            StateHasChanged();
        }
    }

    /// <summary>After a filter changes: the new matches from their first page.</summary>
    private async Task RefilterAsync()
    {
        offset = 0;
        if (grid is not null)
        {
            await grid.FirstPage(true);
        }
        else
        {
            await QueryAsync();
        }
    }

    private Task ShowAsync(AccountListView list)
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

    private string Pressed(AccountListView list) => view == list ? "true" : "false";

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
