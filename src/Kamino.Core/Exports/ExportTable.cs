namespace Kamino.Exports;

/// <summary>
/// A list made ready to download: a name (the sheet's), column headers and rows of cells. A cell is text, a number
/// (<see cref="decimal"/>, <see cref="int"/>, <see cref="long"/>), a <see cref="DateOnly"/>, a UTC
/// <see cref="DateTimeOffset"/>, a <see cref="bool"/> or null (empty). Every row has one cell per header.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

/// <summary>What can be downloaded: one list each (docs/exports.md).</summary>
public enum ExportKind
{
    Customers,
    KeyAccounts,
    Tasks,
    Activities,
    Orders,
}

/// <summary>The file a list is written to.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}
