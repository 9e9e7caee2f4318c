using Kamino.Customers;
using Kamino.Import;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>
/// <c>workspace.sales_version</c>: a number that changes in the same transaction as every change of a workspace's sale
/// lines or customers, so results computed from them can be kept while it stays the same (<see cref="Analysis.SalesCache"/>).
/// Writers that use SQL (the importer's sinks, an import's undo) call <see cref="BumpSalesVersionAsync"/>; changes
/// made through the change tracker bump it in <c>SaveChanges</c>.
/// </summary>
public abstract partial class KaminoDb
{
    /// <summary>Changes the workspaces' sales version; call it inside the transaction that changes their sale lines or customers.</summary>
    internal Task<int> BumpSalesVersionAsync(IReadOnlyCollection<int> workspaceIds, CancellationToken ct) =>
        Workspaces.Where(w => workspaceIds.Contains(w.Id)).ExecuteUpdateAsync(s => s.SetProperty(w => w.SalesVersion, w => w.SalesVersion + 1), ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var changed = SalesChanged();
        if (changed.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        Workspaces.Where(w => changed.Contains(w.Id)).ExecuteUpdate(s => s.SetProperty(w => w.SalesVersion, w => w.SalesVersion + 1));
        own?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = SalesChanged();
        if (changed.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await BumpSalesVersionAsync(changed, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>The workspaces whose sale lines or customers (added, removed, key or name changed) this save writes.</summary>
    private List<int> SalesChanged()
    {
        var ids = new HashSet<int>();
        foreach (var e in ChangeTracker.Entries())
        {
            switch (e.Entity)
            {
                case SaleLine line when e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified:
                    ids.Add(line.WorkspaceId);
                    break;
                case Customer customer when e.State is EntityState.Added or EntityState.Deleted
                    || (e.State == EntityState.Modified && (e.Property(nameof(Customer.Name)).IsModified || e.Property(nameof(Customer.Key)).IsModified)):
                    ids.Add(customer.WorkspaceId);
                    break;
            }
        }

        return [.. ids];
    }
}
