using System.Runtime.CompilerServices;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Kamino.Analysis;

/// <summary>
/// Results that depend only on a workspace's sale lines and customers (the span of sale dates, revenue per customer
/// over a period, the key-account ranking, the health score's revenue windows), kept in memory while the workspace's
/// <c>sales_version</c> stays the same; and results that also read its ratings, criteria, tiers, designations and
/// settings (the scored customer list), kept while its <c>accounts_version</c> stays the same as well; and results that
/// read anything of the workspace (a user's alerts, the key-accounts panel), kept while its <c>watch_version</c> stays
/// the same too (<see cref="CacheReads"/>). The versions
/// are read from the database on every use, so a change made by another process or node (a CLI import while
/// <c>serve</c> runs, an undo or a rating on another server) is seen by the next request. Every writer changes the
/// version in its own transaction (<see cref="KaminoDb.BumpSalesVersionAsync"/>: the importer and the undo for their
/// SQL, <see cref="KaminoDb"/>'s <c>SaveChanges</c> for tracked changes, both versions). A result computed after
/// reading version v holds every change up to v, never older data, so it is exactly what the uncached query would answer.
/// </summary>
/// <remarks>
/// Two stores per database (per <see cref="KaminoDatabase"/>, through its context options): one for the large
/// sales results, one for the small per-user watch results. Entries are keyed by workspace, versions and what was
/// asked: two databases or two workspaces never share one. At most <see cref="Capacity"/> sales results and
/// <see cref="WatchCapacity"/> watch results per database, the least recently used dropped first, and an entry of an older version is dropped as soon
/// as a newer one of the same workspace is stored. Concurrent requests for the same missing result wait for one
/// computation.
/// </remarks>
internal static class SalesCache
{
    /// <summary>Results kept per database. A ranking of 50,000 customers takes about 5 MB.</summary>
    public const int Capacity = 32;

    /// <summary>Watch results kept per database (one per user, scope and day; a few kilobytes each).</summary>
    public const int WatchCapacity = 1024;

    private static readonly ConditionalWeakTable<IDbContextOptions, Store> Stores = [];
    private static readonly ConditionalWeakTable<IDbContextOptions, Store> WatchStores = [];

    /// <summary>
    /// The result of <paramref name="compute"/> for <paramref name="key"/> (a record: equal keys, equal questions) in
    /// the workspace at its current sales version; computed with <paramref name="db"/> when not kept.
    /// </summary>
    public static Task<T> GetAsync<T>(KaminoDb db, int workspaceId, object key, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
        where T : class =>
        GetAsync(db, workspaceId, key, CacheReads.Sales, compute, ct);

    /// <summary>
    /// As <see cref="GetAsync{T}(KaminoDb, int, object, Func{CancellationToken, Task{T}}, CancellationToken)"/>, for a
    /// result that also reads what <c>accounts_version</c> covers (ratings, criteria, tiers, designations, settings)
    /// or, with <see cref="CacheReads.Watch"/>, anything of the workspace: kept while every version it reads stays the same.
    /// </summary>
    public static async Task<T> GetAsync<T>(KaminoDb db, int workspaceId, object key, CacheReads reads, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
        where T : class
    {
        var versions = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId)
            .Select(w => new { w.SalesVersion, w.AccountsVersion, w.WatchVersion }).FirstOrDefaultAsync(ct);
        if (versions is null)
        {
            // No such workspace: nothing worth keeping.
            return await compute(ct);
        }

        var entry = new EntryKey(workspaceId, versions.SalesVersion,
            reads >= CacheReads.Accounts ? versions.AccountsVersion : NotRead,
            reads >= CacheReads.Watch ? versions.WatchVersion : NotRead, key);
        var store = (reads == CacheReads.Watch ? WatchStores : Stores).GetValue(db.GetService<IDbContextOptions>(), _ => new Store());
        var capacity = reads == CacheReads.Watch ? WatchCapacity : Capacity;
        while (true)
        {
            var (task, owner) = store.GetOrAdd(entry, capacity);
            if (owner is not null)
            {
                try
                {
                    var result = await compute(ct);
                    owner.SetResult(result);
                    return result;
                }
                catch (Exception e)
                {
                    store.Remove(entry, task);
                    owner.SetException(e);
                    throw;
                }
            }

            try
            {
                return (T)await task.WaitAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested && task.IsFaulted)
            {
                // The request computing it failed or went away: start again (this request may compute it).
            }
        }
    }

    /// <summary>How many results are kept for the database of <paramref name="db"/> (for tests of the bound).</summary>
    internal static int Count(KaminoDb db) => Stores.TryGetValue(db.GetService<IDbContextOptions>(), out var s) ? s.Count : 0;

    /// <summary>The accounts or watch version of a result that does not read it.</summary>
    private const long NotRead = -1;

    private sealed record EntryKey(int WorkspaceId, long Version, long AccountsVersion, long WatchVersion, object Key)
    {
        /// <summary>Whether this entry can never be asked for again by a request that read <paramref name="newer"/>'s versions.</summary>
        public bool OlderThan(EntryKey newer) =>
            WorkspaceId == newer.WorkspaceId
            && (Version < newer.Version || Older(AccountsVersion, newer.AccountsVersion) || Older(WatchVersion, newer.WatchVersion));

        private static bool Older(long mine, long newer) => mine != NotRead && newer != NotRead && mine < newer;
    }

    /// <summary>A least-recently-used map of running or finished computations, under one lock (operations are tiny).</summary>
    private sealed class Store
    {
        private readonly Dictionary<EntryKey, LinkedListNode<(EntryKey Key, Task<object> Task)>> map = [];
        private readonly LinkedList<(EntryKey Key, Task<object> Task)> order = new();

        public int Count
        {
            get
            {
                lock (map)
                {
                    return map.Count;
                }
            }
        }

        /// <summary>The kept or running computation of <paramref name="key"/>, or a new one the caller must complete (the source returned).</summary>
        public (Task<object> Task, TaskCompletionSource<object>? Owner) GetOrAdd(EntryKey key, int capacity)
        {
            lock (map)
            {
                if (map.TryGetValue(key, out var found))
                {
                    order.Remove(found);
                    order.AddFirst(found);
                    return (found.Value.Task, null);
                }

                // Older versions of this workspace can never be asked for again by a request that read this one.
                for (var n = order.First; n is not null;)
                {
                    var next = n.Next;
                    if (n.Value.Key.OlderThan(key))
                    {
                        map.Remove(n.Value.Key);
                        order.Remove(n);
                    }

                    n = next;
                }

                while (map.Count >= capacity && order.Last is { } oldest)
                {
                    map.Remove(oldest.Value.Key);
                    order.RemoveLast();
                }

                var source = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
                map[key] = order.AddFirst((key, source.Task));
                return (source.Task, source);
            }
        }

        public void Remove(EntryKey key, Task<object> task)
        {
            lock (map)
            {
                if (map.TryGetValue(key, out var node) && node.Value.Task == task)
                {
                    map.Remove(key);
                    order.Remove(node);
                }
            }
        }
    }
}

/// <summary>What a kept result reads, so which versions must stay the same for it to stay true (each level includes the ones before).</summary>
internal enum CacheReads
{
    /// <summary>Sale lines and customers: <c>sales_version</c>.</summary>
    Sales,

    /// <summary>Also ratings, criteria, tiers, designations and settings: <c>accounts_version</c>.</summary>
    Accounts,

    /// <summary>Anything of the workspace (check-ins, tasks, orders, contacts, dismissals, members' names): <c>watch_version</c>.</summary>
    Watch,
}
