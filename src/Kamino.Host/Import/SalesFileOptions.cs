using System.CommandLine;
using Kamino.Host.Cli;
using Kamino.Import;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Import;

/// <summary>
/// How sales files are read, as <c>kamino import</c> and <c>kamino analyze</c> both take it: <c>--sheet</c>,
/// <c>--map</c>, <c>--dialect</c> and <c>--encoding</c> (one set per command), with one parse of <c>--map</c> (the API's
/// <c>map</c> too).
/// </summary>
internal sealed class SalesFileOptions
{
    public Option<string[]> Map { get; } = new Option<string[]>("--map")
    {
        AllowMultipleArgumentsPerToken = false,
    }.Help("Help_SalesFile_Map");

    public Option<string> Dialect { get; } = CreateDialect();

    public Option<string?> Sheet { get; } = new Option<string?>("--sheet").Help("Help_SalesFile_Sheet");

    public Option<string?> Encoding { get; } = CreateEncoding();

    /// <summary>Adds the four options to <paramref name="command"/>, after those it already has.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Sheet);
        command.Options.Add(Map);
        command.Options.Add(Dialect);
        command.Options.Add(Encoding);
    }

    /// <summary>The CSV read options the command line asks for; false with the message when <c>--map</c> is malformed.</summary>
    public bool TryRead(ParseResult parse, out CsvReadOptions csv, out string? error)
    {
        csv = new CsvReadOptions();
        if (!TryParseMap(parse.GetValue(Map) ?? [], out var map, out error, (entry, fields) => Say("Import_BadMap", entry, fields)))
        {
            return false;
        }

        CsvDialect? dialect = CsvDialects.TryParseName(parse.GetValue(Dialect), out var d) ? d : null;
        csv = new CsvReadOptions(map, dialect, parse.GetValue(Encoding));
        return true;
    }

    /// <summary>Parses <c>FIELD=COLUMN</c> entries; false with the message (in English: the API's) naming the entry and the fields.</summary>
    public static bool TryParseMap(string[] entries, out Dictionary<SaleField, string> map, out string? error) =>
        TryParseMap(entries, out map, out error, (entry, fields) => $"--map '{entry}': expected FIELD=COLUMN with FIELD one of {fields}");

    /// <param name="problem">The message for a malformed entry, given the entry and the field names.</param>
    private static bool TryParseMap(string[] entries, out Dictionary<SaleField, string> map, out string? error, Func<string, string, string> problem)
    {
        map = [];
        error = null;
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == entry.Length - 1 || !Enum.TryParse<SaleField>(entry[..eq], ignoreCase: true, out var field) || !Enum.IsDefined(field))
            {
                error = problem(entry, string.Join(", ", Enum.GetNames<SaleField>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])));
                return false;
            }

            map[field] = entry[(eq + 1)..];
        }

        return true;
    }

    private static Option<string> CreateDialect()
    {
        var option = new Option<string>("--dialect")
        {
            DefaultValueFactory = _ => "auto",
        }.Help("Help_SalesFile_Dialect");
        option.AcceptOnlyFromAmong("auto", "en", "es");
        return option;
    }

    private static Option<string?> CreateEncoding()
    {
        var option = new Option<string?>("--encoding").Help("Help_SalesFile_Encoding");
        option.AcceptOnlyFromAmong([.. CsvEncodings.Names]);
        return option;
    }
}
