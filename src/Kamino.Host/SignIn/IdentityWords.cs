using Kamino.Host.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.SignIn;

/// <summary>
/// The password rules' complaints (<see cref="IdentityError"/>) in the page's language: by their code from the
/// resources (<c>Identity_PasswordTooShort</c>…), Identity's own English description only for a code without one.
/// </summary>
public static class IdentityWords
{
    public static string Describe(IStringLocalizer<Ui> l, IdentityError e)
    {
        var text = l["Identity_" + e.Code, KaminoIdentity.MinPasswordLength];
        return text.ResourceNotFound ? e.Description : text;
    }

    /// <summary>Every complaint, one sentence after the other.</summary>
    public static string Describe(IStringLocalizer<Ui> l, IEnumerable<IdentityError> errors) =>
        string.Join(" ", errors.Select(e => Describe(l, e)));
}
