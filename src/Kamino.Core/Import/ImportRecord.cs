using Kamino.Data;

namespace Kamino.Import;

/// <summary>One completed import of one file: what it was and what it changed.</summary>
public sealed class ImportRecord : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Reader that parsed it, e.g. <c>csv</c>.</summary>
    public required string Format { get; set; }

    /// <summary>CSV dialect used (<c>en</c> or <c>es</c>); null for formats without one.</summary>
    public string? Dialect { get; set; }

    /// <summary>Text encoding the file was read with (<c>utf-8</c>, <c>windows-1252</c>, <c>iso-8859-1</c>).</summary>
    public string? Encoding { get; set; }

    /// <summary>CSV field delimiter: <c>,</c> <c>;</c> <c>|</c> or <c>tab</c>.</summary>
    public string? Delimiter { get; set; }

    public int LinesAdded { get; set; }

    /// <summary>Lines already present with identical content.</summary>
    public int LinesSkipped { get; set; }

    public int CustomersAdded { get; set; }

    /// <summary>Rows skipped by an import that kept the valid rows (<c>--keep-valid</c>); more than 0 = a partial import.</summary>
    public int LinesRejected { get; set; }

    /// <summary>Where <c>kamino import --rejects</c> wrote the rejected rows; null for web and API imports and full ones.</summary>
    public string? RejectsFile { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>When <c>kamino imports undo</c> removed this import's lines; null while it stands.</summary>
    public DateTimeOffset? UndoneAt { get; set; }
}
