using Portal.Application.Common;

namespace Portal.Application.Audit;

/// <summary>
/// Signs a checkpoint of the audit chain's current head unless it has one (ADR 0018). The Quartz job <c>AuditCheckpointJob</c>
/// calls this every <c>Jobs:AuditCheckpointEvery</c> (ADR 0021), so a chain that grows slowly is anchored too; it runs as the
/// platform (no caller check: a job).
/// </summary>
public sealed class CheckpointAuditChain(AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    /// <summary>True when a checkpoint was written.</summary>
    public Task<bool> ExecuteAsync(CancellationToken cancellationToken = default) => audit.CheckpointHeadAsync(dbFactory, cancellationToken);
}
