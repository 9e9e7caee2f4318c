using Kamino.Activities;
using Kamino.Data;
using Kamino.Health;

namespace Kamino.Alerts;

/// <summary>One key account in the dashboard's key-accounts panel.</summary>
/// <param name="CustomerId">The account's key.</param>
/// <param name="Owner">The owner's name (or email); null when it has none.</param>
/// <param name="OpenAlerts">The viewer's open alerts about the account (after their dismissals).</param>
public sealed record WatchedAccount(string CustomerId, string Name, string? Owner, HealthScore Health, CadenceState Cadence, int OpenAlerts);

/// <summary>The key accounts panel: the accounts of a scope with owner, health, next check-in and open alerts, worst first.</summary>
public static class KeyAccountWatch
{
    /// <summary>
    /// The accounts in <paramref name="scope"/> for <paramref name="userId"/> on <paramref name="today"/>: lowest health first,
    /// then most open alerts, then by name.
    /// </summary>
    public static async Task<IReadOnlyList<WatchedAccount>> ListAsync(KaminoDb db, int workspaceId, CheckinScope scope, string userId, DateOnly today,
        CancellationToken ct = default)
    {
        var weights = await AccountSignalsQuery.WeightsAsync(db, workspaceId, ct) ?? HealthWeights.Default;
        var (alerts, accounts) = await AlertsQuery.ListWithSignalsAsync(db, workspaceId, scope, userId, today, ct);
        var open = alerts.Open.GroupBy(a => a.AccountId).ToDictionary(g => g.Key, g => g.Count());
        return accounts
            .Select(s => new WatchedAccount(s.Key, s.Name, string.IsNullOrWhiteSpace(s.OwnerName) ? s.OwnerEmail : s.OwnerName, s.HealthWith(weights), s.Cadence,
                open.GetValueOrDefault(s.CustomerId)))
            .OrderBy(a => a.Health.Score).ThenByDescending(a => a.OpenAlerts)
            .ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.CustomerId, StringComparer.Ordinal)
            .ToList();
    }
}
