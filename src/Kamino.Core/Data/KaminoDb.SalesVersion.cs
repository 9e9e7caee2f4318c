using Kamino.Customers;
using Kamino.People;
using Kamino.Import;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>
/// <c>workspace.sales_version</c>: a number that changes in the same transaction as every change of a workspace's sale
/// lines or customers, so results computed from them can be kept while it stays the same (<see cref="Analysis.SalesCache"/>).
/// Writers that use SQL (the importer's sinks, an import's undo) call <see cref="BumpSalesVersionAsync"/>; changes
/// made through the change tracker bump it in <c>SaveChanges</c>. <c>workspace.accounts_version</c> does the same for
/// what the key-account score reads besides the sales (ratings, criteria, tiers, designations, the workspace's
/// settings); those are written only through the change tracker.
/// </summary>
public abstract partial class KaminoDb
{
    /// <summary>Changes the workspaces' sales version; call it inside the transaction that changes their sale lines or customers.</summary>
    internal Task<int> BumpSalesVersionAsync(IReadOnlyCollection<int> workspaceIds, CancellationToken ct) =>
        Workspaces.Where(w => workspaceIds.Contains(w.Id)).ExecuteUpdateAsync(s => s.SetProperty(w => w.SalesVersion, w => w.SalesVersion + 1), ct);

    private Task<int> BumpAccountsVersionAsync(IReadOnlyCollection<int> workspaceIds, CancellationToken ct) =>
        Workspaces.Where(w => workspaceIds.Contains(w.Id)).ExecuteUpdateAsync(s => s.SetProperty(w => w.AccountsVersion, w => w.AccountsVersion + 1), ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var (sales, accounts) = VersionsChanged();
        if (sales.Count == 0 && accounts.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (sales.Count > 0)
        {
            Workspaces.Where(w => sales.Contains(w.Id)).ExecuteUpdate(s => s.SetProperty(w => w.SalesVersion, w => w.SalesVersion + 1));
        }

        if (accounts.Count > 0)
        {
            Workspaces.Where(w => accounts.Contains(w.Id)).ExecuteUpdate(s => s.SetProperty(w => w.AccountsVersion, w => w.AccountsVersion + 1));
        }

        own?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var (sales, accounts) = VersionsChanged();
        if (sales.Count == 0 && accounts.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (sales.Count > 0)
        {
            await BumpSalesVersionAsync(sales, cancellationToken);
        }

        if (accounts.Count > 0)
        {
            await BumpAccountsVersionAsync(accounts, cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>
    /// The workspaces whose sale lines or customers (added, removed, key or name changed) this save writes, and those
    /// whose ratings, criteria, tiers, designations (a customer's tier or key-account flag), settings or members' roles it writes.
    /// </summary>
    private (List<int> Sales, List<int> Accounts) VersionsChanged()
    {
        var sales = new HashSet<int>();
        var accounts = new HashSet<int>();
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Deleted or EntityState.Modified))
            {
                continue;
            }

            switch (e.Entity)
            {
                case SaleLine line:
                    sales.Add(line.WorkspaceId);
                    break;
                case Customer customer:
                    if (e.State != EntityState.Modified || e.Property(nameof(Customer.Name)).IsModified || e.Property(nameof(Customer.Key)).IsModified)
                    {
                        sales.Add(customer.WorkspaceId);
                    }

                    if (e.State != EntityState.Modified || e.Property(nameof(Customer.TierId)).IsModified || e.Property(nameof(Customer.IsKeyAccount)).IsModified)
                    {
                        accounts.Add(customer.WorkspaceId);
                    }

                    break;
                case Rating rating:
                    accounts.Add(rating.WorkspaceId);
                    break;
                case Criterion criterion:
                    accounts.Add(criterion.WorkspaceId);
                    break;
                case Tier tier:
                    accounts.Add(tier.WorkspaceId);
                    break;
                case Workspace workspace when e.State == EntityState.Modified:
                    accounts.Add(workspace.Id);
                    break;
                case Membership membership when e.State != EntityState.Modified || e.Property(nameof(Membership.Role)).IsModified:
                    // The team's capacity counts the KAMs, and it bounds the suggestions.
                    accounts.Add(membership.WorkspaceId);
                    break;
            }
        }

        return ([.. sales], [.. accounts]);
    }
}
