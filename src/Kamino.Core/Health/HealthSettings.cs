using System.Globalization;
using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Health;

/// <summary>A change of the health weights; a null weight stays as it is.</summary>
public sealed record HealthWeightsChange(int? Freshness = null, int? Satisfaction = null, int? Revenue = null, int? Tasks = null)
{
    /// <summary>The weights after the change, over <paramref name="current"/>.</summary>
    public HealthWeights ApplyTo(HealthWeights current) =>
        new(Freshness ?? current.Freshness, Satisfaction ?? current.Satisfaction, Revenue ?? current.Revenue, Tasks ?? current.Tasks);
}

/// <summary>How a change of the health weights ended: the outcome and, when refused as invalid, every problem by field.</summary>
public sealed record HealthWeightsResult(ChangeResult Change, IReadOnlyList<HealthWeightProblem> Problems);

/// <summary>The workspace's health weights (a workspace setting; PRODUCT.md §3, Health score): read and changed.</summary>
public static class HealthSettings
{
    /// <summary>The weights, or null when the workspace does not exist.</summary>
    public static Task<HealthWeights?> GetAsync(KaminoDb db, int workspaceId, CancellationToken ct = default) =>
        AccountSignalsQuery.WeightsAsync(db, workspaceId, ct);

    /// <summary>
    /// Applies <paramref name="change"/> and audits it, all or nothing: when the resulting weights have a problem
    /// (<see cref="HealthWeights.Problems"/>) nothing is stored and every problem is returned, keyed by field.
    /// <paramref name="userId"/> null is the system (the CLI).
    /// </summary>
    public static async Task<HealthWeightsResult> SetAsync(KaminoDb db, int workspaceId, HealthWeightsChange change, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var ws = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (ws is null)
        {
            return new(ChangeResult.NotFound(Said.Of("workspace.not-found")), []);
        }

        var weights = change.ApplyTo(new HealthWeights(ws.HealthWeightFreshness, ws.HealthWeightSatisfaction, ws.HealthWeightRevenue, ws.HealthWeightTasks));
        if (weights.Problems() is { Count: > 0 } problems)
        {
            return new(ChangeResult.Invalid(Said.Together(problems.Select(p => p.Why))), problems);
        }

        ws.HealthWeightFreshness = weights.Freshness;
        ws.HealthWeightSatisfaction = weights.Satisfaction;
        ws.HealthWeightRevenue = weights.Revenue;
        ws.HealthWeightTasks = weights.Tasks;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditLog.AddAsync(db, workspaceId, userId, "workspace", workspaceId.ToString(CultureInfo.InvariantCulture), "health-weights",
            AuditText.Of("workspace.health-weights", weights.Freshness, weights.Satisfaction, weights.Revenue, weights.Tasks), null, clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(ChangeResult.Done, []);
    }

    /// <summary>"health weights: freshness 35, satisfaction 25, revenue trend 30, overdue tasks 10".</summary>
    public static string Describe(HealthWeights w) => string.Create(CultureInfo.InvariantCulture,
        $"health weights: freshness {w.Freshness}, satisfaction {w.Satisfaction}, revenue trend {w.Revenue}, overdue tasks {w.Tasks}");
}
