namespace Kamino.Host.Tests.Team;

public sealed class ZzProbe
{
    [Fact]
    public async Task Probe()
    {
        await using var server = await Support.KaminoTestServer.StartAsync(_ => Task.CompletedTask, "--Logging:LogLevel:Default", "Error");
        using var r = await server.Client.GetAsync("invite/bogus");
        await File.WriteAllTextAsync("/tmp/probe/out.txt", ((int)r.StatusCode) + "\n" + await r.Content.ReadAsStringAsync());
    }
}
