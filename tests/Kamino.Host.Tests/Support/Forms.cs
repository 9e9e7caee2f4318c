using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Support;

/// <summary>Posts the forms of server-rendered pages as a browser would: fetch the page, keep its hidden fields.</summary>
public static partial class Forms
{
    /// <summary>
    /// GETs <paramref name="path"/> and posts its form back with its hidden fields (antiforgery token, form
    /// name) and <paramref name="fields"/>. <paramref name="formName"/> is the form's <c>FormName</c> (the header
    /// holds other forms).
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(path);
        var values = HiddenFields(html, formName);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>The hidden inputs of the form named <paramref name="formName"/>.</summary>
    public static Dictionary<string, string> HiddenFields(string html, string formName)
    {
        var form = Form().Matches(html).Select(m => m.Value)
            .Single(f => f.Contains($"name=\"_handler\" value=\"{formName}\"", StringComparison.Ordinal));
        return Hidden().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    [GeneratedRegex("<form[^>]*method=\"post\".*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Hidden();
}
