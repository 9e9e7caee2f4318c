namespace Kamino.Analysis;

/// <summary>Why a query has no report: the workspace or the customer does not exist.</summary>
public enum LookupStatus
{
    Found,
    NoWorkspace,
    NoCustomer,
}

/// <summary>A query's report, or why there is none.</summary>
public sealed record Lookup<T>(LookupStatus Status, T? Report)
    where T : class;
