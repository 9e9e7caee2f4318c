using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// The cookies of one browser, kept by hand (the test port is plain http, where HttpClient's container would not
/// send Secure cookies): every response's <c>Set-Cookie</c> updates the jar, a deleted cookie leaves it.
/// </summary>
public sealed partial class CookieJar
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    /// <summary>Every cookie value this jar has held, in order (including the current ones).</summary>
    public List<(string Name, string Value)> History { get; } = [];

    /// <summary>Every session cookie (<c>kamino=value</c>) this jar has held, oldest first.</summary>
    public IReadOnlyList<string> Sessions => History.Where(c => c.Name == "kamino").Select(c => "kamino=" + c.Value).Distinct().ToList();

    public string? this[string name]
    {
        get => cookies.GetValueOrDefault(name);
        set
        {
            if (value is null)
            {
                cookies.Remove(name);
            }
            else
            {
                cookies[name] = value;
                History.Add((name, value));
            }
        }
    }

    /// <summary>The session cookie (<c>name=value</c>), or null.</summary>
    public string? Session => this["kamino"] is { } value ? "kamino=" + value : null;

    public string Header => string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value));

    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", Header);
        }

        var response = await client.SendAsync(request);
        foreach (var setCookie in SecurityServer.SetCookies(response))
        {
            var pair = setCookie.Split(';')[0];
            var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
            var value = pair[(name.Length + 1)..];
            var expired = setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            this[name] = value.Length == 0 || expired ? null : value;
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(HttpClient client, string path) =>
        SendAsync(client, new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>GETs <paramref name="path"/> and posts its form <paramref name="formName"/> back with <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        using var page = await GetAsync(client, path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var values = Forms.HiddenFields(await page.Content.ReadAsStringAsync(), formName);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) });
    }

    /// <summary>Signs in through the sign-in form (<c>/account/login</c>); asserts the redirect that follows success.</summary>
    public async Task SignInAsync(HttpClient client, string email, string password = SecurityServer.Password)
    {
        using var response = await PostFormAsync(client, "account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email}: {(int)response.StatusCode}");
        Assert.NotNull(Session);
    }

    /// <summary>Posts the sign-out form of the page header (found on <paramref name="page"/>), with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> SignOutAsync(HttpClient client, string page = "account/password")
    {
        using var response = await GetAsync(client, page);
        var html = await response.Content.ReadAsStringAsync();
        var form = SignOutForm().Match(html);
        Assert.True(form.Success, $"no sign-out form on {page}");
        var token = Token().Match(form.Value);
        Assert.True(token.Success, "no antiforgery token in the sign-out form");
        var fields = new Dictionary<string, string> { [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value) };
        return await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "account/logout") { Content = new FormUrlEncodedContent(fields) });
    }

    [GeneratedRegex("<form[^>]*action=\"/account/logout\".*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SignOutForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Token();
}
