namespace Portal.Application.Domain;

/// <summary>
/// The product a personal certificate is issued as (seed 001: renewing the same type extends the validity,
/// another type takes effect at once). The type decides the key algorithm in the HSM pool.
/// </summary>
public enum PersonalCertificateType
{
    /// <summary>RSA-2048: what every relying party accepts.</summary>
    Standard = 1,

    /// <summary>ECC P-256: smaller and faster signatures.</summary>
    Ecc = 2,
}

public enum PersonalCertificateStatus
{
    /// <summary>The user's current certificate: it signs personal signatures and name seals.</summary>
    Active = 1,

    /// <summary>Replaced by a renewal, a type change or a reissue.</summary>
    Superseded = 2,

    /// <summary>Revoked at the platform CA (in its CRL and OCSP answers).</summary>
    Revoked = 3,
}

/// <summary>
/// A hosted personal certificate (托管证书): key in the HSM pool, issued by the platform CA to one
/// real-name-verified person. At most one per user is active — <see cref="ActiveOwnerUserId"/> is set only
/// while active and a unique index on it decides between two parallel issues.
/// </summary>
public class PersonalCertificate : IPersonallyOwned
{
    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }

    /// <summary>The owner while this certificate is active, else null (unique when set).</summary>
    public Guid? ActiveOwnerUserId { get; set; }
    public PersonalCertificateType Type { get; set; }
    public string KeyId { get; set; } = "";

    /// <summary>Lower-case hex, as the platform CA keys its records.</summary>
    public string SerialNumber { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTime NotBeforeUtc { get; set; }
    public DateTime NotAfterUtc { get; set; }
    public byte[] CertificateDer { get; set; } = [];
    public PersonalCertificateStatus Status { get; set; }
    public DateTime IssuedAtUtc { get; set; }
    public Guid? ReplacedById { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevocationReason { get; set; }

    /// <summary>When the 30-day and 7-day expiry warnings went out (each once).</summary>
    public DateTime? Warned30AtUtc { get; set; }
    public DateTime? Warned7AtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
