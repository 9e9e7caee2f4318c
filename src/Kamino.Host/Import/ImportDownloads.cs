using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kamino.Host.Import;

/// <summary>
/// The files the import page offers for download after an import (all problems, rejected rows), kept in the page's
/// temporary folder. Each is registered under a random token for the user and workspace that made it, and served by
/// <c>GET /api/workspaces/{workspace}/imports/downloads/{token}</c> to that user only; the page removes its tokens when
/// it is left (its folder is deleted then too). Registered once per app (a link works on the node that made it, as
/// the page's circuit does).
/// </summary>
public sealed class ImportDownloads
{
    private readonly ConcurrentDictionary<string, Download> files = new(StringComparer.Ordinal);

    /// <summary>A file offered for download: where it is, whose it is, and the name the browser saves it under.</summary>
    public sealed record Download(string Path, int WorkspaceId, string UserId, string FileName);

    /// <summary>Offers <paramref name="download"/>; the token names it in the link.</summary>
    public string Add(Download download)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        files[token] = download;
        return token;
    }

    public void Remove(string token) => files.TryRemove(token, out _);

    /// <summary>The download of <paramref name="token"/> if it belongs to this user in this workspace and still exists; else null.</summary>
    public Download? Find(string token, int workspaceId, string userId) =>
        files.TryGetValue(token, out var d) && d.WorkspaceId == workspaceId && d.UserId == userId && File.Exists(d.Path) ? d : null;

    /// <summary>The link the page shows.</summary>
    public static string Link(string workspace, string token) => $"/api/workspaces/{Uri.EscapeDataString(workspace)}/imports/downloads/{token}";
}
