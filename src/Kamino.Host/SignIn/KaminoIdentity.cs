using Kamino.Data;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kamino.Host.SignIn;

/// <summary>
/// ASP.NET Core Identity as Kamino uses it, shared by the web app and the CLI (<c>kamino users add</c>), so
/// both hash and check passwords the same way. Settings follow ../shared/SECURITY.md (ASVS 5.0 L2).
/// </summary>
public static class KaminoIdentity
{
    /// <summary>PBKDF2-HMAC-SHA512 iterations: ASVS Appendix C asks for at least 210,000 (Identity's default is 100,000).</summary>
    public const int PasswordHashIterations = 210_000;

    public const int MinPasswordLength = 8;

    public static IdentityBuilder AddKaminoIdentity(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UnknownAccounts>();
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashIterations;
        });
        return services.AddIdentityCore<KaminoUser>(o =>
            {
                // ASVS 6.2.1/6.2.5: length, not composition rules.
                o.Password.RequiredLength = MinPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // Authenticator codes usable once (ASVS 6.5.1).
                o.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticator.ProviderName;
            })
            .AddEntityFrameworkStores<KaminoDb>()
            .AddUserManager<KaminoUserManager>()
            .AddSignInManager<KaminoSignInManager>()
            .AddPasswordValidator<EasyPasswordValidator>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticator>(OneTimeAuthenticator.ProviderName);
    }

    /// <summary>A user whose account is disabled cannot sign in and loses open sessions.</summary>
    public static bool IsActive(KaminoUser user) => user.DisabledAt is null;
}
