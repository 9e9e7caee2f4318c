using Kamino.Analysis;
using Kamino.Host.Cli;

namespace Kamino.Host.Analysis;

/// <summary>
/// The checks on the comparison's parameters, shared by <c>kamino accounts compare</c> and the HTTP API: ISO
/// dates, and each period's start not after its end. The <c>name</c> function of <see cref="Validate"/> turns
/// <c>from</c>, <c>to</c>, <c>vs-from</c>, <c>vs-to</c> into how the caller shows them.
/// </summary>
public static class CompareParameters
{
    public static CompareRequest? Validate(string? from, string? to, string? vsFrom, string? vsTo, Func<string, string> name, List<ParameterError> errors)
    {
        var before = errors.Count;
        var f = Date(from, "from", name, errors);
        var t = Date(to, "to", name, errors);
        var vf = Date(vsFrom, "vs-from", name, errors);
        var vt = Date(vsTo, "vs-to", name, errors);
        if (f is { } a && t is { } b && a > b)
        {
            errors.Add(new ParameterError("from", ParameterProblem.FromAfterTo, $"{name("from")} {a:yyyy-MM-dd} is after {name("to")} {b:yyyy-MM-dd}"));
        }

        if (vf is { } c && vt is { } d && c > d)
        {
            errors.Add(new ParameterError("vs-from", ParameterProblem.FromAfterTo, $"{name("vs-from")} {c:yyyy-MM-dd} is after {name("vs-to")} {d:yyyy-MM-dd}"));
        }

        return errors.Count > before ? null : new CompareRequest(f, t, vf, vt);
    }

    private static DateOnly? Date(string? raw, string parameter, Func<string, string> name, List<ParameterError> errors)
    {
        raw = string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
        if (CliFormat.TryDate(raw, name(parameter), out var value, out _))
        {
            return value;
        }

        errors.Add(new ParameterError(parameter, ParameterProblem.NotADate, CliFormat.NotADate(name(parameter), raw!)));
        return null;
    }
}
