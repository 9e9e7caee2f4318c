using Kamino.Host.Tests.Analysis;
using Kamino.Host.Web;

namespace Kamino.Host.Tests.Web;

public sealed class CultureApiTests(SmallSalesServer fixture) : IClassFixture<SmallSalesServer>
{
    [Fact]
    public async Task SetCulture_WithoutAntiforgeryToken_IsRejectedAndSetsNoCookie()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "es", ["returnUrl"] = "/w/acme" });

        using var response = await fixture.Server.Client.PostAsync("culture", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/w/demo?from=2024-01-01&to=2024-12-31", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("evil", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLocal_OnlyAcceptsPathsOfThisSite(string? url, bool local) =>
        Assert.Equal(local, CultureApi.IsLocal(url));
}
