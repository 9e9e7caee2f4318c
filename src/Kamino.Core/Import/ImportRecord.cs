namespace Kamino.Import;

/// <summary>One completed import of one file: what it was and what it changed.</summary>
public sealed class ImportRecord
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Reader that parsed it, e.g. <c>csv</c>.</summary>
    public required string Format { get; set; }

    public int LinesAdded { get; set; }

    /// <summary>Lines already present with identical content.</summary>
    public int LinesSkipped { get; set; }

    public int CustomersAdded { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
