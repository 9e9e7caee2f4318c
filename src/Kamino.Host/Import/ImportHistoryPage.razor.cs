using Kamino.Data;
using Kamino.Host.Web;
using Kamino.Import;
using Kamino.People;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Import;

/// <summary>
/// The workspace's imports (as <c>kamino imports list</c>), oldest first; a member who may import
/// (<see cref="Permission.Import"/>) can undo one (as <c>kamino imports undo ID</c>), checked again on the post.
/// </summary>
public partial class ImportHistoryPage
{
    private List<ImportRecord> imports = [];
    private UndoResult? undone;

    [Inject]
    private KaminoDatabase Database { get; set; } = default!;

    private bool CanImport => Member?.Can(Permission.Import) == true;

    protected override async Task LoadAsync(CurrentMember member) =>
        imports = await ImportHistory.For(Db, member.WorkspaceId).ToListAsync(Aborted);

    private async Task UndoAsync()
    {
        var me = Member!;
        if (!CanImport)
        {
            Forbidden();
            return;
        }

        if (PostedId() is not { } id)
        {
            Refuse(StatusCodes.Status400BadRequest, L["BadForm"]);
            return;
        }

        var result = await ImportHistory.UndoAsync(Database, me.Slug, id, me.UserId, Clock, Aborted);
        switch (result.Outcome)
        {
            case UndoOutcome.Undone:
                undone = result;
                break;
            case UndoOutcome.AlreadyUndone:
                Refuse(StatusCodes.Status409Conflict, L["ImportAlreadyUndone", id]);
                break;
            case UndoOutcome.ImportNotFound or UndoOutcome.WorkspaceNotFound:
                Refuse(StatusCodes.Status404NotFound, L["ImportNotFound", id]);
                break;
        }

        await LoadAsync(me);
    }

    private static string ReadAs(ImportRecord r) => r.Format switch
    {
        "csv" => $"csv · {r.Dialect} · {r.Delimiter} · {r.Encoding}",
        "xlsx" => $"xlsx · {r.Dialect}",
        _ => r.Format,
    };
}
