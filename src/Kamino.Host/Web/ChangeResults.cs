using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Web;

/// <summary>Turns a library <see cref="ChangeResult"/> into the HTTP answer of every write endpoint.</summary>
public static class ChangeResults
{
    public static Results<NoContent, ProblemHttpResult> ToHttp(this ChangeResult result) => result.Outcome switch
    {
        ChangeOutcome.Done => TypedResults.NoContent(),
        ChangeOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: result.Problem),
        ChangeOutcome.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: result.Problem),
        ChangeOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Problem),
    };

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
