using System.Security.Claims;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Components.Layout;

/// <summary>
/// The page frame. For a signed-in user the header shows the current workspace with a switcher to their
/// other workspaces, their name (a link to their account) and the sign-out button.
/// </summary>
public partial class MainLayout
{
    private CurrentMember? member;
    private string? userName;
    private List<(string Slug, string Name, Role Role)> workspaces = [];

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    /// <summary>The layout reads with its own context: the page renders at the same time with the request's.</summary>
    [Inject]
    private KaminoDatabase Database { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var userId = HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        // The error page must not depend on the database, which may be what failed.
        if (HttpContext is null || userId is null || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return;
        }

        member = CurrentMember.Get(HttpContext);
        await using var db = Database.CreateDbContext();
        userName = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync();
        if (string.IsNullOrEmpty(userName))
        {
            userName = HttpContext.User.Identity?.Name;
        }

        var rows = await (from m in db.Memberships.AsNoTracking()
                          join w in db.Workspaces on m.WorkspaceId equals w.Id
                          where m.UserId == userId
                          orderby w.Name
                          select new { w.Slug, w.Name, m.Role }).ToListAsync();
        workspaces = rows.Select(r => (r.Slug, r.Name, r.Role)).ToList();
    }

    private string RoleName(Role role) => L["Role_" + role];
}
