using Kamino.Analysis;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.Analysis;

/// <summary>
/// A workspace page over a period of sales, set by the query string (<c>from</c>, <c>to</c>, <c>all</c>) and checked
/// by <see cref="ParetoParameters"/> as the API and the CLI check it.
/// </summary>
public abstract class PeriodPage : WorkspacePage
{
    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "all")]
    public string? All { get; set; }

    /// <summary>What was wrong with the query's parameters; empty when nothing was.</summary>
    protected List<ParameterError> Errors { get; } = [];

    /// <summary>The period asked for, or the default one when the query's was wrong.</summary>
    protected ParetoRequest Request { get; private set; } = new();

    protected bool IsDefaultPeriod => !Request.All && Request.From is null && Request.To is null;

    /// <summary>Reads <see cref="Request"/> from the query (and <paramref name="threshold"/>, where the page has one).</summary>
    protected void ReadPeriod(string? threshold = null)
    {
        Errors.Clear();
        var parsed = ParetoParameters.Parse(From, To, All, threshold, Errors);
        if (parsed is null)
        {
            // Say what was wrong, and show the default period rather than nothing.
            Refuse(StatusCodes.Status400BadRequest, L["InvalidParameters"]);
        }

        Request = parsed ?? new ParetoRequest();
    }

    /// <summary>One of <see cref="Errors"/>, fit to show, with the value given.</summary>
    protected string Describe(ParameterError e) => L["Problem_" + e.Problem, e.Parameter, RawParameter(e.Parameter) ?? ""];

    /// <summary>The value the query gave the parameter <paramref name="name"/>.</summary>
    protected virtual string? RawParameter(string name) => name switch
    {
        "from" => From,
        "to" => To,
        "all" => All,
        _ => null,
    };

    /// <summary>
    /// <paramref name="path"/> over the default period, or over all dates, keeping the <paramref name="kept"/>
    /// query values that are not empty.
    /// </summary>
    protected static string PeriodLink(string path, bool all, params (string Name, string? Value)[] kept)
    {
        var query = new List<string>();
        if (all)
        {
            query.Add("all=true");
        }

        foreach (var (name, value) in kept)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        return path + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }
}
