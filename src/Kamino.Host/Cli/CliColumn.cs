namespace Kamino.Host.Cli;

/// <summary>A column of a read command's output: table header, CSV/JSON-style name, and the cell text.</summary>
internal sealed record CliColumn<T>(string Header, string Name, Func<T, string?> Cell);
