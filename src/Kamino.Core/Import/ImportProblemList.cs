namespace Kamino.Import;

/// <summary>Problems of one file: all counted, the first <see cref="SalesImporter.MaxListedProblems"/> kept.</summary>
internal sealed class ImportProblemList
{
    public int Count { get; private set; }

    public List<ImportProblem> Listed { get; } = [];

    public void Add(ImportProblem problem)
    {
        Count++;
        if (Listed.Count < SalesImporter.MaxListedProblems)
        {
            Listed.Add(problem);
        }
    }
}
