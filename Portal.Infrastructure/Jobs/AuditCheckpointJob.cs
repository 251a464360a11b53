using Microsoft.Extensions.Logging;
using Portal.Application.Audit;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Runs <see cref="CheckpointAuditChain"/> (every <c>Jobs:AuditCheckpointEvery</c>), so a quiet chain is anchored too (ADR 0018).</summary>
[DisallowConcurrentExecution]
internal sealed class AuditCheckpointJob(CheckpointAuditChain checkpoint, ILogger<AuditCheckpointJob> logger) : IJob
{
    public static readonly JobKey Key = new("audit-checkpoint", PortalJobs.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (await checkpoint.ExecuteAsync(cancellationToken))
        {
            logger.LogInformation("Signed a checkpoint of the audit chain's head");
        }
    }
}
