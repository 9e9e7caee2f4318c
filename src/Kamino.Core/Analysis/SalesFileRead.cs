using Kamino.Import;

namespace Kamino.Analysis;

/// <summary>What <see cref="SalesFileAnalysis.Read"/> found: the aggregate, or the problems that reject the input.</summary>
/// <param name="ProblemCount">All problems; <paramref name="Problems"/> holds the first ones of each file.</param>
/// <param name="DialectAmbiguous">A CSV's dialect could not be told: the user must give <c>--dialect</c>.</param>
public sealed record SalesFileRead(SalesAggregate Aggregate, IReadOnlyList<ImportProblem> Problems, int ProblemCount, bool DialectAmbiguous)
{
    public bool Rejected => ProblemCount > 0;
}
