using Kamino.Customers;
using Kamino.SignIn;
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
/// settings); those are written only through the change tracker. <c>workspace.watch_version</c> changes with every
/// tracked change of anything that belongs to a workspace (and of a member's name), and writers that use SQL on such
/// data call <see cref="BumpWatchVersionAsync"/>; a user's alerts and the key-accounts panel are kept while it stays.
/// </summary>
public abstract partial class KaminoDb
{
    /// <summary>Changes the workspaces' sales version; call it inside the transaction that changes their sale lines or customers.</summary>
    internal Task<int> BumpSalesVersionAsync(IReadOnlyCollection<int> workspaceIds, CancellationToken ct) =>
        Workspaces.Where(w => workspaceIds.Contains(w.Id)).ExecuteUpdateAsync(s => s.SetProperty(w => w.SalesVersion, w => w.SalesVersion + 1), ct);

    /// <summary>Changes the workspace's watch version; call it inside the transaction of a SQL write (not tracked) of its data.</summary>
    internal Task<int> BumpWatchVersionAsync(int workspaceId, CancellationToken ct) =>
        Workspaces.Where(w => w.Id == workspaceId).ExecuteUpdateAsync(s => s.SetProperty(w => w.WatchVersion, w => w.WatchVersion + 1), ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var changed = VersionsChanged();
        if (changed.IsEmpty)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        var watch = changed.Watch.Union(WorkspacesOf(changed.Users).ToList()).ToList();
        Workspaces.Where(w => changed.Sales.Contains(w.Id) || changed.Accounts.Contains(w.Id) || watch.Contains(w.Id)).ExecuteUpdate(s => s
            .SetProperty(w => w.SalesVersion, w => changed.Sales.Contains(w.Id) ? w.SalesVersion + 1 : w.SalesVersion)
            .SetProperty(w => w.AccountsVersion, w => changed.Accounts.Contains(w.Id) ? w.AccountsVersion + 1 : w.AccountsVersion)
            .SetProperty(w => w.WatchVersion, w => w.WatchVersion + 1));
        own?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = VersionsChanged();
        if (changed.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var watch = changed.Watch.Union(await WorkspacesOf(changed.Users).ToListAsync(cancellationToken)).ToList();
        await Workspaces.Where(w => changed.Sales.Contains(w.Id) || changed.Accounts.Contains(w.Id) || watch.Contains(w.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.SalesVersion, w => changed.Sales.Contains(w.Id) ? w.SalesVersion + 1 : w.SalesVersion)
            .SetProperty(w => w.AccountsVersion, w => changed.Accounts.Contains(w.Id) ? w.AccountsVersion + 1 : w.AccountsVersion)
            .SetProperty(w => w.WatchVersion, w => w.WatchVersion + 1), cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>The workspaces the users are members of.</summary>
    private IQueryable<int> WorkspacesOf(List<string> users) => Memberships.Where(m => users.Contains(m.UserId)).Select(m => m.WorkspaceId).Distinct();

    /// <summary>What a save changes, by workspace: the versions to bump.</summary>
    /// <param name="Sales">Workspaces whose sale lines or customers (added, removed, key or name changed) it writes.</param>
    /// <param name="Accounts">Workspaces whose ratings, criteria, tiers, designations (a customer's tier or key-account flag), settings or members' roles it writes.</param>
    /// <param name="Watch">Workspaces any of whose data it writes (everything with a workspace id, and the workspace itself).</param>
    /// <param name="Users">Users whose name or email it changes (their workspaces' watch version changes: the panel shows owners by name).</param>
    private sealed record Changed(List<int> Sales, List<int> Accounts, List<int> Watch, List<string> Users)
    {
        public bool IsEmpty => Watch.Count == 0 && Users.Count == 0;
    }

    private Changed VersionsChanged()
    {
        var sales = new HashSet<int>();
        var accounts = new HashSet<int>();
        var watch = new HashSet<int>();
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Deleted or EntityState.Modified))
            {
                continue;
            }

            if (e.Metadata.FindProperty("WorkspaceId") is { } wsProperty && e.Property(wsProperty.Name).CurrentValue is int ws)
            {
                watch.Add(ws);
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
                    watch.Add(workspace.Id);
                    break;
                case Membership membership when e.State != EntityState.Modified || e.Property(nameof(Membership.Role)).IsModified:
                    // The team's capacity counts the KAMs, and it bounds the suggestions.
                    accounts.Add(membership.WorkspaceId);
                    break;
                case KaminoUser user when e.State == EntityState.Modified
                    && (e.Property(nameof(KaminoUser.DisplayName)).IsModified || e.Property(nameof(KaminoUser.Email)).IsModified):
                    users.Add(user.Id);
                    break;
            }
        }

        return new([.. sales], [.. accounts], [.. watch], [.. users]);
    }
}
