using Kamino.Host.SignIn;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Security;

/// <summary>
/// ASVS 6.2.4: easily guessed passwords are refused when a user is created and when a password is changed
/// (<see cref="EasyPasswordValidator"/>; no breached-password list, see docs/security.md).
/// </summary>
public sealed class PasswordStrengthTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private SecurityServer server = null!;

    public async Task InitializeAsync()
    {
        server = await SecurityServer.StartAsync();
        await server.AddWorkspaceAsync(Workspace);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public static TheoryData<string, string?> Refused => new()
    {
        { "maria.lopez@acme.test", EasyPasswordValidator.SimilarToEmail },
        { "MARIA.LOPEZ", EasyPasswordValidator.SimilarToEmail },
        { "maria.lopez2024!", EasyPasswordValidator.SimilarToEmail },
        { "my kamino password", EasyPasswordValidator.ContainsAppName },
        { "K4m1n0-rocks-2025", EasyPasswordValidator.ContainsAppName },
        { "12345678", EasyPasswordValidator.TooSimple },
        { "1234567890", EasyPasswordValidator.TooSimple },
        { "87654321", EasyPasswordValidator.TooSimple },
        { "abcdefgh", EasyPasswordValidator.TooSimple },
        { "qwertyui", EasyPasswordValidator.TooSimple },
        { "QWERTYUIOP", EasyPasswordValidator.TooSimple },
        { "asdfghjkl", EasyPasswordValidator.TooSimple },
        { "aaaaaaaa", EasyPasswordValidator.TooSimple },
        { "abababab", EasyPasswordValidator.TooSimple },
        { "abcdefgh1", EasyPasswordValidator.TooSimple },
        { "password", EasyPasswordValidator.TooCommon },
        { "Password1", EasyPasswordValidator.TooCommon },
        { "password123!", EasyPasswordValidator.TooCommon },
        { "P@ssw0rd", EasyPasswordValidator.TooCommon },
        { "contraseña", EasyPasswordValidator.TooCommon },
        { "iloveyou", EasyPasswordValidator.TooCommon },
        { "letmein2024", EasyPasswordValidator.TooCommon },
    };

    public static TheoryData<string> Accepted => new()
    {
        SecurityServer.Password,
        "qqqqqabc",
        "una frase larga y tranquila",
        "password manager generated: 9f$Kq2!vLz",
        "Tr0ub4dor&3x",
        new string('q', 61) + "abc",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Asvs_6_2_4_EasyPassword_IsRefusedAtUserCreation(string password, string? code)
    {
        var result = await CreateAsync("maria.lopez@acme.test", password);

        Assert.False(result.Succeeded, $"'{password}' was accepted");
        Assert.Contains(result.Errors, e => e.Code == code);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Asvs_6_2_4_OrdinaryPassword_IsAcceptedAtUserCreation(string password)
    {
        var result = await CreateAsync("maria.lopez@acme.test", password);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        await server.LoginAsync("maria.lopez@acme.test", password);
    }

    [Fact]
    public async Task Asvs_6_2_4_EasyPassword_IsRefusedByTheCli()
    {
        var (exit, _, error) = await AuthenticationTests.RunCliWithStdinAsync("qwertyuiop", "users", "add", "--db", server.Database.Target, "--workspace", Workspace, "--email", "cli@acme.test");

        Assert.NotEqual(0, exit);
        Assert.Contains("simple sequence", error, StringComparison.Ordinal);
        await using var scope = server.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>().FindByEmailAsync("cli@acme.test"));
    }

    [Fact]
    public async Task Asvs_6_2_4_EasyPassword_IsRefusedAtPasswordChange_AndAnOrdinaryOneIsAccepted()
    {
        const string email = "changer@acme.test";
        await server.AddUserAsync(email, Workspace, Role.Kam);
        using var client = server.CreateClient();
        var jar = new CookieJar();
        await jar.SignInAsync(client, email);

        foreach (var easy in new[] { "changer@acme.test", "kamino2025!", "11111111", "zxcvbnm123", "welcome1" })
        {
            var html = await ChangeAsync(client, jar, SecurityServer.Password, easy);
            Assert.Contains("data-testid=\"password-errors\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"password-message\"", html, StringComparison.Ordinal);
            await server.WithUserAsync(email, async (users, user) => Assert.False(await users.CheckPasswordAsync(user, easy), $"'{easy}' was set"));
        }

        var changed = await ChangeAsync(client, jar, SecurityServer.Password, "seven orange bicycles sing");

        Assert.Contains("data-testid=\"password-message\"", changed, StringComparison.Ordinal);
        await server.LoginAsync(email, "seven orange bicycles sing");
    }

    private async Task<IdentityResult> CreateAsync(string email, string password)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>();
        return await users.CreateAsync(new KaminoUser { UserName = email, Email = email, DisplayName = "María López", EmailConfirmed = true }, password);
    }

    private static async Task<string> ChangeAsync(HttpClient client, CookieJar jar, string current, string next)
    {
        using var response = await jar.PostFormAsync(client, "account/password", "password", new()
        {
            ["Input.Current"] = current,
            ["Input.New"] = next,
            ["Input.Confirm"] = next,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
