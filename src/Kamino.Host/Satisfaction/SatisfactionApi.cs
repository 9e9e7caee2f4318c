using System.ComponentModel;
using Kamino.Data;
using Kamino.Host.Analysis;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.Satisfaction;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Satisfaction;

/// <summary>Satisfaction figures over HTTP: <c>GET …/satisfaction</c>.</summary>
public static class SatisfactionApi
{
    public static IEndpointRouteBuilder MapSatisfactionApi(this IEndpointRouteBuilder app)
    {
        app.MapWorkspaceApi("/satisfaction").WithTags("Satisfaction")
            .MapGet("/", GetAsync)
            .WithSummary("NPS (% promoters − % detractors, with the three counts) and average CSAT of the check-ins in a period")
            .WithDescription("The same report as `kamino satisfaction --format json`. Default period: the 12 months up to today; only `to`: the 12 months ending on it; only `from`: from it to today.")
            .RequirePermission(Permission.View);
        return app;
    }

    private static async Task<Results<Ok<SatisfactionReport>, ValidationProblem>> GetAsync(
        [Description("First day of the period, yyyy-mm-dd (inclusive)")] string? from,
        [Description("Last day of the period, yyyy-mm-dd (inclusive)")] string? to,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<ParameterError>();
        if (ParetoParameters.Parse(from, to, null, null, errors) is not { } request)
        {
            return TypedResults.ValidationProblem(ParetoParameters.ToDictionary(errors), title: "The period parameters are not valid.");
        }

        var today = m.Today(clock);
        return TypedResults.Ok(await SatisfactionFigures.WorkspaceAsync(db, m.WorkspaceId, SatisfactionFigures.Period(request.From, request.To, today), ct));
    }
}
