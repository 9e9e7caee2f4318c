namespace Kamino.Analysis;

/// <summary>
/// The periods of <c>accounts compare</c>: the current one (null dates: the default 12 months ending on the
/// latest sale, as <see cref="ParetoQuery.ResolvePeriodAsync"/>) and the previous one (null dates:
/// <see cref="Comparison.PreviousOf"/> the current one; one bound alone gives a 12-month period from or to it).
/// </summary>
public sealed record CompareRequest(DateOnly? From = null, DateOnly? To = null, DateOnly? VsFrom = null, DateOnly? VsTo = null);
