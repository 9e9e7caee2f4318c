using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.CommandLine;
using Kamino.Exports;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

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
            case OutputFormat.Xlsx:
                throw new InvalidOperationException("An xlsx list is written by its command with WriteXlsxAsync; CliFormat refuses xlsx elsewhere.");
        }
    }

    /// <summary>Writes <paramref name="table"/> as an Excel workbook to <c>--output</c>, headers in the run's language, and says so.</summary>
    public static async Task WriteXlsxAsync(ParseResult parse, ExportTable table, CancellationToken ct)
    {
        var file = parse.GetValue(CliFormat.Output) ?? throw new InvalidOperationException("--format xlsx without --output passed validation.");
        await File.WriteAllBytesAsync(file.FullName, XlsxExport.Bytes(ExportWords.For(table, CultureInfo.CurrentUICulture)), ct);
        KaminoCli.Out.Profile.Out.Writer.WriteLine(Say("Output_XlsxWritten", table.Rows.Count, ListName(table.Name), file.FullName));
    }

    /// <summary>The list an <see cref="ExportTable"/> holds, in the run's language (its own name when it is no known list).</summary>
    private static string ListName(string table) => table switch
    {
        "customers" => Say("Output_List_Customers"),
        "key-accounts" => Say("Output_List_KeyAccounts"),
        "tasks" => Say("Output_List_Tasks"),
        "activities" => Say("Output_List_Activities"),
        "orders" => Say("Output_List_Orders"),
        _ => table,
    };

    /// <summary>Writes rows as a table, CSV (formula-looking cells neutralised) or JSON (the rows themselves, camelCase).</summary>
    public static void Print<T>(OutputFormat format, IReadOnlyList<T> rows, params CliColumn<T>[] columns) =>
        Print(format, rows, w => WriteCsv(w, rows, columns), console => WriteTable(console, rows, columns));

    /// <summary>A header of the column names, then one line per row, each cell a <see cref="CliFormat.CsvField"/>.</summary>
    public static void WriteCsv<T>(TextWriter w, IEnumerable<T> rows, CliColumn<T>[] columns)
    {
        w.WriteLine(string.Join(',', columns.Select(c => c.Name)));
        foreach (var row in rows)
        {
            w.WriteLine(string.Join(',', columns.Select(c => CliFormat.CsvField(c.CsvCell(row)))));
        }
    }

    /// <summary>
    /// A rounded table of the rows, cells as plain text, one line per row. When the table is wider than the console
    /// (80 columns, or a pipe) the rows are listed instead, one field per line, so that no value is ever split.
    /// </summary>
    public static void WriteTable<T>(IAnsiConsole console, IEnumerable<T> rows, CliColumn<T>[] columns)
    {
        var cells = rows.Select(row => columns.Select(c => c.Cell(row) ?? "").ToArray()).ToList();
        var widths = columns.Select((c, i) => cells.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToList();
        if (widths.Sum(w => w + 3) + 1 > console.Profile.Width)
        {
            WriteList(console.Profile.Out.Writer, cells, columns);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(new Text(c.Header)).NoWrap());
        }

        foreach (var row in cells)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        }

        console.Write(table);
    }

    /// <summary>Each row as a block: its first two cells as a title, then "header: value" per non-empty cell; a blank line between rows.</summary>
    private static void WriteList<T>(TextWriter w, IReadOnlyList<string[]> rows, CliColumn<T>[] columns)
    {
        foreach (var row in rows)
        {
            w.WriteLine(string.Join(" · ", row.Take(2).Where(v => v.Length > 0)));
            for (var i = 2; i < columns.Length; i++)
            {
                if (row[i].Length > 0)
                {
                    w.WriteLine($"  {columns[i].Header}: {row[i]}");
                }
            }

            w.WriteLine();
        }
    }
}
