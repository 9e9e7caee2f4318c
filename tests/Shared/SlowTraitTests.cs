using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Kamino.Testing;

/// <summary>
/// Keeps the fast run (<c>dotnet test --filter "Category!=Slow"</c>) fast: a test that needs PostgreSQL, Chromium
/// or the real <c>kamino</c> process must carry <c>[Trait("Category", "Slow")]</c> (on its method, its class or a
/// base class, as xunit discovers it). Found by convention: a class or fixture named Postgres…, a theory row
/// <c>Engine.Postgres</c>, a class in a Reliability folder, a class or fixture holding a Playwright browser.
/// </summary>
public sealed class SlowTraitTests
{
    public const string Category = "Category";

    public const string Slow = "Slow";

    [Fact]
    public void EveryTestThatNeedsPostgresChromiumOrAProcess_IsInTheSlowCategory()
    {
        var missing = new List<string>();
        foreach (var type in typeof(SlowTraitTests).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }))
        {
            var classIsSlow = IsSlow(Reflector.Wrap(type).GetCustomAttributes(typeof(ITraitAttribute)));
            var classNeedsIt = NeedsSlow(type);
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.IsDefined(typeof(FactAttribute), inherit: true)))
            {
                var needsIt = classNeedsIt || method.GetCustomAttributes<InlineDataAttribute>().Any(d => d.GetData(method).Any(row => row is not null && row.Any(IsPostgresEngine)));
                if (needsIt && !classIsSlow && !IsSlow(Reflector.Wrap(method).GetCustomAttributes(typeof(ITraitAttribute))))
                {
                    missing.Add(type.FullName + "." + method.Name);
                }
            }
        }

        Assert.True(missing.Count == 0, "Without [Trait(\"Category\", \"Slow\")]:\n" + string.Join('\n', missing));
    }

    private static bool IsSlow(IEnumerable<IAttributeInfo> traits) =>
        traits.Any(t => t.GetConstructorArguments().ToArray() is [Category, Slow]);

    private static bool IsPostgresEngine(object? value) => value is Enum e && e.GetType().Name == "Engine" && e.ToString() == "Postgres";

    private static bool NeedsSlow(Type type)
    {
        if (type.Name.Contains("Postgres", StringComparison.Ordinal) || (type.Namespace?.EndsWith(".Reliability", StringComparison.Ordinal) ?? false))
        {
            return true;
        }

        // The class, its bases and its fixtures (constructor parameters).
        var related = Chain(type).Concat(type.GetConstructors().SelectMany(c => c.GetParameters()).SelectMany(p => Chain(p.ParameterType)));
        return related.Any(t => t.Name.Contains("Postgres", StringComparison.Ordinal)
            || t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Any(f => f.FieldType.FullName?.StartsWith("Microsoft.Playwright.", StringComparison.Ordinal) ?? false));
    }

    private static IEnumerable<Type> Chain(Type? type)
    {
        for (; type is not null && type != typeof(object); type = type.BaseType)
        {
            yield return type;
        }
    }
}
