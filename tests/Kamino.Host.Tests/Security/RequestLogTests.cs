using Kamino.Host.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kamino.Host.Tests.Security;

/// <summary>Secrets in paths never reach the log, and Production logs little by default (issue 10 item 15).</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task InvitationToken_InThePathOrQuery_NeverAppearsInAnyLogRecord()
    {
        await using var server = await SecurityServer.StartAsync("--Logging:LogLevel:Default", "Information");
        await server.AddWorkspaceAsync("acme");
        await server.AddUserAsync("director@acme.test", "acme", Role.Director);
        using var director = server.CreateBearerClient((await server.LoginAsync("director@acme.test")).AccessToken);
        using var invited = await director.PostAsJsonAsync("api/workspaces/acme/members/invitations", new { email = "new.person@acme.test", role = "Kam" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var token = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!.Split("/invite/")[1];
        using var anonymous = server.CreateClient();

        using var page = await anonymous.GetAsync($"invite/{token}");
        using var withQuery = await anonymous.GetAsync($"account/login?token={token}&code={token}&ReturnUrl=%2F");
        using var accepted = await anonymous.PostAsJsonAsync($"api/invitations/{token}/accept", new { password = "a new member password", displayName = "New" });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var records = server.Log.Records;
        Assert.Contains(records, r => r.Category == RequestLog.Category && r.Message.Contains("GET /invite/" + RequestLog.Redacted + " answered 200", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category == RequestLog.Category && r.Message.Contains("/api/invitations/" + RequestLog.Redacted + "/accept", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category == RequestLog.Category && r.Message.Contains($"?token={RequestLog.Redacted}&code={RequestLog.Redacted}&ReturnUrl=%2F", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && r.Level < LogLevel.Warning);
        var leaks = records.Where(r => r.Message.Contains(token, StringComparison.Ordinal)
            || r.Values.Values.Any(v => v?.ToString()?.Contains(token, StringComparison.Ordinal) == true)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Select(r => $"{r.Category}: {r.Message}")));
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public async Task LoggingDefaults_InProduction_WarningsOnly_ButTheSecurityLog(string environment, bool verbose)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kamino-log-defaults-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using var app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--environment", environment], new KaminoDatabase(Path.Combine(directory, "kamino.db")));
        var logs = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.Equal(verbose, logs.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.Equal(verbose, logs.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
        Assert.Equal(verbose, logs.CreateLogger(RequestLog.Category).IsEnabled(LogLevel.Information));
        Assert.True(logs.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Warning));
        Assert.True(logs.CreateLogger(SecurityLog.Category).IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Directory.Delete(directory, recursive: true);
    }
}
