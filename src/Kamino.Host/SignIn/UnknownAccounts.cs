using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kamino.Host.SignIn;

/// <summary>
/// Sign-in attempts for an email without an (active) account, made to look like attempts on a real one (ASVS 6.3.8):
/// the password is checked against a dummy hash with the same hasher (same PBKDF2 work, so the same time), and
/// failures are counted per email in memory with Identity's lockout rule (<see cref="LockoutOptions"/>), so that the
/// fifth wrong password answers "locked out" there too. The counts live in this process only (a restart forgets
/// them, as it would matter only to someone probing) and are bounded (<see cref="MaxTracked"/>).
/// </summary>
public sealed class UnknownAccounts(TimeProvider clock, IOptions<IdentityOptions> options)
{
    /// <summary>Emails tracked at most; past that, entries idle for longer than a lockout are dropped first.</summary>
    public const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Attempts> attempts = new(StringComparer.Ordinal);
    private string? dummyHash;

    /// <summary>
    /// One sign-in attempt for <paramref name="email"/> that has no active account: locked out (no hashing, like
    /// Identity for a locked account) or the dummy hash checked and the failure counted.
    /// </summary>
    public SignInResult Fail(string email, string password, IPasswordHasher<KaminoUser> hasher)
    {
        var key = email.Trim().ToUpperInvariant();
        var now = clock.GetUtcNow();
        if (attempts.TryGetValue(key, out var current) && current.LockedUntil > now)
        {
            return SignInResult.LockedOut;
        }

        VerifyDummy(password, hasher);
        Prune(now);
        var lockout = options.Value.Lockout;
        var updated = attempts.AddOrUpdate(
            key,
            _ => Attempts.First(now, lockout),
            (_, a) => a.Next(now, lockout));
        return updated.LockedUntil > now ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>Checks <paramref name="password"/> against a hash no password matches: the work of a real check.</summary>
    public void VerifyDummy(string password, IPasswordHasher<KaminoUser> hasher)
    {
        var hash = LazyInitializer.EnsureInitialized(ref dummyHash, () => hasher.HashPassword(new KaminoUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        hasher.VerifyHashedPassword(new KaminoUser(), hash, password);
    }

    private void Prune(DateTimeOffset now)
    {
        if (attempts.Count < MaxTracked)
        {
            return;
        }

        var idle = options.Value.Lockout.DefaultLockoutTimeSpan;
        foreach (var (email, a) in attempts)
        {
            if (a.LastFailure + idle < now && a.LockedUntil < now)
            {
                attempts.TryRemove(email, out _);
            }
        }

        if (attempts.Count >= MaxTracked)
        {
            attempts.Clear();
        }
    }

    private sealed record Attempts(int Failures, DateTimeOffset LockedUntil, DateTimeOffset LastFailure)
    {
        public static Attempts First(DateTimeOffset now, LockoutOptions lockout) => new Attempts(0, DateTimeOffset.MinValue, now).Next(now, lockout);

        /// <summary>Identity's rule: the n-th failure locks for the lockout time and starts the count again.</summary>
        public Attempts Next(DateTimeOffset now, LockoutOptions lockout) =>
            Failures + 1 >= lockout.MaxFailedAccessAttempts
                ? new Attempts(0, now + lockout.DefaultLockoutTimeSpan, now)
                : this with { Failures = Failures + 1, LastFailure = now };
    }
}
