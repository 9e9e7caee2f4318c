using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Kamino.Host.Cli;

/// <summary>How every read command prints its result in the <see cref="OutputFormat"/> the user asked for, on <see cref="KaminoCli.Out"/>.</summary>
internal static class CliOutput
{
    /// <summary>
    /// Prints <paramref name="value"/>: JSON is the value itself (camelCase, <see cref="KaminoJson.Options"/> unless
    /// <paramref name="json"/> is given), CSV and the table are written by the command.
    /// </summary>
    public static void Print<T>(OutputFormat format, T value, Action<TextWriter> csv, Action<IAnsiConsole> table, JsonTypeInfo<T>? json = null)
    {
        var console = KaminoCli.Out;
        switch (format)
        {
            case OutputFormat.Json:
                console.Profile.Out.Writer.WriteLine(json is null ? JsonSerializer.Serialize(value, KaminoJson.Options) : JsonSerializer.Serialize(value, json));
                break;
            case OutputFormat.Csv:
                csv(console.Profile.Out.Writer);
                break;
            case OutputFormat.Table:
                table(console);
                break;
        }
    }

    /// <summary>Writes rows as a table, CSV (formula-looking cells neutralised) or JSON (the rows themselves, camelCase).</summary>
    public static void Print<T>(OutputFormat format, IReadOnlyList<T> rows, params CliColumn<T>[] columns) =>
        Print(format, rows, w => WriteCsv(w, rows, columns), console => WriteTable(console, rows, columns));

    /// <summary>A header of the column names, then one line per row, each cell a <see cref="CliFormat.CsvField"/>.</summary>
    public static void WriteCsv<T>(TextWriter w, IEnumerable<T> rows, CliColumn<T>[] columns)
    {
        w.WriteLine(string.Join(',', columns.Select(c => c.Name)));
        foreach (var row in rows)
        {
            w.WriteLine(string.Join(',', columns.Select(c => CliFormat.CsvField(c.Cell(row)))));
        }
    }

    /// <summary>A rounded table of the rows, cells as plain text.</summary>
    public static void WriteTable<T>(IAnsiConsole console, IEnumerable<T> rows, CliColumn<T>[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in columns)
        {
            table.AddColumn(c.Header);
        }

        foreach (var row in rows)
        {
            table.AddRow(columns.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c.Cell(row) ?? "")).ToArray());
        }

        console.Write(table);
    }
}
