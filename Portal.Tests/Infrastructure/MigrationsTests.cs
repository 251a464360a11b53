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
    [Fact]
    public void The_sqlite_model_has_no_pending_changes()
    {
        using var db = DesignTime.Create<SqlitePortalDbContext>("Sqlite", "Data Source=:memory:");
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_sql_server_model_has_no_pending_changes()
    {
        using var db = DesignTime.Create<SqlServerPortalDbContext>("SqlServer", SqlServerDesignTimeFactory.ConnectionString);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_sql_server_script_generates_without_a_server()
    {
        using var db = DesignTime.Create<SqlServerPortalDbContext>("SqlServer", SqlServerDesignTimeFactory.ConnectionString);
        var script = ((IInfrastructure<IServiceProvider>)db).Instance.GetRequiredService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [AuditEvents]", script);
        Assert.Contains("CREATE TABLE [Memberships]", script);
        Assert.Contains("IF NOT EXISTS", script);
    }
}
