using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Application;
using Portal.Application.Common;
using Portal.Infrastructure;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Support;

/// <summary>
/// A real SQLite database file in a temp folder with the Application and Infrastructure services over it,
/// migrated; <see cref="Clock"/> is a fake time provider the test moves.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _dir;

    private TestDatabase(string dir, ServiceProvider services, FakeTimeProvider clock)
    {
        _dir = dir;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public RecordingAccessNotifier Notifier => (RecordingAccessNotifier)Services.GetRequiredService<ISpaceAccessNotifier>();

    public static async Task<TestDatabase> CreateAsync(bool seedDemo = false, Action<IServiceCollection>? configure = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:DefaultConnection"] = $"Data Source={Path.Combine(dir, "portal.db")}",
            ["Storage:FilesPath"] = Path.Combine(dir, "files"),
        }).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddPortalIdentityCore();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ISpaceAccessNotifier, RecordingAccessNotifier>();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var db = new TestDatabase(dir, provider, clock);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }
        if (seedDemo)
        {
            // As at start-up: the platform CA (when the test configured one) loads before the seed, which makes seals.
            if (provider.GetService<Portal.Signing.Pki.PlatformCa>() is { } ca)
            {
                await ca.InitializeAsync();
            }
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Portal.Application.Seeding.DemoSeed>().RunAsync();
        }
        return db;
    }

    /// <summary>A scope acting as <paramref name="userId"/> (null: anonymous).</summary>
    public AsyncServiceScope As(Guid? userId, params string[] platformRoles)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(userId, platformRoles, "127.0.0.1", "test");
        return scope;
    }

    /// <summary>Runs a use case as a user.</summary>
    public async Task<T> RunAsync<TUseCase, T>(Guid? userId, Func<TUseCase, Task<T>> act) where TUseCase : notnull
    {
        await using var scope = As(userId);
        return await act(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    /// <summary>A context with an explicit scope, for assertions.</summary>
    public IPortalDbContext Db(Guid? organizationId = null, Guid? userId = null) =>
        Services.GetRequiredService<IServiceScopeFactory>().CreateScope().ServiceProvider
            .GetRequiredService<IPortalDbContextFactory>().CreateForScope(organizationId, userId);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>Records access-change notifications instead of closing circuits.</summary>
public sealed class RecordingAccessNotifier : ISpaceAccessNotifier
{
    public List<(Guid UserId, Guid OrganizationId)> Changes { get; } = [];

    public void AccessChanged(Guid userId, Guid organizationId)
    {
        lock (Changes)
        {
            Changes.Add((userId, organizationId));
        }
    }
}
