using System.Globalization;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.SignIn;

/// <summary>The language a user reads what Kamino writes for them (notifications, emails): theirs, else English.</summary>
public static class UserLanguage
{
    public static CultureInfo Spanish { get; } = CultureInfo.GetCultureInfo("es");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>The culture of a stored language code (null or unknown: English).</summary>
    public static CultureInfo Of(string? language) => Language.IsSpanish(language) ? Spanish : English;

    /// <summary>The stored code of a culture: <c>es</c> or <c>en</c>.</summary>
    public static string CodeOf(CultureInfo culture) => Language.IsSpanish(culture) ? "es" : "en";

    /// <summary>The user's culture (English for an unknown user).</summary>
    public static async Task<CultureInfo> OfAsync(KaminoDb db, string userId, CancellationToken ct = default) =>
        Of(await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync(ct));
}

/// <summary>How people are named to each other in what Kamino writes (notifications, audit summaries).</summary>
public static class PersonNames
{
    /// <summary>The user's name (<see cref="KaminoUser.NameOf"/>); the id for an unknown user.</summary>
    public static async Task<string> NameAsync(KaminoDb db, string userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
        return KaminoUser.NameOf(user?.DisplayName, user?.Email, userId);
    }
}
