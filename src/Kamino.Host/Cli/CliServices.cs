using System.CommandLine;
using Kamino.Data;
using Kamino.Host.SignIn;

namespace Kamino.Host.Cli;

/// <summary>A service scope for commands that need Identity (UserManager) on the command line's database.</summary>
public sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AsyncServiceScope scope;

    private CliServices(ServiceProvider provider)
    {
        this.provider = provider;
        scope = provider.CreateAsyncScope();
    }

    public static async Task<CliServices> CreateAsync(ParseResult parse, CancellationToken ct)
    {
        var database = KaminoCli.OpenDatabase(parse);
        await database.MigrateAsync(ct);
        return new CliServices(Build(database));
    }

    /// <summary>The services the CLI's Identity work needs, on <paramref name="database"/>.</summary>
    public static ServiceProvider Build(KaminoDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped(_ => database.CreateDbContext());
        services.AddHttpContextAccessor();
        services.AddAuthentication();
        services.AddKaminoIdentity();
        return services.BuildServiceProvider();
    }

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await provider.DisposeAsync();
    }
}
