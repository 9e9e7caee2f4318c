using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Cli;

namespace Kamino.Host.Analysis;

/// <summary>What was wrong with a parameter, so each interface can word it in its own language.</summary>
public enum ParameterProblem
{
    NotADate,
    NotANumber,
    NotABoolean,
    ThresholdOutOfRange,
    FromAfterTo,
    AllWithDates,
    NotACustomer,
}

/// <summary>A rejected parameter of the Pareto analysis: its name as the caller knows it, the problem and an English message.</summary>
public sealed record ParameterError(string Parameter, ParameterProblem Problem, string Message);

/// <summary>
/// The checks on the Pareto analysis parameters, shared by <c>kamino accounts pareto</c>, the HTTP API and the
/// dashboard so that the three accept and reject the same input. Dates are ISO <c>yyyy-mm-dd</c>, the
/// threshold a share in (0, 1], and <c>all</c> excludes explicit dates.
/// </summary>
public static class ParetoParameters
{
    /// <summary>
    /// Validates typed values. <paramref name="name"/> turns a parameter name (<c>from</c>, <c>to</c>,
    /// <c>all</c>, <c>threshold</c>) into how the caller shows it (<c>--from</c> on the command line).
    /// Returns the request, or null with at least one error added.
    /// </summary>
    public static ParetoRequest? Validate(string? from, string? to, bool all, decimal threshold, Func<string, string> name, List<ParameterError> errors)
    {
        var before = errors.Count;
        var fromDate = Date(from, "from", name, errors);
        var toDate = Date(to, "to", name, errors);

        if (threshold is <= 0m or > 1m)
        {
            errors.Add(new ParameterError("threshold", ParameterProblem.ThresholdOutOfRange,
                $"{name("threshold")}: {threshold.ToString(CultureInfo.InvariantCulture)} is not a share between 0 (excluded) and 1"));
        }

        if (fromDate is { } f && toDate is { } t && f > t)
        {
            errors.Add(new ParameterError("from", ParameterProblem.FromAfterTo,
                $"{name("from")} {f:yyyy-MM-dd} is after {name("to")} {t:yyyy-MM-dd}"));
        }

        if (all && (from is not null || to is not null))
        {
            errors.Add(new ParameterError("all", ParameterProblem.AllWithDates,
                $"{name("all")} cannot be combined with {name("from")} or {name("to")}"));
        }

        return errors.Count > before ? null : new ParetoRequest(fromDate, toDate, all, threshold);
    }

    /// <summary>
    /// Validates query-string values (the API and the dashboard): empty values count as absent, <c>all</c> is
    /// <c>true</c>/<c>false</c>/<c>1</c>/<c>0</c>, the threshold an invariant-culture decimal (default 0.80).
    /// </summary>
    public static ParetoRequest? Parse(string? from, string? to, string? all, string? threshold, List<ParameterError> errors)
    {
        var before = errors.Count;
        static string Same(string parameter) => parameter;
        from = string.IsNullOrWhiteSpace(from) ? null : from.Trim();
        to = string.IsNullOrWhiteSpace(to) ? null : to.Trim();

        var allValue = false;
        if (!string.IsNullOrWhiteSpace(all) && !TryBoolean(all.Trim(), out allValue))
        {
            errors.Add(new ParameterError("all", ParameterProblem.NotABoolean, $"all: '{all}' is not true or false"));
        }

        var thresholdValue = 0.80m;
        if (!string.IsNullOrWhiteSpace(threshold)
            && !decimal.TryParse(threshold.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out thresholdValue))
        {
            errors.Add(new ParameterError("threshold", ParameterProblem.NotANumber, $"threshold: '{threshold}' is not a number"));
            thresholdValue = 0.80m;
        }

        var request = Validate(from, to, allValue, thresholdValue, Same, errors);
        return errors.Count > before ? null : request;
    }

    /// <summary>The errors grouped by parameter, as <c>TypedResults.ValidationProblem</c> takes them.</summary>
    public static Dictionary<string, string[]> ToDictionary(IEnumerable<ParameterError> errors) =>
        errors.GroupBy(e => e.Parameter).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    private static DateOnly? Date(string? raw, string parameter, Func<string, string> name, List<ParameterError> errors)
    {
        if (CliFormat.TryDate(raw, name(parameter), out var value, out _))
        {
            return value;
        }

        errors.Add(new ParameterError(parameter, ParameterProblem.NotADate, CliFormat.NotADate(name(parameter), raw!)));
        return null;
    }

    private static bool TryBoolean(string raw, out bool value)
    {
        switch (raw.ToUpperInvariant())
        {
            case "TRUE" or "1" or "ON":
                value = true;
                return true;
            case "FALSE" or "0" or "OFF":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
