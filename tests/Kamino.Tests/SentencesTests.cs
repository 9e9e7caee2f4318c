using System.Globalization;
using System.Text.RegularExpressions;

namespace Kamino.Tests;

/// <summary>Every sentence Core says (audit entries, refusals, problems) worded from its key and values in English and Spanish, without a database.</summary>
public sealed partial class SentencesTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-ES");

    /// <summary>Sentences that read the same in both languages (a figure's name and value, an arrow between two words).</summary>
    private static readonly HashSet<string> SameInBoth = ["activity.csat", "order.discount-status", "order.reason", "member.supervisor", "import.xml-at"];

    public static TheoryData<string> Keys() => [.. Sentences.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A recorded value of each kind, numbered so a test can find it in the sentence.</summary>
    private static object?[] Sample(string key)
    {
        var values = new List<object?>();
        var kinds = Sentences.KindsOf(key)!;
        for (var i = 0; i < kinds.Length; i++)
        {
            switch (kinds[i])
            {
                case 'p': values.Add($"p{i}@a.test"); break;
                case 'd': values.Add(new DateOnly(2026, 3, 6)); break;
                case 'm': values.Add(new DateTimeOffset(2026, 3, 6, 14, 30, 0, TimeSpan.Zero)); break;
                case 'n': values.Add(1234.5m); break;
                case 'a': values.Add("1234.50"); break;
                case 'c': values.Add(-0.25m); break;
                case 'w': values.Add("Sales"); break;
                case 'l': values.Add("title, owner"); break;
                case 's': values.Add($"english{i}"); values.Add($"spanish{i}"); break;
                default: values.Add($"text{i}"); break;
            }
        }

        return [.. values];
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EveryKey_IsWordedInBothLanguages_EveryValueFilledIn(string key)
    {
        var said = Said.Of(key, Sample(key));
        var en = said.In(En);
        var es = said.In(Es);
        var kinds = Sentences.KindsOf(key)!;

        foreach (var text in new[] { en, es })
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.DoesNotMatch(Placeholder(), text);
            for (var i = 0; i < kinds.Length; i++)
            {
                if (kinds[i] == 't')
                {
                    Assert.Contains($"text{i}", text, StringComparison.Ordinal);
                }
                else if (kinds[i] == 'p')
                {
                    Assert.Contains($"p{i}@a.test", text, StringComparison.Ordinal);
                }
            }
        }

        if (kinds.Contains('s', StringComparison.Ordinal))
        {
            Assert.Contains("english", en, StringComparison.Ordinal);
            Assert.DoesNotContain("english", es, StringComparison.Ordinal);
            Assert.Contains("spanish", es, StringComparison.Ordinal);
        }

        Assert.True(SameInBoth.Contains(key) || en != es, $"{key} reads the same in Spanish: {es}");
    }

    [Fact]
    public void AnUnknownKeyOrAWrongNumberOfValues_IsRefusedWhenSaid()
    {
        Assert.Throws<ArgumentException>(() => Said.Of("no.such-sentence"));
        Assert.Throws<ArgumentException>(() => Said.Of("task.done"));
        Assert.Throws<ArgumentException>(() => Said.Of("task.done", "a", "b"));
    }

    [Fact]
    public void SentencesSaidTogether_AreWordedEachInTheLanguage_TheRecordedEnglishIsTheText()
    {
        var both = Said.Together([Said.Of("task.done", "Call Ana"), Said.Of("task.due", new DateOnly(2026, 3, 6), new DateOnly(2026, 4, 20))]);

        Assert.Equal("Hecha: «Call Ana» vence: 6/3/2026 → 20/4/2026", both.In(Es));
        Assert.Equal("Done: \"Call Ana\" due: 2026-03-06 → 2026-04-20", both.ToString());
        Assert.Equal("as given", Said.Text("as given").In(Es));
    }

    [Fact]
    public void AChange_IsASignedPercentageAsTheLanguageWritesIt()
    {
        var fall = Said.Of("health.revenue-year-before", -0.4m);

        Assert.Equal("last 90 days -40% against the same 90 days a year before", fall.ToString());
        Assert.Equal("últimos 90 días: -40 % frente a los mismos 90 días del año anterior", fall.In(Es));
        Assert.Equal("last 90 days +12.5% against the previous 90 days", Said.Of("health.revenue-previous", 0.125m).In(En));
    }

    [Fact]
    public void Words_AreOneSetForEveryone_UnknownWordsStayAsGiven()
    {
        Assert.Equal("KAM responsable", Sentences.Word("LeadKam", Es));
        Assert.Equal("Lead KAM", Sentences.Word("LeadKam", En));
        Assert.Equal("Zzz", Sentences.Word("Zzz", Es));
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
