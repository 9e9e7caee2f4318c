using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

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
}
