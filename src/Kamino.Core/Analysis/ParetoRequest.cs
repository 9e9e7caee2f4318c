namespace Kamino.Analysis;

/// <summary>What to analyse: a period (null dates with <see cref="All"/> false mean the default 12 months).</summary>
public sealed record ParetoRequest(DateOnly? From = null, DateOnly? To = null, bool All = false, decimal Threshold = 0.80m);
