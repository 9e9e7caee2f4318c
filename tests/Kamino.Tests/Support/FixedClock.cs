namespace Kamino.Tests.Support;

/// <summary>A clock that reads <see cref="Now"/>, which a test sets.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
