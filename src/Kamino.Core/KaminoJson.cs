using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Kamino.Analysis;

namespace Kamino;

/// <summary>
/// The JSON settings shared by the CLI (<c>--format json</c>) and the HTTP API, so both print the same bytes:
/// camelCase, enums as strings, letters of every script unescaped (HTML-sensitive characters stay escaped).
/// </summary>
public static class KaminoJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The same settings with serialization code generated at build time for the reports a short-lived command
    /// prints whole (a Pareto report lists every customer): no reflection set-up at run time.
    /// </summary>
    public static KaminoJsonContext Generated { get; } = new(new JsonSerializerOptions(Options));
}

/// <summary>Build-time JSON metadata for <see cref="KaminoJson.Generated"/>.</summary>
[JsonSerializable(typeof(ParetoReport))]
public sealed partial class KaminoJsonContext : JsonSerializerContext;
