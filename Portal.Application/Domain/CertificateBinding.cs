namespace Portal.Application.Domain;

public enum BindingStatus
{
    /// <summary>Bound and current: the certificate logs in and stands as identity evidence.</summary>
    Active = 1,

    /// <summary>A newer certificate with the same subject and issuer was bound: this one is stale (seed 002: renewal changes the id).</summary>
    Renewed = 2,

    /// <summary>Unbound by the owner or by CA support; kept for history.</summary>
    Unbound = 3,
}

/// <summary>
/// An external (UKey) certificate bound to an account. One certificate binds to one account: while a
/// binding holds the certificate (active or renewed-but-not-unbound) <see cref="HeldFingerprint"/> is set and
/// a unique index on it refuses a second holder, even under two parallel binds.
/// </summary>
public class CertificateBinding : IPersonallyOwned
{
    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }

    /// <summary>SHA-256 of the DER certificate, upper-case hex: the certificate's identity.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>The fingerprint while this binding holds the certificate, null once it ended (unique when set).</summary>
    public string? HeldFingerprint { get; set; }
    public string SerialNumber { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Issuer { get; set; } = "";
    public string CommonName { get; set; } = "";
    public DateTime NotBeforeUtc { get; set; }
    public DateTime NotAfterUtc { get; set; }
    public byte[] CertificateDer { get; set; } = [];

    /// <summary>The name of the trusted CA the chain reached at binding time.</summary>
    public string? TrustedCaName { get; set; }
    public CertificateTrustStatus TrustAtBinding { get; set; }

    /// <summary>The latest re-check (CA support's "revoked but still bound" view); null until re-checked.</summary>
    public CertificateTrustStatus? LastTrust { get; set; }
    public DateTime? LastCheckedAtUtc { get; set; }

    public BindingStatus Status { get; set; }
    public DateTime BoundAtUtc { get; set; }
    public DateTime? RenewedAtUtc { get; set; }
    public Guid? RenewedByBindingId { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    public Guid? EndedByUserId { get; set; }
    public string? EndReason { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>Trust of an external certificate as the trust store decided it (mirrors the signing core's status).</summary>
public enum CertificateTrustStatus
{
    Trusted = 1,
    RevocationUnknown = 2,
    Revoked = 3,
    Untrusted = 4,
}

public enum BindingEventKind
{
    Bound = 1,
    Renewed = 2,
    Unbound = 3,
    UnboundBySupport = 4,
    Rechecked = 5,
}

/// <summary>One step of a binding's history (the audit trail has it too; this is the per-binding view CA support reads).</summary>
public class CertificateBindingEvent
{
    public long Id { get; set; }
    public Guid BindingId { get; set; }
    public BindingEventKind Kind { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? Detail { get; set; }
}
