using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Demo;

/// <summary>
/// One text of the demo business, written once in Spanish and once in English. The demo is in Valencia, so Spanish
/// is its default language; <c>kamino demo --language en</c> makes it in English.
/// </summary>
public readonly record struct DemoText(string Es, string En)
{
    /// <summary>The text in <paramref name="spanish"/> Spanish, else in English.</summary>
    public string In(bool spanish) => spanish ? Es : En;

    /// <summary>A demo text: Spanish first, then English.</summary>
    public static DemoText T(string es, string en) => new(es, en);

    /// <summary>The demo's tiers, highest first.</summary>
    public static readonly DemoText[] TierNames = [T("Clave", "Key"), T("Crecimiento", "Growth"), T("Estándar", "Standard")];

    /// <summary>
    /// Whether the demo workspace <paramref name="workspaceId"/> speaks Spanish: the language it was created in, read
    /// back from its top tier's name, so that the parts added later (<c>serve --demo</c>'s people, activities, plans,
    /// orders) are written in the same language. Spanish unless the tiers are the English ones.
    /// </summary>
    public static async Task<bool> IsSpanishAsync(KaminoDb db, int workspaceId, CancellationToken ct)
    {
        var english = TierNames[0].En;
        return !await db.Tiers.AnyAsync(t => t.WorkspaceId == workspaceId && t.Name == english, ct);
    }
}
