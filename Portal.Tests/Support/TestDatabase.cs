using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// A migrated database (with the demo seed when <paramref name="seedDemo"/>). Migrating and seeding happen once per
    /// test run into a template folder that each test then copies (database file and stored files); only a test whose
    /// services make the seed itself different — seal keys (fake or HSM) or a platform CA — migrates and seeds its own.
    /// <paramref name="configure"/> must not change what the seed writes otherwise (event handlers that only record are fine).
    /// </summary>
    public static Task<TestDatabase> CreateAsync(bool seedDemo = false, Action<IServiceCollection>? configure = null) =>
        CreateAsync(seedDemo, configure is null ? null : new Action<IServiceCollection, IConfiguration>((services, _) => configure(services)));

    /// <summary>As above, with the test database's configuration (its provider and connection string) at hand.</summary>
    public static async Task<TestDatabase> CreateAsync(bool seedDemo, Action<IServiceCollection, IConfiguration>? configure)
    {
        var dir = TestTemp.NewFolder("db");
        var (provider, clock) = Build(dir, configure);
        var db = new TestDatabase(dir, provider, clock);
        var ca = provider.GetService<Portal.Signing.Pki.PlatformCa>();
        var seedsItsOwn = ca is not null || provider.GetRequiredService<Portal.Application.Seals.ISealKeys>().IsAvailable;
        if (!seedDemo || !seedsItsOwn)
        {
            CopyFolder(await Template(seedDemo).Value, dir);
            await MigrateAsync(provider);
            return db;
        }

        if (ca is not null)
        {
            // Seal and CA keys in the SoftHSM2 pool, which every test of the run shares (tests never delete a key): one
            // seeded template per CA configuration, and each test loads that CA from its copy, as a restarted portal does.
            CopyFolder(await PoolTemplate(ca.Options, configure), dir);
            await MigrateAsync(provider);
            await ca.InitializeAsync();
            return db;
        }

        // The schema from the migrated template (migrating from scratch costs about a second); the seed is its own.
        CopyFolder(await Template(seedDemo: false).Value, dir);
        await MigrateAsync(provider);
        await SeedAsync(provider);
        return db;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> PoolTemplates = new();

    private static Task<string> PoolTemplate(Portal.Signing.Pki.PkiOptions options, Action<IServiceCollection, IConfiguration>? configure)
    {
        var key = string.Join('|', options.CaKeyAlgorithm, options.TsaKeyAlgorithm, options.SealKeyAlgorithm, options.EndEntityEku, options.PublicBaseUrl);
        return PoolTemplates.GetOrAdd(key, _ => new Lazy<Task<string>>(() => MakePoolTemplateAsync(configure))).Value;
    }

    private static async Task<string> MakePoolTemplateAsync(Action<IServiceCollection, IConfiguration>? configure)
    {
        var dir = TestTemp.NewFolder("template-pool");
        CopyFolder(await Template(seedDemo: false).Value, dir);
        var (provider, _) = Build(dir, configure);
        await using (provider)
        {
            await MigrateAsync(provider);
            await provider.GetRequiredService<Portal.Signing.Pki.PlatformCa>().InitializeAsync();
            await SeedAsync(provider);
            await using var scope = provider.CreateAsyncScope();
            await using var ctx = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            await ctx.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        SqliteConnection.ClearAllPools();
        return dir;
    }

    private static readonly Lazy<Task<string>> MigratedTemplate = new(() => MakeTemplateAsync(seedDemo: false));
    private static readonly Lazy<Task<string>> SeededTemplate = new(() => MakeTemplateAsync(seedDemo: true));

    private static Lazy<Task<string>> Template(bool seedDemo) => seedDemo ? SeededTemplate : MigratedTemplate;

    private static async Task<string> MakeTemplateAsync(bool seedDemo)
    {
        var dir = TestTemp.NewFolder(seedDemo ? "template-seeded" : "template-migrated");
        var (provider, _) = Build(dir, configure: null);
        await using (provider)
        {
            await MigrateAsync(provider);
            if (seedDemo)
            {
                await SeedAsync(provider);
            }
            await using var scope = provider.CreateAsyncScope();
            await using var ctx = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            // Everything into the main file, so copying portal.db alone copies the database.
            await ctx.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        SqliteConnection.ClearAllPools();
        return dir;
    }

    private static (ServiceProvider Provider, FakeTimeProvider Clock) Build(string dir, Action<IServiceCollection, IConfiguration>? configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:DefaultConnection"] = $"Data Source={Path.Combine(dir, "portal.db")}",
            ["Storage:FilesPath"] = Path.Combine(dir, "files"),
        }).AddInMemoryCollection(TestLimits.Raised).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddDevelopmentStandIns();
        services.AddPortalIdentityCore();
        services.AddCheapPasswordHashing();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ISpaceAccessNotifier, RecordingAccessNotifier>();
        services.AddKnownCaptcha();
        configure?.Invoke(services, configuration);
        return (services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), clock);
    }

    private static async Task MigrateAsync(ServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    }

    private static async Task SeedAsync(ServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Portal.Application.Seeding.DemoSeed>().RunAsync();
    }

    internal static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith("-wal", StringComparison.Ordinal) || file.EndsWith("-shm", StringComparison.Ordinal))
            {
                continue;
            }
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
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
        TestTemp.TryDelete(_dir);
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
