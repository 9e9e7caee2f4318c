using Kamino.Host.Web;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// Tests on one <see cref="SecurityServer"/> per test with the workspace <see cref="Workspace"/>; the sign-in rate
/// limit is raised to 100 a minute so that lockout tests are not cut short by it.
/// </summary>
public abstract class SecurityServerTests : IAsyncLifetime
{
    protected const string Workspace = "acme";

    protected SecurityServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await SecurityServer.StartAsync("--" + KaminoAuth.LoginAttemptsSetting, "100");
        await Server.AddWorkspaceAsync(Workspace);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
