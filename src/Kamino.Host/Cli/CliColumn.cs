namespace Kamino.Host.Cli;

/// <summary>
/// A column of a read command's output: table header, CSV/JSON-style name, the cell text shown in the table, and
/// the CSV cell when it differs (a number column leaves a missing value empty there instead of "not rated").
/// </summary>
internal sealed record CliColumn<T>(string Header, string Name, Func<T, string?> Cell, Func<T, string?>? Csv = null)
{
    /// <summary>The CSV cell of <paramref name="row"/>.</summary>
    public string? CsvCell(T row) => (Csv ?? Cell)(row);
}
