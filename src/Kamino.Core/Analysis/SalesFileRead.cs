using Kamino.Import;

namespace Kamino.Analysis;

/// <summary>What <see cref="SalesFileAnalysis.Read"/> found: the aggregate, or the problems that reject the input.</summary>
/// <param name="ProblemCount">All problems; <paramref name="Problems"/> holds the first ones of each file.</param>
/// <param name="DialectAmbiguous">A CSV's dialect could not be told: the user must give <c>--dialect</c>.</param>
public sealed record SalesFileRead(SalesAggregate Aggregate, IReadOnlyList<ImportProblem> Problems, int ProblemCount, bool DialectAmbiguous)
{
    public bool Rejected => ProblemCount > 0;

    /// <summary>Lines converted to <see cref="ReportingCurrency"/>.</summary>
    public int ConvertedLines { get; init; }

    /// <summary>The currency lines were converted to; null when no conversion was asked for.</summary>
    public string? ReportingCurrency { get; init; }

    /// <summary>The lines state several currencies and no reporting currency was given: nothing may be summed.</summary>
    public bool MixedCurrencies => ReportingCurrency is null && Aggregate.Currencies.Count > 1;
}
