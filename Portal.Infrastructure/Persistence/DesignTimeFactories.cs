using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Infrastructure.Persistence;

/// <summary>
/// Design-time contexts for `dotnet ef`: built from a service collection with Identity's schema
/// version 3 (a context made outside DI falls back to the old schema — NOTES).
/// </summary>
internal static class DesignTime
{
    public static TContext Create<TContext>(string provider, string connectionString) where TContext : PortalDbContext
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:DefaultConnection"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalDatabase(configuration);
        services.AddPortalIdentityCore();
        var sp = services.BuildServiceProvider();
        return sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        DesignTime.Create<SqlitePortalDbContext>("Sqlite", "Data Source=design-time.db");
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    /// <summary>Never opened: migrations and scripts are generated from the model alone.</summary>
    public const string ConnectionString = "Server=localhost;Database=Portal;Trusted_Connection=True;TrustServerCertificate=True";

    public SqlServerPortalDbContext CreateDbContext(string[] args) => DesignTime.Create<SqlServerPortalDbContext>("SqlServer", ConnectionString);
}
