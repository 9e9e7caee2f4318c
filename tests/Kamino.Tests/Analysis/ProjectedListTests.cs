using System.Globalization;
using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

public class ProjectedListTests
{
    [Fact]
    public void First_ProjectsOnlyTheItemsRead()
    {
        var projected = 0;
        var all = new ProjectedList<int, string>(Enumerable.Range(1, 50_000).ToList(), i => { projected++; return "C" + i.ToString(CultureInfo.InvariantCulture); });

        var first = ProjectedList.First(all, 3);

        Assert.Equal(0, projected);
        Assert.Equal(["C1", "C2", "C3"], first);
        Assert.Equal(3, projected);
        Assert.Equal(50_000, all.Count);
        Assert.Equal("C50000", all[^1]);
    }

    [Theory]
    [InlineData(null, 4)]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    [InlineData(4, 4)]
    [InlineData(100, 4)]
    public void First_CutsAnyList_NullMeansAll(int? n, int count)
    {
        IReadOnlyList<string> plain = ["a", "b", "c", "d"];
        var lazy = new ProjectedList<string, string>(plain, s => s.ToUpperInvariant());

        Assert.Equal(plain.Take(count), ProjectedList.First(plain, n));
        Assert.Equal(plain.Take(count).Select(s => s.ToUpperInvariant()), ProjectedList.First(lazy, n));
        Assert.Equal(count, ProjectedList.First(lazy, n).Count);
    }

    [Fact]
    public void Indexer_OutsideTheWindow_Throws()
    {
        var window = ProjectedList.First(new ProjectedList<int, int>([1, 2, 3], i => i * 10), 2);

        Assert.Equal(20, window[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => window[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => window[-1]);
    }
}
