using System.Text.Json.Serialization;
using Kamino.Activities;
using Kamino.Data;

namespace Kamino.Health;

/// <summary>One part of an account's health as the CLI and the API print it; <see cref="Reason"/> is the recorded English sentence.</summary>
/// <param name="Value">The part's factor 0..1.</param>
/// <param name="Points">The whole points it adds to the score (the parts' points sum to the score).</param>
public sealed record HealthPartDto(HealthPartName Name, int Weight, decimal Value, int Points, string Reason)
{
    /// <summary>The reason as data, to word in the reader's language (not in the JSON: the API answers <see cref="Reason"/>).</summary>
    [JsonIgnore]
    public Said? Why { get; init; }
}

/// <summary>A key account's health (JSON of <c>kamino accounts health</c> and <c>GET …/health</c>).</summary>
/// <param name="CustomerId">The customer's key (tax id or the source's customer id).</param>
/// <param name="Owner">The owner's email; null when the account has no owner.</param>
public sealed record AccountHealthDto(string CustomerId, string Name, string Tier, string? Owner, int Score, HealthBand Band, IReadOnlyList<HealthPartDto> Parts);

/// <summary>A key account's signals on a day and the health score they make with the workspace's weights.</summary>
public sealed record AccountHealthRow(AccountSignals Signals, HealthScore Health)
{
    public AccountHealthDto AsDto() => new(Signals.Key, Signals.Name, Signals.Tier, Signals.OwnerEmail, Health.Score, Health.Band,
        Health.Parts.Select(p => new HealthPartDto(p.Name, p.Weight, p.Value, p.Points, p.Reason.Text) { Why = p.Reason.Why }).ToList());
}

/// <summary>
/// The health of key accounts (PRODUCT.md §3, Health score) on a day, with the workspace's weights: read from
/// <see cref="AccountSignalsQuery"/> and scored by <see cref="HealthRules"/>.
/// </summary>
public static class AccountHealth
{
    /// <summary>The key accounts <paramref name="scope"/> covers for <paramref name="userId"/>, worst first (<see cref="WorstFirst{T}"/>).</summary>
    public static async Task<IReadOnlyList<AccountHealthRow>> ListAsync(KaminoDb db, int workspaceId, CheckinScope scope, string userId, DateOnly today,
        CancellationToken ct = default)
    {
        var ids = await CheckinsDue.ScopeAsync(db, workspaceId, scope, userId, ct);
        return WorstFirst(await LoadAsync(db, workspaceId, today, ids, ct), r => r).ToList();
    }

    /// <summary>One key account's health; null when the customer is not a key account of the workspace.</summary>
    public static async Task<AccountHealthRow?> OfAsync(KaminoDb db, int workspaceId, long customerId, DateOnly today, CancellationToken ct = default) =>
        (await LoadAsync(db, workspaceId, today, [customerId], ct)) is [var row, ..] ? row : null;

    /// <summary>The health of the workspace's key accounts (or of <paramref name="customerIds"/> among them), in no particular order.</summary>
    public static async Task<IReadOnlyList<AccountHealthRow>> LoadAsync(KaminoDb db, int workspaceId, DateOnly today, IReadOnlyCollection<long>? customerIds = null,
        CancellationToken ct = default)
    {
        var weights = await AccountSignalsQuery.WeightsAsync(db, workspaceId, ct) ?? HealthWeights.Default;
        return (await AccountSignalsQuery.LoadAsync(db, workspaceId, today, customerIds, ct)).Select(s => new AccountHealthRow(s, s.HealthWith(weights))).ToList();
    }

    /// <summary>Lowest score first, then by name and key.</summary>
    public static IEnumerable<T> WorstFirst<T>(IEnumerable<T> rows, Func<T, AccountHealthRow> row) =>
        rows.OrderBy(r => row(r).Health.Score)
            .ThenBy(r => row(r).Signals.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => row(r).Signals.Key, StringComparer.Ordinal);
}
