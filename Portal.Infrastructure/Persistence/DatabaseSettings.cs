using Microsoft.Extensions.Configuration;

namespace Portal.Infrastructure.Persistence;

/// <summary>
/// <c>Database:Provider</c> (Sqlite by default, or SqlServer) and <c>ConnectionStrings:DefaultConnection</c>: read once here for
/// the DbContext and for the job store, so both always use the same database.
/// </summary>
public sealed record DatabaseSettings(bool IsSqlServer, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("DefaultConnection")
            ?? throw new InvalidOperationException("ConnectionStrings:DefaultConnection is not configured.");
        if (string.Equals(provider, "SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(true, connectionString);
        }
        if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(false, connectionString);
        }
        throw new InvalidOperationException($"Database:Provider '{provider}' is not supported (Sqlite or SqlServer).");
    }
}
