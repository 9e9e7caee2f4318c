using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Analysis;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Customers;

/// <summary>
/// Every customer of the workspace with revenue, rank, class, key-account score, suggestion and tier over a period
/// (PRODUCT.md §3), in an interactive grid (<see cref="AccountsGrid"/>) that loads the list on the server, filters,
/// sorts and pages. The query string sets the period as on the dashboard (<c>from</c>, <c>to</c>, <c>all</c>, checked
/// by <see cref="ParetoParameters"/>) and the grid's first filters, so a filtered list can be linked to:
/// <c>list=suggested|designated</c> (the two lists to act on), <c>key</c>, <c>suggested</c>, <c>class</c>, <c>q</c>.
/// </summary>
public partial class CustomersPage
{
    private DateRange? period;
    private decimal alpha;
    private decimal suggestThreshold;
    private bool hasCustomers;

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

    private string PeriodText => period is { } p
        ? L["PeriodRange", Formats.Date(p.From, Culture), Formats.Date(p.To, Culture)]
        : L["NoSales"];

    /// <summary>The grid's filters from the query, kept when the period changes.</summary>
    private (string Name, string? Value)[] GridQuery => [("list", List), ("key", Key), ("suggested", Suggested), ("class", Class), ("q", Text)];

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Only what the header needs; the rows are the grid's to load (passing them as its parameters would write
    /// every customer into the page for the circuit).
    /// </summary>
    protected override async Task LoadAsync(CurrentMember member)
    {
        ReadPeriod();
        var ws = await Db.Workspaces.AsNoTracking().Where(w => w.Id == member.WorkspaceId)
            .Select(w => new { w.Alpha, w.SuggestThreshold }).FirstAsync(Aborted);
        alpha = ws.Alpha;
        suggestThreshold = ws.SuggestThreshold;
        hasCustomers = await Db.Customers.AnyAsync(c => c.WorkspaceId == member.WorkspaceId, Aborted);
        period = await ParetoQuery.ResolvePeriodAsync(Db, member.WorkspaceId, Request, Aborted);
    }

    private string PeriodLink(bool all) => PeriodLink(CustomerLinks.List(Workspace), all, GridQuery);

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
