using Microsoft.Extensions.Logging;
using Portal.Application.SigningTasks;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Runs <see cref="ExpireTasks"/> (every <c>Jobs:ExpireTasksEvery</c>).</summary>
[DisallowConcurrentExecution]
internal sealed class ExpireTasksJob(ExpireTasks expire, ILogger<ExpireTasksJob> logger) : IJob
{
    public static readonly JobKey Key = new("expire-signing-tasks", PortalJobs.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var expired = await expire.ExecuteAsync(cancellationToken);
        if (expired > 0)
        {
            logger.LogInformation("Voided {Count} signing task(s) past their deadline", expired);
        }
    }
}
