using System.Security.Cryptography;
using System.Text;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.SignIn;

/// <summary>
/// The first run of a new installation, without the command line: while the database has no user, <c>serve</c>
/// prints a one-time setup address (<c>/setup?code=…</c>) and whoever opens it with that code creates the first
/// Director and their workspace. The code lives in this process only (each start makes a new one), so a server
/// reachable by others cannot be claimed by someone who did not see its output.
/// </summary>
public sealed class FirstRun
{
    /// <summary>The setup page's address.</summary>
    public const string Link = "/setup";

    // No look-alike characters: the code may be read off a terminal and typed.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly byte[] code;

    public FirstRun() => code = Encoding.ASCII.GetBytes(Code = RandomNumberGenerator.GetString(Alphabet, 24));

    /// <summary>This process's setup code.</summary>
    public string Code { get; }

    /// <summary>One setup at a time in this process (across nodes: the <see cref="Job"/> claim); the check "no user yet" and the creation do not interleave.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Whether <paramref name="candidate"/> is this process's code (constant time).</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate.Trim()), code);

    /// <summary>
    /// The job-ledger row a setup claims (<see cref="Kamino.Jobs.JobLedger"/>): one setup at a time across every node on the
    /// database, given back when it fails, finished when it created the Director.
    /// </summary>
    public const string Job = "first-run";

    /// <summary>The ledger period of the setup: there is only one.</summary>
    public const string Period = "install";

    /// <summary>This process's name in the ledger.</summary>
    public string Node { get; } = "setup-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether the installation still needs its first user.</summary>
    public static async Task<bool> NeededAsync(KaminoDb db, CancellationToken ct = default) => !await db.Users.AnyAsync(ct);
}
