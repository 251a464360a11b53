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
        await RefreshStatisticsAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite: samples every index into <c>sqlite_stat1</c>, so the planner knows a user's few participations from a space's many
    /// tasks (without statistics it drove 已作废 from the space's 20,000 voided tasks instead of the user's rows). Bounded by
    /// <c>analysis_limit</c>: a fraction of a second however large the file. At start-up and every
    /// <c>Jobs:DatabaseStatisticsEvery</c>. SQL Server keeps its statistics itself. Returns whether it ran.
    /// </summary>
    public async Task<bool> RefreshStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return false;
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", cancellationToken);
        return true;
    }
}
