using System.Globalization;
using Kamino.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Demo;

/// <summary>
/// The demo is written once in Spanish (its default: the business is in Valencia) and once in English: both make the
/// same business (customers, designations, teams, tasks, activities, plans, orders), and the Spanish one reads in Spanish.
/// </summary>
public abstract class DemoLanguageTests(Engine engine)
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));

    // Texts that are the same in both languages: numbers, and a unit both write alike.
    private static bool Neutral(string text) => text == "30 min" || !text.Any(char.IsLetter);

    [Fact]
    public async Task Demo_SpanishAndEnglish_SameBusinessEveryTextTranslated()
    {
        var spanish = await DemoAsync(DemoData.DefaultLanguage);
        var english = await DemoAsync(CultureInfo.GetCultureInfo("en-US"));

        Assert.Equal(english.Shape, spanish.Shape);
        Assert.Equal(english.Texts.Count, spanish.Texts.Count);
        Assert.True(spanish.Texts.Count > 100, $"{spanish.Texts.Count} texts");
        var untranslated = spanish.Texts.Zip(english.Texts).Where(p => p.First == p.Second && !Neutral(p.First)).Select(p => p.First).ToList();
        Assert.True(untranslated.Count == 0, "the same in both languages: " + string.Join(" | ", untranslated));
        var englishInSpanish = spanish.Texts.SelectMany(EnglishWords.In).Distinct().ToList();
        Assert.True(englishInSpanish.Count == 0, "English in the Spanish demo: " + string.Join(" | ", englishInSpanish));
        Assert.Contains("Clave", spanish.Texts);
        Assert.Contains("Imagen de marca", spanish.Texts);
        Assert.Contains("Key", english.Texts);
        Assert.Contains("Brand image", english.Texts);
    }

    /// <summary>A demo as <c>serve --demo</c> makes it, read back as its shape (no text) and its texts, in the same order.</summary>
    private async Task<(List<string> Shape, List<string> Texts)> DemoAsync(CultureInfo language)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        await using var db = test.Database.CreateDbContext();
        var (ws, people) = await DemoTeam.CreateAsync(test, db, Clock, language);
        await DemoActivities.EnsureAsync(db, ws, people, Clock);
        await DemoPlans.EnsureAsync(db, ws, people, Clock);
        await DemoOrders.EnsureAsync(db, ws, people, Clock);

        var role = people.ToDictionary(p => p.Value, p => p.Key.ToString());
        string Who(string? user) => user is null ? "-" : role[user];
        var shape = new List<string>();
        var texts = new List<string>();
        void Add(string row, params string?[] text)
        {
            shape.Add(row);
            texts.AddRange(text.Select(t => t ?? ""));
        }

        foreach (var t in await db.Tiers.Where(t => t.WorkspaceId == ws).OrderBy(t => t.Rank).ToListAsync())
        {
            Add($"tier {t.Rank} {t.CheckinDays} {t.OrderPriority} {t.PromisedHours}", t.Name);
        }

        foreach (var c in await db.Criteria.Where(c => c.WorkspaceId == ws).OrderBy(c => c.Position).ToListAsync())
        {
            Add($"criterion {c.Key} {c.Weight}", c.Name);
        }

        foreach (var c in await db.Customers.Where(c => c.WorkspaceId == ws).OrderBy(c => c.Id).ToListAsync())
        {
            Add($"customer {c.Key} {c.Name} {c.IsKeyAccount} {c.TierId}");
        }

        foreach (var d in await db.Designations.Where(d => d.WorkspaceId == ws).OrderBy(d => d.Id).ToListAsync())
        {
            Add($"designation {d.CustomerId} {d.IsKeyAccount}", d.Reason, d.FromTier, d.ToTier);
        }

        foreach (var r in await db.Ratings.Where(r => r.WorkspaceId == ws).OrderBy(r => r.Id).ToListAsync())
        {
            Add($"rating {r.CustomerId} {r.CriterionKey} {r.Value}", r.Note);
        }

        foreach (var m in await db.AccountTeamMembers.Where(m => m.WorkspaceId == ws).OrderBy(m => m.CustomerId).ThenBy(m => m.Department).ToListAsync())
        {
            Add($"team {m.CustomerId} {Who(m.UserId)} {m.Department} {m.IsOwner}");
        }

        foreach (var c in await db.Contacts.Where(c => c.WorkspaceId == ws).OrderBy(c => c.Id).ToListAsync())
        {
            Add($"contact {c.CustomerId} {c.Name} {c.Role} {c.IsPrimary}", c.Title, c.Notes);
        }

        foreach (var a in await db.Activities.Where(a => a.WorkspaceId == ws).OrderBy(a => a.Id).ToListAsync())
        {
            Add($"activity {a.CustomerId} {a.Type} {a.At:O} {Who(a.LoggedByUserId)} {a.Csat} {a.Nps}", a.Summary);
        }

        foreach (var t in await db.Tasks.Where(t => t.WorkspaceId == ws).OrderBy(t => t.Id).ToListAsync())
        {
            // A next step's description ("Next step of email 17") is written by ActivityLog in its author's language, not by the demo: left out here.
            var nextStep = t.Description?.StartsWith("Next step of ", StringComparison.Ordinal) == true || t.Description?.StartsWith("Siguiente paso ", StringComparison.Ordinal) == true;
            Add($"task {t.CustomerId} {Who(t.AssigneeUserId)} {t.Department} {t.DueDate:O} {t.Status} {t.ObjectiveId} {nextStep}", t.Title, nextStep ? null : t.Description);
        }

        foreach (var p in await db.AccountPlans.Where(p => p.WorkspaceId == ws).OrderBy(p => p.Id).ToListAsync())
        {
            Add($"plan {p.CustomerId} {p.Year}", p.Strengths, p.Weaknesses, p.Opportunities, p.Threats);
        }

        foreach (var o in await db.PlanObjectives.Where(o => o.WorkspaceId == ws).OrderBy(o => o.Id).ToListAsync())
        {
            Add($"objective {o.PlanId} {o.Area} {Who(o.OwnerUserId)} {o.DueOn:O} {o.Status}", o.Title, o.Measure, o.Target);
        }

        foreach (var o in await db.Orders.Where(o => o.WorkspaceId == ws).OrderBy(o => o.Id).ToListAsync())
        {
            Add($"order {o.Id} {o.CustomerId} {o.Status} {o.Approval} {o.Priority} {o.TotalCents} {o.ReceivedAt:O}", o.TierName, o.CancelReason);
        }

        foreach (var l in await db.OrderLines.Where(l => l.WorkspaceId == ws).OrderBy(l => l.OrderId).ThenBy(l => l.Line).ToListAsync())
        {
            Add($"line {l.OrderId} {l.Line} {l.ProductCode} {l.Quantity} {l.NetCents}", l.Description);
        }

        return (shape, texts);
    }
}

public sealed class SqliteDemoLanguageTests() : DemoLanguageTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresDemoLanguageTests() : DemoLanguageTests(Engine.Postgres);
