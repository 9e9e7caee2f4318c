using Kamino.Host.Web;

namespace Kamino.Host.Tests.Web;

public sealed class RequestLogRedactionTests
{
    [Theory]
    [InlineData("/invite/abc123", null, "/invite/***")]
    [InlineData("/api/invitations/abc123/accept", "", "/api/invitations/***/accept")]
    [InlineData("/api/workspaces/acme/members/invitations", null, "/api/workspaces/acme/members/invitations")]
    [InlineData("/w/acme/customers", "?from=2026-01-01&to=2026-12-31", "/w/acme/customers?from=2026-01-01&to=2026-12-31")]
    [InlineData("/account/login", "?access_token=x1&Code=x2&refreshToken=x3&ReturnUrl=%2F", "/account/login?access_token=***&Code=***&refreshToken=***&ReturnUrl=%2F")]
    [InlineData("/account/reset", "?userKey=x1&flag", "/account/reset?userKey=***&flag")]
    public void Redact_SecretsInPathAndQuery_AreReplaced(string path, string? query, string expected) =>
        Assert.Equal(expected, RequestLog.Redact(path, query));
}
