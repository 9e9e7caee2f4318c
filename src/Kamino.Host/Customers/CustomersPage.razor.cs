using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.Customers;

/// <summary>
/// Every customer of the workspace with revenue, rank, class, key-account score, suggestion and tier over the
/// default period (PRODUCT.md §3), in an interactive grid (<see cref="AccountsGrid"/>) that filters and sorts.
/// The query string sets the grid's first filters, so a filtered list can be linked to:
/// <c>list=suggested|designated</c> (the two lists to act on), <c>key</c>, <c>suggested</c>, <c>class</c>, <c>q</c>.
/// </summary>
public partial class CustomersPage
{
    private AccountList? list;
    private List<AccountGridRow> rows = [];

    [SupplyParameterFromQuery(Name = "list")]
    public string? List { get; set; }

    [SupplyParameterFromQuery(Name = "key")]
    public string? Key { get; set; }

    [SupplyParameterFromQuery(Name = "suggested")]
    public string? Suggested { get; set; }

    [SupplyParameterFromQuery(Name = "class")]
    public string? Class { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Text { get; set; }

    private string PeriodText => list?.Period is { From: { } f, To: { } t }
        ? L["PeriodRange", Formats.Date(f, Culture), Formats.Date(t, Culture)]
        : L["NoSales"];

    protected override async Task LoadAsync(CurrentMember member)
    {
        list = await KeyAccounts.ListAsync(Db, member.WorkspaceId, new ParetoRequest(), null, Aborted);
        rows = list?.Customers.Select(AccountGridRow.From).ToList() ?? [];
    }

    private static bool IsTrue(string? value) => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Addresses of the key-account pages (the customer page itself is <see cref="TeamLinks.Account"/>).</summary>
public static class CustomerLinks
{
    public static string List(string workspace, string? query = null) =>
        $"/w/{Uri.EscapeDataString(workspace)}/customers" + (query is null ? "" : "?" + query);

    public static string Portfolio(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/customers/portfolio";

    public static string Compare(string workspace) => $"/w/{Uri.EscapeDataString(workspace)}/analysis/compare";
}
