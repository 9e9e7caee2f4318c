using System.Text.RegularExpressions;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Security;

/// <summary>One API operation to call: method, path with parameters filled in, and a JSON body when it takes one.</summary>
public sealed record ApiCall(string Method, string Template, string Path, string? Body, Permission? Permission)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path.TrimStart('/'));
        if (Body is not null)
        {
            request.Content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// The workspace API as it exists when the tests run: from the OpenAPI document the app serves and from its
/// route table (<see cref="EndpointDataSource"/>), so endpoints added later are covered without editing tests.
/// </summary>
public static partial class ApiEndpoints
{
    public const string WorkspacePrefix = "/api/workspaces/{workspace}";

    /// <summary>Every operation under <see cref="WorkspacePrefix"/> in <c>/openapi/v1.json</c>, for <paramref name="workspace"/>.</summary>
    public static async Task<IReadOnlyList<ApiCall>> FromOpenApiAsync(HttpClient client, string workspace)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json"));
        var root = document.RootElement;
        var calls = new List<ApiCall>();
        foreach (var path in root.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith(WorkspacePrefix, StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete" or "head"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var filled = ParameterPattern().Replace(path.Name, m =>
                {
                    var name = m.Groups[1].Value;
                    if (name == "workspace")
                    {
                        return workspace;
                    }

                    var schema = parameters.FirstOrDefault(x => x.GetProperty("name").GetString() == name && x.GetProperty("in").GetString() == "path");
                    return SampleScalar(root, schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("schema", out var s) ? s : default);
                });
                string? body = null;
                if (operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var bodySchema))
                {
                    body = JsonSerializer.Serialize(SampleValue(root, bodySchema, depth: 0));
                }

                calls.Add(new ApiCall(operation.Name.ToUpperInvariant(), path.Name, filled, body, null));
            }
        }

        return calls;
    }

    /// <summary>Every route endpoint of the app (test-only endpoints left out).</summary>
    public static IReadOnlyList<RouteEndpoint> RouteTable(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<TestOnly>() is null)
            .ToList();

    /// <summary>Workspace API endpoints with their required permission, as calls for <paramref name="workspace"/>.</summary>
    public static IReadOnlyList<ApiCall> WithPermissions(IServiceProvider services, string workspace) =>
        RouteTable(services)
            .Where(e => e.Metadata.GetMetadata<RequiredPermission>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
                new ApiCall(method, "/" + e.RoutePattern.RawText!.TrimStart('/'), Fill(e.RoutePattern, workspace), null, e.Metadata.GetMetadata<RequiredPermission>()!.Permission)))
            .ToList();

    private static string Fill(RoutePattern pattern, string workspace) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "workspace" } => workspace,
            RoutePatternParameterPart parameter => SampleFor(parameter),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static string SampleFor(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => p.Content is "guid") ? Guid.Empty.ToString()
        : parameter.ParameterPolicies.Any(p => p.Content is "datetime") ? "2025-01-01"
        : parameter.ParameterPolicies.Any(p => p.Content is "bool") ? "false"
        : "1";

    private static string SampleScalar(JsonElement root, JsonElement schema) =>
        SampleValue(root, schema, 0) switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            null => "1",
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "1",
        };

    /// <summary>A plausible value for a JSON schema: required properties, first enum value, typed formats.</summary>
    private static object? SampleValue(JsonElement root, JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > 6)
        {
            return null;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return SampleValue(root, root.GetProperty("components").GetProperty("schemas").GetProperty(name), depth + 1);
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return values[0].ValueKind == JsonValueKind.String ? values[0].GetString() : values[0].GetRawText();
        }

        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).First(x => x != "null") : t.GetString()
            : "object";
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return type switch
        {
            "integer" => 1,
            "number" => 1,
            "boolean" => false,
            "array" => Array.Empty<object>(),
            "string" => format switch
            {
                "date" => "2025-01-01",
                "date-time" => "2025-01-01T00:00:00Z",
                "uuid" => Guid.Empty.ToString(),
                "email" => "someone@example.test",
                _ => "x",
            },
            _ => SampleObject(root, schema, depth),
        };
    }

    private static Dictionary<string, object?> SampleObject(JsonElement root, JsonElement schema, int depth)
    {
        var result = new Dictionary<string, object?>();
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return result;
        }

        foreach (var property in properties.EnumerateObject())
        {
            result[property.Name] = SampleValue(root, property.Value, depth + 1);
        }

        return result;
    }

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
