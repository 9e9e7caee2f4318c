using System.Globalization;
using System.Text.Json.Serialization;

namespace Kamino.Import;

/// <summary>
/// What kind of problem an <see cref="ImportProblem"/> is. The order of the members is the order in which problems
/// are listed (docs/import.md): the rows a person must fix in the file first, the file as a whole last.
/// Only <see cref="Malformed"/> and <see cref="BadValue"/> are row problems an import with <c>--keep-valid</c> may skip.
/// </summary>
public enum ImportProblemKind
{
    /// <summary>A row that cannot be split into the header's fields: too few or too many, a quote never closed, a record too long.</summary>
    Malformed,

    /// <summary>A row whose fields are there but a value is wrong: a date, a number, an empty customer, a text too long or with control characters.</summary>
    BadValue,

    /// <summary>A line whose identity was imported before (or earlier in the file) with other content.</summary>
    Conflict,

    /// <summary>A line in another currency than the workspace's.</summary>
    Currency,

    /// <summary>An e-invoice whose seller is none of the workspace's own tax ids (probably a purchase invoice).</summary>
    Seller,

    /// <summary>An e-invoice document that is incomplete or whose totals do not add up.</summary>
    Invoice,

    /// <summary>The file as a whole cannot be read: not found, unknown format, encoding, header, dialect, limits.</summary>
    File,
}

/// <summary>A reason a file cannot be imported, located at a line of it (0 = the file as a whole).</summary>
/// <param name="Why">
/// The reason as data (<see cref="ImportSentences"/>): <see cref="Reason"/> is its recorded English (what the API answers),
/// <see cref="In"/> words it for a page, a download or a command-line run.
/// </param>
/// <param name="Kind">What kind of problem it is; problems are grouped and ordered by it.</param>
/// <param name="RowText">
/// For a row problem of a CSV or workbook, the row as it was in the file (a workbook's cells joined by tabs), written
/// to the rejects file of a <c>--keep-valid</c> import; null otherwise. Never kept in the listed examples.
/// </param>
public sealed record ImportProblem(string File, int Line, [property: JsonIgnore] Said Why, [property: JsonPropertyOrder(1)] ImportProblemKind Kind, [property: JsonIgnore] string? RowText = null)
{
    /// <summary>The reason in English, as recorded (the API's <c>reason</c>).</summary>
    public string Reason => Why.ToString();

    /// <summary>A problem an import that keeps the valid rows skips (the row goes to the rejects file).</summary>
    public bool Skippable => Kind is ImportProblemKind.Malformed or ImportProblemKind.BadValue;

    /// <summary>The reason in <paramref name="c"/>'s language.</summary>
    public string ReasonIn(CultureInfo c) => Why.In(c);

    /// <summary><c>file:line: reason</c> (<c>file: reason</c> for the file as a whole), the reason in <paramref name="c"/>'s language.</summary>
    public string In(CultureInfo c) => Line > 0 ? $"{File}:{Line.ToString(CultureInfo.InvariantCulture)}: {Why.In(c)}" : $"{File}: {Why.In(c)}";

    public override string ToString() => In(CultureInfo.InvariantCulture);

    /// <summary>Two problems are equal when they say the same at the same place (the reason compared as its recorded English).</summary>
    public bool Equals(ImportProblem? other) =>
        other is not null && File == other.File && Line == other.Line && Kind == other.Kind && RowText == other.RowText && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(File, Line, Kind, RowText, Reason);
}

/// <summary>The problems of one kind in a file: how many (exact) and the first <see cref="ImportProblemList.MaxExamples"/> by line.</summary>
public sealed record ImportProblemGroup(ImportProblemKind Kind, int Count, IReadOnlyList<ImportProblem> Examples);

/// <summary>
/// Problems of one file: all counted per kind, the first <see cref="MaxExamples"/> of each kind kept (in memory
/// bounded by kinds × examples, whatever the file). Every problem is also handed to the request's
/// <see cref="ImportRequest.OnProblem"/> as it is found, for a download of all of them.
/// </summary>
internal sealed class ImportProblemList(Action<ImportProblem>? onProblem = null)
{
    /// <summary>Examples kept per kind.</summary>
    public const int MaxExamples = 100;

    private readonly int[] counts = new int[Enum.GetValues<ImportProblemKind>().Length];
    private readonly List<ImportProblem>[] examples = [.. Enum.GetValues<ImportProblemKind>().Select(_ => new List<ImportProblem>())];

    public int Count { get; private set; }

    public void Add(ImportProblem problem)
    {
        onProblem?.Invoke(problem);
        Count++;
        var k = (int)problem.Kind;
        counts[k]++;
        if (examples[k].Count < MaxExamples)
        {
            examples[k].Add(problem.RowText is null ? problem : problem with { RowText = null });
        }
    }

    /// <summary>The kinds met, in the order of <see cref="ImportProblemKind"/>, each with its examples by line.</summary>
    public List<ImportProblemGroup> Groups() => Group(counts, examples);

    /// <summary>Groups problems already collected (a preview's), all of them listed.</summary>
    public static List<ImportProblemGroup> Group(IEnumerable<ImportProblem> problems)
    {
        var list = new ImportProblemList();
        foreach (var p in problems)
        {
            list.Add(p);
        }

        return list.Groups();
    }

    /// <summary>The examples of every group, group after group: what the <c>problems</c> lists of results hold.</summary>
    public static List<ImportProblem> Flatten(IEnumerable<ImportProblemGroup> groups) => [.. groups.SelectMany(g => g.Examples)];

    private static List<ImportProblemGroup> Group(int[] counts, List<ImportProblem>[] examples) =>
        [.. Enum.GetValues<ImportProblemKind>()
            .Where(k => counts[(int)k] > 0)
            .Select(k => new ImportProblemGroup(k, counts[(int)k], [.. examples[(int)k].OrderBy(p => p.Line)]))];
}

/// <summary>
/// Something a user should know about a file that does not stop its import (e.g. a seller's tax id with a wrong check
/// digit), located like a problem: <c>file:line: reason</c>. Readers yield warnings among their rows and problems; the
/// importer counts them all and keeps the first <see cref="ImportProblemList.MaxExamples"/> in the result.
/// </summary>
/// <param name="SellerTaxId">
/// The seller a warning is about, when it is about the seller's tax id: an invoice rejected as another seller's
/// (a purchase invoice) says so instead, and this warning is then dropped.
/// </param>
public sealed record ImportWarning(string File, int Line, [property: JsonIgnore] Said Why, [property: JsonIgnore] string? SellerTaxId = null)
{
    /// <summary>The reason in English, as recorded (the API's <c>reason</c>).</summary>
    public string Reason => Why.ToString();

    /// <summary><c>file:line: reason</c> (<c>file: reason</c> for the file as a whole), the reason in <paramref name="c"/>'s language.</summary>
    public string In(CultureInfo c) => Line > 0 ? $"{File}:{Line.ToString(CultureInfo.InvariantCulture)}: {Why.In(c)}" : $"{File}: {Why.In(c)}";

    public override string ToString() => In(CultureInfo.InvariantCulture);

    /// <summary>Two warnings are equal when they say the same at the same place (the reason compared as its recorded English).</summary>
    public bool Equals(ImportWarning? other) =>
        other is not null && File == other.File && Line == other.Line && SellerTaxId == other.SellerTaxId && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(File, Line, SellerTaxId, Reason);
}
