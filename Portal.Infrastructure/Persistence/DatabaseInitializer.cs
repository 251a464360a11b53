using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Persistence;

/// <summary>Applies pending migrations at start-up (run.sh relies on it; production may run the SQL script instead).</summary>
public sealed class DatabaseInitializer(IDbContextFactory<PortalDbContext> factory, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while a writer holds the lock.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
