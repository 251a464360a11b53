using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure;
using Portal.Infrastructure.Persistence;

namespace Portal.Tests.Infrastructure;

public class MigrationsTests
{
    private static ServiceProvider Services(string provider, string connectionString)
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
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_sqlite_model_has_no_pending_changes()
    {
        using var sp = Services("Sqlite", "Data Source=:memory:");
        using var db = sp.GetRequiredService<IDbContextFactory<SqlitePortalDbContext>>().CreateDbContext();
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_sql_server_model_has_no_pending_changes()
    {
        using var sp = Services("SqlServer", "Server=localhost;Database=Portal;Trusted_Connection=True;TrustServerCertificate=True");
        using var db = sp.GetRequiredService<IDbContextFactory<SqlServerPortalDbContext>>().CreateDbContext();
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_sql_server_script_generates_without_a_server()
    {
        using var sp = Services("SqlServer", "Server=localhost;Database=Portal;Trusted_Connection=True;TrustServerCertificate=True");
        using var db = sp.GetRequiredService<IDbContextFactory<SqlServerPortalDbContext>>().CreateDbContext();
        var script = ((IInfrastructure<IServiceProvider>)db).Instance.GetRequiredService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [AuditEvents]", script);
        Assert.Contains("CREATE TABLE [Memberships]", script);
        Assert.Contains("IF NOT EXISTS", script);
    }
}
