using System.ComponentModel;
using Kamino.Analysis;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Analysis;

/// <summary>HTTP API of the analyses: <c>/api/workspaces/{workspace}/analysis/…</c>.</summary>
public static class AnalysisApi
{
    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/analysis").WithTags("Analysis");
        group.MapGet("/pareto", GetParetoAsync)
            .WithName("GetPareto")
            .WithSummary("Pareto analysis: the customers that make 80% of revenue, ABC classes and concentration")
            .WithDescription("The same report as `kamino accounts pareto --format json`. Default period: the 12 months up to the latest sale.")
            .RequirePermission(Permission.View);
        return app;
    }

    // Query values are taken as text so that a malformed one is a validation problem, not a binding failure.
    internal static async Task<Results<Ok<ParetoReport>, ProblemHttpResult, ValidationProblem>> GetParetoAsync(
        [Description("Workspace slug")] string workspace,
        [Description("First sale date of the period, yyyy-mm-dd (inclusive)")] string? from,
        [Description("Last sale date of the period, yyyy-mm-dd (inclusive)")] string? to,
        [Description("true to analyse all sales, whatever their date; not with from or to")] string? all,
        [Description("Revenue share the Pareto set reaches, a decimal in (0, 1]; default 0.80")] string? threshold,
        CurrentMember member,
        KaminoDb db,
        CancellationToken ct)
    {
        var errors = new List<ParameterError>();
        var request = ParetoParameters.Parse(from, to, all, threshold, errors);
        if (request is null)
        {
            return TypedResults.ValidationProblem(ParetoParameters.ToDictionary(errors), title: "The analysis parameters are not valid.");
        }

        var report = await ParetoQuery.RunAsync(db, member.Slug, request, ct);
        if (report is null)
        {
            // A problem result rather than NotFound<ProblemDetails>, which would be sent as application/json
            // instead of application/problem+json (RFC 9457).
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Workspace not found",
                detail: $"There is no workspace '{workspace}'.");
        }

        return TypedResults.Ok(report);
    }
}
