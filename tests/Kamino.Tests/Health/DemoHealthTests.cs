using Kamino.Demo;
using Kamino.Health;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Health;

/// <summary>The demo's key accounts, as <c>serve --demo</c> makes them, show every health band on whatever day the demo is made.</summary>
public sealed class DemoHealthTests
{
    [Theory]
    [InlineData("2026-03-15T12:00:00Z")]
    [InlineData("2027-08-02T07:00:00Z")]
    public async Task Demo_KeyAccounts_AreRedAmberAndGreen_PartsSumToTheScore(string now)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await using var test = await TestDatabase.CreateAsync(Engine.Sqlite);
        await DemoData.EnsureAsync(test.Database, clock, DemoData.DefaultLanguage);
        await using var db = test.Database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync();
        var people = new Dictionary<Role, string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            people[role] = await TeamData.MemberAsync(db, ws, $"{role}@demo.test", role);
        }

        await DemoActivities.EnsureAsync(db, ws, people, clock);

        var rows = await AccountHealth.LoadAsync(db, ws, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

        Assert.Equal([HealthBand.Red, HealthBand.Amber, HealthBand.Green], rows.Select(r => r.Health.Band).Distinct().Order());
        Assert.All(rows, r => Assert.Equal(r.Health.Score, r.Health.Parts.Sum(p => p.Points)));
        Assert.Equal(HealthBand.Green, rows.Single(r => r.Signals.Key == DemoData.PizzaChainCustomerId).Health.Band);
    }
}
