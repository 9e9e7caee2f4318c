using System.Linq.Expressions;
using Kamino.Import;

namespace Kamino.Host.Import;

/// <summary>One import of the history as the API returns it (the fields of <see cref="ImportRecord"/>).</summary>
public sealed record ImportDto(
    int WorkspaceId,
    long Id,
    string FileName,
    string Sha256,
    string Format,
    string? Dialect,
    string? Encoding,
    string? Delimiter,
    int LinesAdded,
    int LinesSkipped,
    int CustomersAdded,
    DateTimeOffset ImportedAt,
    DateTimeOffset? UndoneAt,
    int LinesRejected = 0,
    string? RejectsFile = null)
{
    /// <summary>Rows were rejected and the rest imported (<c>--keep-valid</c>).</summary>
    public bool Partial => LinesRejected > 0;

    /// <summary>The projection, run by the database.</summary>
    public static readonly Expression<Func<ImportRecord, ImportDto>> FromRecord = i => new ImportDto(
        i.WorkspaceId, i.Id, i.FileName, i.Sha256, i.Format, i.Dialect, i.Encoding, i.Delimiter,
        i.LinesAdded, i.LinesSkipped, i.CustomersAdded, i.ImportedAt, i.UndoneAt, i.LinesRejected, i.RejectsFile);
}
