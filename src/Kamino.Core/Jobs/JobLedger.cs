using System.Globalization;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Jobs;

/// <summary>A job run this node holds: finish it with <see cref="JobLedger.FinishAsync"/> or give it back with <see cref="JobLedger.ReleaseAsync"/>.</summary>
public sealed record JobClaim(string Job, string Period, string Node, long StartedMs);

/// <summary>What <see cref="JobLedger.RunOnceAsync{T}"/> did: ran the work (<see cref="Result"/>), or left it to <see cref="Earlier"/>.</summary>
public sealed record JobOutcome<T>(bool Ran, T? Result, JobRun? Earlier);

/// <summary>
/// Jobs that run once (issue 16 item 2): the daily reminders, digests and notifications run for a period (a day) on
/// exactly one node, however many nodes or commands try. A run is claimed by inserting its (job, period) row, which the
/// primary key makes atomic on both engines; a second claim of the same period finds the row and does nothing. A run
/// whose node died (claimed more than <see cref="StaleAfter"/> ago and never finished) may be claimed again; a run
/// that failed is given back, so the next try (the next start of the job, or the command again) does the work.
/// </summary>
/// <remarks>
/// At most once, not exactly once, per message within a run: a node killed between the mail server's "accepted" and
/// the ledger's "finished" leaves the run to be taken over after <see cref="StaleAfter"/>, and the digests of that
/// run are sent again (the reminders are recorded per task, and the alert digests per member and week, so those are
/// not).
/// </remarks>
public static class JobLedger
{
    /// <summary>How long a claimed run may go unfinished before another node may take it over.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>The period of a daily job: its day as yyyy-MM-dd.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Claims <paramref name="job"/> for <paramref name="period"/> for <paramref name="node"/>; null when another run has it or did it.</summary>
    public static async Task<JobClaim?> ClaimAsync(KaminoDb db, string job, string period, string node, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO job_run (job, period, node, started_ms, attempts) VALUES ({job}, {period}, {node}, {now}, 1) ON CONFLICT (job, period) DO NOTHING", ct);
        if (inserted == 1)
        {
            return new JobClaim(job, period, node, now);
        }

        var stale = now - (long)StaleAfter.TotalMilliseconds;
        var taken = await db.Database.ExecuteSqlAsync(
            $"UPDATE job_run SET node = {node}, started_ms = {now}, attempts = attempts + 1 WHERE job = {job} AND period = {period} AND finished_ms IS NULL AND started_ms < {stale}", ct);
        return taken == 1 ? new JobClaim(job, period, node, now) : null;
    }

    /// <summary>Records that the claimed run ended, with what it did.</summary>
    public static async Task FinishAsync(KaminoDb db, JobClaim claim, string result, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        result = result.Length > 400 ? result[..400] : result;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE job_run SET finished_ms = {now}, result = {result} WHERE job = {claim.Job} AND period = {claim.Period} AND node = {claim.Node} AND started_ms = {claim.StartedMs}", ct);
    }

    /// <summary>Gives a failed run back, so that the next try does the work.</summary>
    public static async Task ReleaseAsync(KaminoDb db, JobClaim claim, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM job_run WHERE job = {claim.Job} AND period = {claim.Period} AND node = {claim.Node} AND started_ms = {claim.StartedMs} AND finished_ms IS NULL", ct);

    /// <summary>The run of <paramref name="job"/> for <paramref name="period"/>, if any.</summary>
    public static Task<JobRun?> FindAsync(KaminoDb db, string job, string period, CancellationToken ct = default) =>
        db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Job == job && r.Period == period, ct);

    /// <summary>
    /// Runs <paramref name="work"/> when this node claims the period: finished with <paramref name="describe"/>'s text,
    /// given back when the work throws (and rethrown). Otherwise returns the run that had it.
    /// </summary>
    /// <param name="done">
    /// Whether the result counts as done; when not (every email refused: the mail server is down), the run is given
    /// back like a failure, so that the next try sends.
    /// </param>
    public static async Task<JobOutcome<T>> RunOnceAsync<T>(KaminoDb db, string job, string period, string node, TimeProvider clock,
        Func<Task<T>> work, Func<T, string> describe, Func<T, bool>? done = null, CancellationToken ct = default)
    {
        var claim = await ClaimAsync(db, job, period, node, clock, ct);
        if (claim is null)
        {
            return new JobOutcome<T>(false, default, await FindAsync(db, job, period, ct));
        }

        T result;
        try
        {
            result = await work();
        }
        catch
        {
            await ReleaseAsync(db, claim, CancellationToken.None);
            throw;
        }

        if (done is not null && !done(result))
        {
            await ReleaseAsync(db, claim, CancellationToken.None);
        }
        else
        {
            await FinishAsync(db, claim, describe(result), clock, CancellationToken.None);
        }

        return new JobOutcome<T>(true, result, null);
    }

    /// <summary>This process's name in the ledger: machine and process id.</summary>
    public static string ThisNode => string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");
}
