namespace Portal.Application.Domain;

public enum AuditOutcome
{
    Success = 1,
    Refused = 2,
    Failed = 3,
}

/// <summary>One append-only audit record, chained to its predecessor by hash.</summary>
public class AuditEvent
{
    public long Id { get; set; }

    /// <summary>1, 2, 3 … without gaps: a gap means a deleted row.</summary>
    public long Sequence { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public Guid? ActorUserId { get; set; }

    /// <summary>The space the action happened in (null: personal or platform).</summary>
    public Guid? OrganizationId { get; set; }
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public AuditOutcome Outcome { get; set; }
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
    public string? CorrelationId { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>The single row every append reads and updates under a write lock, so the chain is total.</summary>
public class AuditChainHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = "";
}
