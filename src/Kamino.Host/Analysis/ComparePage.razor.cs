using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.Analysis;

/// <summary>
/// Two periods side by side (issue 5 "over time"): by default the current 12 months against the 12 before,
/// editable through <c>from</c>, <c>to</c>, <c>vsFrom</c>, <c>vsTo</c> with the checks of the CLI and API
/// (<see cref="CompareParameters"/>). Shows each period's revenue and concentration, the class migrations with
/// counts and revenue change, new and lost customers and every customer's change.
/// </summary>
public partial class ComparePage
{
    /// <summary>Customers per page of the changes, and in the new and lost lists.</summary>
    public const int ListedCustomers = 50;

    private readonly List<ParameterError> errors = [];
    private ComparisonReport? report;

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "vsFrom")]
    public string? VsFrom { get; set; }

    [SupplyParameterFromQuery(Name = "vsTo")]
    public string? VsTo { get; set; }

    /// <summary>The page of the customer changes, from 1; beyond the last shows the last.</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public string? Page { get; set; }

    private int PageNumber => report is null ? 1
        : Math.Clamp(int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1, 1, Math.Max(1, (report.CustomersTotal + ListedCustomers - 1) / ListedCustomers));

    private int ChangesOffset => (PageNumber - 1) * ListedCustomers;

    /// <summary>One page of the changes: only these rows are projected and sent.</summary>
    private IReadOnlyList<CustomerMigrationDto> Changes => changes ??= Enumerable.Range(ChangesOffset, Math.Clamp(report!.Customers.Count - ChangesOffset, 0, ListedCustomers))
        .Select(i => report.Customers[i]).ToList();

    private IReadOnlyList<CustomerMigrationDto>? changes;

    private string PageLink(int page)
    {
        var query = new[] { ("from", From), ("to", To), ("vsFrom", VsFrom), ("vsTo", VsTo), ("page", page.ToString(CultureInfo.InvariantCulture)) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!));
        return Kamino.Host.Customers.CustomerLinks.Compare(Workspace) + "?" + string.Join('&', query);
    }

    protected override async Task LoadAsync(CurrentMember member)
    {
        errors.Clear();
        var request = CompareParameters.Validate(From, To, VsFrom, VsTo, n => n, errors);
        if (request is null)
        {
            // Say what was wrong, and show the default comparison rather than nothing.
            Refuse(StatusCodes.Status400BadRequest, L["InvalidParameters"]);
        }

        changes = null;
        report = await AnalysisQueries.CompareAsync(await ReadDbAsync(), member.WorkspaceId, request ?? new CompareRequest(), Aborted);
    }

    private string? Raw(string parameter) => parameter switch
    {
        "from" => From,
        "to" => To,
        "vs-from" => VsFrom,
        "vs-to" => VsTo,
        _ => null,
    };

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Range(PeriodDto p) => p is { From: { } f, To: { } t }
        ? L["PeriodRange", Formats.Date(f, Culture), Formats.Date(t, Culture)]
        : L["NoSales"];

    private string Money(decimal amount) => Formats.Money(amount, report!.Currency, Culture);

    /// <summary>A, B, C as they are; "New" and "Lost" (the report's words for no class) in the page's language.</summary>
    private string ClassLabel(string cls) => cls switch
    {
        "New" => L["MovementNew"],
        "Lost" => L["MovementLost"],
        _ => cls,
    };
}
