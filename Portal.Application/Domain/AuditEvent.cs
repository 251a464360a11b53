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

/// <summary>
/// A signed checkpoint of the chain (ADR 0018): the head hash after event <see cref="Sequence"/>, signed with the platform's
/// audit key in the HSM pool, written in the transaction that appended that event. Whoever can write the database can rebuild
/// hashes, but cannot sign: a rebuilt chain no longer matches its checkpoints.
/// </summary>
public class AuditCheckpoint
{
    public long Id { get; set; }

    /// <summary>The sequence of the last event the checkpoint covers.</summary>
    public long Sequence { get; set; }

    /// <summary>That event's hash (the chain head at the checkpoint).</summary>
    public string HeadHash { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The signing key's label in the pool (a key roll-over keeps old checkpoints verifiable).</summary>
    public string KeyLabel { get; set; } = "";

    /// <summary>Base64 of the signature over <c>AuditCheckpoints.Payload</c>.</summary>
    public string Signature { get; set; } = "";
}
