using System.Globalization;
using System.Text;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// A workspace's first import (on PostgreSQL a direct COPY into sale_line until an identity may repeat, then
/// the stage path): duplicates inside the file are skipped, conflicts reject it, early or late in the file.
/// Run on SQLite and PostgreSQL by the sealed subclasses at the end of the file.
/// </summary>
public abstract class FirstImportTests(Engine engine) : DatabaseTests(engine)
{
    private const string Workspace = "acme";
    private const string Header = "invoice,line,date,customer_id,customer_name,amount";

    private sealed record Line(string Document, int Number, long Cents);

    private static string Csv(IEnumerable<Line> lines)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var l in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{l.Document},{l.Number},2024-01-01,C{l.Cents % 7},Customer,{l.Cents / 100}.{l.Cents % 100:00}\n");
        }

        return csv.ToString();
    }

    private Task<ImportResult> ImportAsync(string name, IEnumerable<Line> lines) =>
        new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, Folder.Write(name, Csv(lines))));

    private async Task<List<Line>> StoredAsync()
    {
        await using var db = Db();
        var rows = await db.SaleLines.Select(s => new { s.DocumentNumber, s.LineNumber, s.NetCents }).ToListAsync();
        return [.. rows.Select(r => new Line(r.DocumentNumber, r.LineNumber, r.NetCents)).OrderBy(r => r.Document, StringComparer.Ordinal).ThenBy(r => r.Number)];
    }

    private static List<Line> Distinct(IEnumerable<Line> lines) =>
        [.. lines.DistinctBy(l => (l.Document, l.Number)).OrderBy(r => r.Document, StringComparer.Ordinal).ThenBy(r => r.Number)];

    private static List<Line> Many(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new Line($"F-{i:00000}", (i % 3) + 1, 100 + i))];

    [Fact]
    public async Task ImportAsync_IdenticalLineRepeated_SkippedAndTheRestStoredOnce()
    {
        List<Line> lines = [new("F-1", 1, 1_000), new("F-1", 2, 500), new("F-1", 1, 1_000), new("F-2", 1, 2_000)];

        var result = await ImportAsync("a.csv", lines);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(4, result.LinesRead);
        Assert.Equal(3, result.LinesAdded);
        Assert.Equal(1, result.LinesSkipped);
        Assert.Equal(Distinct(lines), await StoredAsync());
    }

    [Fact]
    public async Task ImportAsync_SameIdentityOtherContent_RejectedWithTheConflictsLine()
    {
        var before = await Test.CountAsync();
        List<Line> lines = [new("F-1", 1, 1_000), new("F-2", 1, 500), new("F-1", 1, 1_100), new("F-3", 1, 2_000)];

        var result = await ImportAsync("a.csv", lines);

        Assert.False(result.Imported);
        var conflict = Assert.Single(result.Problems);
        Assert.Equal(4, conflict.Line); // header is line 1
        Assert.Contains("F-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Test.CountAsync());
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task ImportAsync_DuplicatesLateInTheFile_SkippedAndEveryOtherLineStored()
    {
        // Thousands of distinct lines, then a repeat of an early one, new lines, and a repeat among those.
        var lines = Many(0, 6_000);
        lines.Add(lines[7]);
        lines.AddRange(Many(6_000, 20));
        lines.Add(lines[6_005]);
        lines.AddRange(Many(6_020, 5));

        var result = await ImportAsync("a.csv", lines);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(lines.Count, result.LinesRead);
        Assert.Equal(6_025, result.LinesAdded);
        Assert.Equal(2, result.LinesSkipped);
        Assert.Equal(Distinct(lines), await StoredAsync());
        Assert.Equal(Distinct(lines).Sum(l => l.Cents), (await Test.CountAsync()).NetCents);
    }

    [Fact]
    public async Task ImportAsync_ConflictLateInTheFile_RejectedAndNothingStored()
    {
        var before = await Test.CountAsync();
        var lines = Many(0, 6_000);
        lines.Add(lines[4_000] with { Cents = lines[4_000].Cents + 1 });
        lines.AddRange(Many(6_000, 10));

        var result = await ImportAsync("a.csv", lines);

        Assert.False(result.Imported);
        var conflict = Assert.Single(result.Problems);
        Assert.Equal(6_002, conflict.Line);
        Assert.Contains(lines[4_000].Document, conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Test.CountAsync());
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task ImportAsync_SecondImportOverlappingTheFirst_AddsOnlyTheNewLines()
    {
        var first = Many(0, 3_000);
        var firstResult = await ImportAsync("a.csv", first);
        Assert.True(firstResult.Imported, string.Join('\n', firstResult.Problems));
        Assert.Equal(3_000, firstResult.LinesAdded);

        // The last 1,000 lines of the first file, 500 new ones, and one of them twice.
        var second = Many(2_000, 1_500);
        second.Add(second[1_200]);

        var result = await ImportAsync("b.csv", second);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(500, result.LinesAdded);
        Assert.Equal(1_001, result.LinesSkipped);
        Assert.Equal(Distinct(first.Concat(second)), await StoredAsync());
        Assert.Equal(2, (await Test.CountAsync()).Imports);
    }
}

public sealed class SqliteFirstImportTests() : FirstImportTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresFirstImportTests() : FirstImportTests(Engine.Postgres);
