using System.Text;
using Kamino.Currencies;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Currencies;

/// <summary>
/// The workspace's exchange-rate table over HTTP: <c>GET /api/workspaces/{workspace}/rates[?currency=USD&amp;limit=50]</c>
/// (any member) and <c>POST /api/workspaces/{workspace}/rates</c> with the rates CSV as the body (a Director, as the
/// other settings).
/// </summary>
public static class RatesApi
{
    public static IEndpointRouteBuilder MapRatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/rates").WithTags("Exchange rates");
        group.MapGet("/", ListAsync)
            .WithSummary("The exchange-rate table: the reporting currency, each currency's dates and latest rate, and the latest rates (of ?currency= when given, at most ?limit=, 500)")
            .RequirePermission(Permission.View);
        group.MapPost("/", ImportAsync)
            .WithSummary("Import exchange rates; the body is the CSV (text/csv): date,currency,rate in units per 1 unit of the reporting currency, or the ECB's reference-rate CSV (Date,USD,JPY,… per 1 EUR). All or nothing; audited")
            .RequirePermission(Permission.ManageSettings);
        return app;
    }

    private static async Task<Results<Ok<RatesDto>, ValidationProblem>> ListAsync(CurrentMember m, KaminoDb db, string? currency, int? limit, CancellationToken ct)
    {
        if (limit is < 0 or > ExchangeRates.MaxListed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit is 0 to {ExchangeRates.MaxListed}"] });
        }

        return TypedResults.Ok((await ExchangeRates.ListAsync(db, m.WorkspaceId, currency?.Trim().ToUpperInvariant(), limit ?? 50, ct))!);
    }

    private static async Task<Results<Ok<RatesImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(HttpRequest request, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var text = await ReadBodyAsync(request, ct);
        if (text is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"A rates file is at most {RatesCsv.MaxBytes / 1024 / 1024} MB.");
        }

        var result = (await ExchangeRates.ImportAsync(db, m.WorkspaceId, text, m.UserId, clock, ct))!;
        return result.Stored
            ? TypedResults.Ok(result)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. result.Problems] }, title: "The rates file is refused; no rate was stored.");
    }

    /// <summary>The body as text, or null when it is over <see cref="RatesCsv.MaxBytes"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > RatesCsv.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
