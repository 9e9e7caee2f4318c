using System.Globalization;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Kamino.Orders;
using Kamino.People;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Orders;

/// <summary>
/// The order form (issue 14): a customer by key, whose tier's discount range is shown before anything is typed, lines
/// whose discount is flagged as soon as it leaves the range, with their net and the total, and the order's details.
/// Like the accounts grid it resolves the signed-in member itself (its parameters travel through the browser) and
/// saves through <see cref="OrderBook.CreateAsync"/>, which checks again who may; then it opens the new order's page.
/// </summary>
public partial class OrderForm
{
    private readonly List<LineModel> lines = [new()];
    private readonly List<string> generalProblems = [];
    private IReadOnlyList<OrderProblem> problems = [];
    private IReadOnlyList<(string UserId, string Name)> members = [];
    private CurrentMember? member;
    private Customer? customer;
    private OrderPromise? promise;
    private string customerKey = "";
    private OrderChannel channel = OrderChannel.Phone;
    private DateTime? receivedAt;
    private DateOnly? requestedOn;
    private string? handlerUserId;
    private string? notes;
    private bool mayHandle;
    private bool loaded;
    private bool denied;
    private bool interactive;
    private bool saving;

    [Parameter, EditorRequired]
    public string Workspace { get; set; } = "";

    /// <summary>The key of the customer to start with (<c>?customer=</c>), or null.</summary>
    [Parameter]
    public string? InitialCustomer { get; set; }

    /// <summary>The page's culture, passed explicitly so the circuit formats exactly as the page does.</summary>
    [Parameter]
    public string Culture { get; set; } = "en";

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private KaminoDatabase Database { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private CultureInfo CultureValue => CultureInfo.GetCultureInfo(Culture);

    private string RangeText => promise is { } p ? L["OrderRange", p.TierName, Pct(p.DiscountMinPct), Pct(p.DiscountMaxPct)] : "";

    private string OutsideText => promise is { } p ? L["OrderOutOfRange", Pct(p.DiscountMinPct), Pct(p.DiscountMaxPct)] : "";

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        await using var db = Database.CreateDbContext();
        member = user is null ? null : await CurrentMember.ResolveAsync(db, user, Workspace, CancellationToken.None);
        if (member is null)
        {
            denied = true;
            loaded = true;
            return;
        }

        members = (await Members.ListAsync(db, member.WorkspaceId)).Where(m => !m.Disabled && Permissions.Allows(m.Role, Permission.HandleOrders))
            .Select(m => (m.UserId, m.Name)).ToList();
        customerKey = InitialCustomer?.Trim() ?? "";
        await LoadCustomerAsync(db);
        loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Runs only in the circuit, not while prerendering: tests wait for this mark before they type.
        if (loaded && !interactive)
        {
            interactive = true;
            StateHasChanged();
        }
    }

    private async Task SetCustomerAsync(ChangeEventArgs e)
    {
        customerKey = (e.Value as string)?.Trim() ?? "";
        await using var db = Database.CreateDbContext();
        await LoadCustomerAsync(db);
    }

    private async Task LoadCustomerAsync(KaminoDb db)
    {
        customer = customerKey.Length == 0 ? null
            : await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.WorkspaceId == member!.WorkspaceId && c.Key == customerKey);
        promise = customer is null ? null : await OrderBook.PromiseForAsync(db, member!.WorkspaceId, customer);
        mayHandle = customer is not null && await OrderBook.MayHandleAsync(db, member!.WorkspaceId, customer.Id, member.UserId);
    }

    private void AddLine()
    {
        if (lines.Count < OrderRules.MaxLines)
        {
            lines.Add(new LineModel());
        }
    }

    private void RemoveLine(int index)
    {
        lines.RemoveAt(index);
        problems = [];
    }

    private async Task SubmitAsync()
    {
        if (customer is null || member is null || saving)
        {
            return;
        }

        saving = true;
        generalProblems.Clear();
        try
        {
            var input = new NewOrder(
                lines.Select(l => new NewOrderLine(l.ProductCode, l.Description ?? "", l.Quantity ?? 0, Cents(l.UnitPrice ?? 0), l.Discount ?? 0)).ToList(),
                channel, receivedAt is { } r ? Kamino.Workspaces.WorkspaceTime.FromLocal(r, member.TimeZone) : null, requestedOn, notes,
                string.IsNullOrEmpty(handlerUserId) ? null : handlerUserId);
            var invalidPrice = lines.Select((l, i) => (l, i)).Where(x => x.l.UnitPrice is { } p && Math.Round(p, 2) != p).ToList();
            await using var db = Database.CreateDbContext();
            var result = invalidPrice.Count > 0
                ? new OrderResult(OrderOutcome.Invalid, null, invalidPrice.Select(x => new OrderProblem(Field(x.i, "unitPrice"), Said.Text(L["OrderPriceCents"]))).ToList())
                : await OrderBook.CreateAsync(db, member.WorkspaceId, customer.Id, input, member.UserId, Clock);
            if (result.Succeeded)
            {
                Navigation.NavigateTo(OrderLinks.Order(member.Slug, result.Order!.Number) + "?saved=create", forceLoad: true);
                return;
            }

            problems = result.Problems;
            generalProblems.AddRange(problems.Where(p => !p.Field.StartsWith("lines[", StringComparison.Ordinal)).Select(p => p.Why.In(CultureInfo.CurrentUICulture)));
        }
        finally
        {
            saving = false;
        }
    }

    private IEnumerable<string> ProblemsOf(int index)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"lines[{index}]");
        return problems.Where(p => p.Field.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Why.In(CultureInfo.CurrentUICulture));
    }

    private bool OutsideRange(LineModel line) =>
        promise is { } p && line.Discount is { } d && !OrderRules.InRange(d, p.DiscountMinPct, p.DiscountMaxPct);

    private static long? NetOf(LineModel line) =>
        line is { Quantity: { } q, UnitPrice: { } price } ? OrderRules.LineNetCents(q, Cents(price), line.Discount ?? 0) : null;

    private static long Cents(decimal price) => (long)Math.Round(price * 100, MidpointRounding.AwayFromZero);

    private static string Field(int index, string name) => string.Create(CultureInfo.InvariantCulture, $"lines[{index}].{name}");

    private string Money(long cents) => Formats.Money(cents / 100m, member?.Currency ?? "EUR", CultureValue);

    private string Pct(decimal value) => value.ToString("0.##", CultureValue);

    /// <summary>One line as typed: numbers bound from number inputs (null while empty or unreadable).</summary>
    private sealed class LineModel
    {
        public string? Description { get; set; }

        public string? ProductCode { get; set; }

        public decimal? Quantity { get; set; } = 1;

        public decimal? UnitPrice { get; set; }

        public decimal? Discount { get; set; } = 0;
    }
}
