using Portal.Infrastructure.Persistence;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Refreshes the query planner's statistics (<see cref="DatabaseInitializer.RefreshStatisticsAsync"/>, every <c>Jobs:DatabaseStatisticsEvery</c>).</summary>
[DisallowConcurrentExecution]
internal sealed class DatabaseStatisticsJob(DatabaseInitializer database) : IJob
{
    public static readonly JobKey Key = new("database-statistics", PortalJobs.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await database.RefreshStatisticsAsync(cancellationToken);
}
