using System.Text;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// The importer's per-document line numbering (files without a line-number column) and the compact
/// <see cref="HashCounts"/> table behind it: numbers stay exact across interleaved documents, past the table's
/// largest count, and when two keys hash alike.
/// </summary>
public sealed class HashCountsTests : IDisposable
{
    private const string Header = "invoice,date,customer_id,amount";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private List<(string Document, int Line)> Numbered(IEnumerable<string> documents)
    {
        var csv = new StringBuilder(Header).Append('\n');
        var cents = 100;
        foreach (var d in documents)
        {
            csv.Append(d).Append(",2024-01-01,C1,").Append(cents / 100).Append('.').Append((cents % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            cents++;
        }

        var items = new CsvSalesReader(folder.Write("sales.csv", csv.ToString())).Read().ToList();
        Assert.Empty(items.OfType<ImportProblem>());
        return [.. items.OfType<SaleRow>().OrderBy(r => r.SourceLine).Select(r => (r.DocumentNumber, r.LineNumber))];
    }

    // The numbering a user expects: each document's lines 1, 2, 3… in file order, wherever they are.
    private static List<(string Document, int Line)> Expected(List<string> documents)
    {
        var seen = new Dictionary<string, int>();
        return [.. documents.Select(d => (d, seen[d] = seen.GetValueOrDefault(d) + 1))];
    }

    [Fact]
    public void Parse_ManyInterleavedDocuments_EachNumberedInFileOrder()
    {
        // 3,000 documents of 1 to 5 lines, in rounds: every document is left and come back to.
        var documents = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 3_000; i++)
            {
                if (i % 5 >= round)
                {
                    documents.Add($"F-{i}");
                }
            }
        }

        Assert.Equal(Expected(documents), Numbered(documents));
    }

    [Fact]
    public void Parse_DocumentComingBackAfterAnother_ContinuesItsNumbering()
    {
        Assert.Equal([("A", 1), ("A", 2), ("B", 1), ("A", 3), ("B", 2)], Numbered(["A", "A", "B", "A", "B"]));
    }

    [Fact]
    public void Parse_DocumentOfMoreLinesThanTheTableCounts_NumberedPastIt()
    {
        // A is left at 4,000 lines (held in the table), then at 4,200 (above its largest count), then at 4,205.
        var documents = new List<string>();
        documents.AddRange(Enumerable.Repeat("A", 4_000));
        documents.Add("B");
        documents.AddRange(Enumerable.Repeat("A", 200));
        documents.Add("B");
        documents.AddRange(Enumerable.Repeat("A", 5));
        documents.Add("B");
        documents.Add("A");

        var numbered = Numbered(documents);

        Assert.Equal(Expected(documents), numbered);
        Assert.Equal(Enumerable.Range(1, 4_206), numbered.Where(n => n.Document == "A").Select(n => n.Line));
        Assert.Equal([1, 2, 3], numbered.Where(n => n.Document == "B").Select(n => n.Line));
        Assert.True(4_200 > HashCounts.MaxValue);
    }

    [Fact]
    public void Set_ManyKeys_EachReadBackExactly()
    {
        var table = new HashCounts();
        var random = new Random(7);
        var stored = new Dictionary<ulong, (uint Check, int Value)>();
        while (stored.Count < 200_000)
        {
            var key = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            var entry = ((uint)random.Next(), random.Next(HashCounts.MaxValue + 1));
            if (key != 0 && key != 1 && stored.TryAdd(key, entry))
            {
                Assert.True(table.Set(key, entry.Item1, entry.Item2));
            }
        }

        foreach (var (key, (check, value)) in stored)
        {
            Assert.True(table.TryGet(key, check, out var read, out var clash));
            Assert.False(clash);
            Assert.Equal(value, read);
        }

        const ulong unknown = 0x1234_5678_9abc_def1UL;
        Assert.False(stored.ContainsKey(unknown));
        Assert.False(table.TryGet(unknown, 5, out _, out var unknownClash));
        Assert.False(unknownClash);
    }

    [Fact]
    public void Set_SameKeyOtherCheck_RefusedAndBothCountsKept()
    {
        // Two documents hashed alike: the table keeps the first, refuses the second and reports the clash,
        // so the caller counts the second by its string.
        var table = new HashCounts();
        const ulong key = 0xdead_beef_0000_0042UL;
        const uint first = 0x0001_0000;
        const uint second = 0x0002_0000;

        Assert.True(table.Set(key, first, 7));
        Assert.False(table.Set(key, second, 9));

        Assert.False(table.TryGet(key, second, out var other, out var clash));
        Assert.True(clash);
        Assert.Equal(0, other);
        Assert.True(table.TryGet(key, first, out var kept, out clash));
        Assert.False(clash);
        Assert.Equal(7, kept);

        Assert.True(table.Set(key, first, 8));
        Assert.True(table.TryGet(key, first, out kept, out _));
        Assert.Equal(8, kept);
    }

    [Fact]
    public void Set_CountAboveMaxValue_RefusedAndNothingStored()
    {
        var table = new HashCounts();

        Assert.False(table.Set(42UL << 40, 3 << 12, HashCounts.MaxValue + 1));
        Assert.False(table.TryGet(42UL << 40, 3 << 12, out _, out var clash));
        Assert.False(clash);
        Assert.True(table.Set(42UL << 40, 3 << 12, HashCounts.MaxValue));
        Assert.True(table.TryGet(42UL << 40, 3 << 12, out var value, out _));
        Assert.Equal(HashCounts.MaxValue, value);
    }
}
