using System.Globalization;
using Kamino.Customers;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace Kamino.Host.Customers;

/// <summary>
/// One customer as the grid shows it; a plain record because it is serialized into the page for the circuit.
/// <see cref="Class"/> is A, B or C; <see cref="IntangibleScore"/> null means not rated.
/// </summary>
public sealed record AccountGridRow(string Key, string Name, decimal Revenue, int Rank, string Class, decimal RevenueScore, decimal? IntangibleScore,
    decimal Score, bool Suggested, string? Tier, bool IsKeyAccount)
{
    public static AccountGridRow From(AccountRow r) =>
        new(r.Key, r.Name, r.Revenue, r.Rank, r.Class.ToString(), r.RevenueScore, r.IntangibleScore, r.Score, r.Suggested, r.Tier, r.IsKeyAccount);
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
/// </summary>
public partial class AccountsGrid
{
    private ListView view;
    private bool keyOnly;
    private bool suggestedOnly;
    private string? cls;
    private string? text;
    private bool interactive;

    [Parameter]
    public string Workspace { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<AccountGridRow> Rows { get; set; } = [];

    [Parameter]
    public string Currency { get; set; } = "EUR";

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

    private CultureInfo CultureValue => CultureInfo.GetCultureInfo(Culture);

    private List<AccountGridRow> Shown => Rows.Where(Matches).ToList();

    protected override void OnInitialized()
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
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Runs only in the circuit, not while prerendering: tests wait for this mark before they click.
        if (firstRender)
        {
            interactive = true;
            StateHasChanged();
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

    private void Show(ListView list) => view = list;

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
