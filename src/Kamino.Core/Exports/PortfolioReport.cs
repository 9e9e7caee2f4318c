using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Data;
using Kamino.Health;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Exports;

/// <summary>
/// What the monthly portfolio report shows: the workspace, the Pareto analysis of the period (<see cref="ParetoQuery"/>:
/// ranking, ABC classes, concentration) and every key account with owner, health and next check-in on
/// <see cref="PrintedOn"/> (<see cref="AccountHealth.ListAsync"/>, worst health first).
/// </summary>
public sealed record PortfolioReport(string WorkspaceName, ParetoReport Pareto, IReadOnlyList<AccountHealthRow> KeyAccounts, DateOnly PrintedOn)
{
    /// <summary>The report of the workspace over <paramref name="period"/>, or null when there is no such workspace.</summary>
    public static async Task<PortfolioReport?> LoadAsync(KaminoDb db, int workspaceId, ParetoRequest period, DateOnly today, CancellationToken ct = default)
    {
        var name = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).FirstOrDefaultAsync(ct);
        if (name is null || await ParetoQuery.RunAsync(db, workspaceId, period, ct) is not { } pareto)
        {
            return null;
        }

        var accounts = await AccountHealth.ListAsync(db, workspaceId, CheckinScope.Workspace, "", today, ct);
        return new PortfolioReport(name, pareto, accounts, today);
    }
}
