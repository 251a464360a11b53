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

/// <summary>
/// A user's reissue counter (seed 001 补发): three free reissues, then packages of three bought; renewals do
/// not change it.
/// </summary>
public class ReissueAllowance : IPersonallyOwned
{
    public const int Free = 3;
    public const int PackageSize = 3;

    /// <summary>Price of one package in fen (30 元, seed 001).</summary>
    public const long PackagePriceFen = 3000;

    public Guid OwnerUserId { get; set; }
    public int Used { get; set; }
    public int Purchased { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public int Remaining => Free + Purchased - Used;
}

/// <summary>安装记录 kinds: 首次下载, 补发, 更新, 变更.</summary>
public enum CertificateInstallKind
{
    FirstDownload = 1,
    Reissue = 2,
    Renewal = 3,
    Change = 4,
}

/// <summary>One installation of a personal certificate (it became the user's current one).</summary>
public class CertificateInstallRecord : IPersonallyOwned
{
    public long Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public Guid CertificateId { get; set; }
    public CertificateInstallKind Kind { get; set; }
    public PersonalCertificateType Type { get; set; }
    public string SerialNumber { get; set; } = "";
    public DateTime NotAfterUtc { get; set; }
    public DateTime OccurredAtUtc { get; set; }
}

/// <summary>操作记录 kinds: what a certificate was used for or what happened to it.</summary>
public enum CertificateOperationKind
{
    Sign = 1,
    Verify = 2,
    Login = 3,
    Issue = 4,
    Renew = 5,
    Reissue = 6,
    Revoke = 7,
    Download = 8,
}

/// <summary>Whose key: a hosted personal certificate or an external (UKey) certificate bound to the account.</summary>
public enum CertificateSource
{
    Hosted = 1,
    External = 2,
}

/// <summary>One use of a user's certificate (sign, verify, login …), shown on the operation records page.</summary>
public class CertificateOperation : IPersonallyOwned
{
    public long Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public CertificateSource Source { get; set; }
    public string SerialNumber { get; set; } = "";
    public CertificateOperationKind Kind { get; set; }
    public DateTime OccurredAtUtc { get; set; }

    /// <summary>What was done (a document name, a login channel …).</summary>
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}

public enum OrderStatus
{
    Pending = 1,
    Paid = 2,
    Failed = 3,
}

/// <summary>A purchase (a reissue package); payment goes through <c>IPaymentGateway</c>.</summary>
public class CertificateOrder : IPersonallyOwned
{
    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public string Product { get; set; } = "";
    public int Quantity { get; set; }
    public long AmountFen { get; set; }
    public OrderStatus Status { get; set; }
    public string? PaymentReference { get; set; }
    public string? FailureReason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? PaidAtUtc { get; set; }
}

/// <summary>
/// A one-time ticket the certificate-login endpoint hands to the main site, which redeems it once to set
/// its own cookie. Only the hash of the token is stored; <see cref="StateHash"/> ties it to the browser that
/// started the login.
/// </summary>
public class CertificateLoginTicket
{
    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";
    public string StateHash { get; set; } = "";
    public Guid UserId { get; set; }
    public Guid BindingId { get; set; }
    public string SerialNumber { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}
