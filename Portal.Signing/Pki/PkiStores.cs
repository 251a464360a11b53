namespace Portal.Signing.Pki;

/// <summary>What a certificate issued by the platform CA is for.</summary>
public enum CertificateKind
{
    RootCa,
    IssuingCa,
    TimestampAuthority,
    OrganizationSeal,
    Personal,
}

/// <summary>RFC 5280 CRLReason values the platform uses.</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    CaCompromise = 2,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
    CertificateHold = 6,
    PrivilegeWithdrawn = 9,
}

/// <summary>A certificate the platform CA issued (serial as lower-case hex; issuer "root" or "issuing").</summary>
public sealed record IssuedCertificate(
    string SerialNumber,
    string IssuerId,
    CertificateKind Kind,
    string KeyId,
    string Subject,
    DateTime NotBeforeUtc,
    DateTime NotAfterUtc,
    byte[] Der);

/// <summary>A revocation of a platform-issued certificate.</summary>
public sealed record CertificateRevocation(string IssuerId, string SerialNumber, DateTime RevokedAtUtc, RevocationReason Reason);

/// <summary>A key of the HSM pool the platform knows about, with what it is for (e.g. "pki.root", "tsa", "seal:{id}").</summary>
public sealed record RegisteredKey(string KeyId, KeyAlgorithm Algorithm, string Purpose, DateTime CreatedUtc);

/// <summary>A CA certificate trusted for verification (platform root or imported external CA), its latest CRL and where to fetch the next one.</summary>
public sealed record TrustedCa(
    string Id,
    string Name,
    byte[] CertificateDer,
    bool IsPlatform,
    bool FailClosed,
    byte[]? CrlDer = null,
    DateTime? CrlThisUpdateUtc = null,
    DateTime? CrlNextUpdateUtc = null,
    string? CrlUrl = null);

/// <summary>Certificates issued by the platform CA.</summary>
public interface IIssuedCertificateStore
{
    Task AddAsync(IssuedCertificate certificate, CancellationToken cancellationToken = default);

    Task<IssuedCertificate?> FindAsync(string issuerId, string serialNumber, CancellationToken cancellationToken = default);

    /// <summary>The most recently issued certificate of a kind (used for the CA and TSA certificates at start).</summary>
    Task<IssuedCertificate?> FindLatestAsync(CertificateKind kind, CancellationToken cancellationToken = default);
}

/// <summary>Revocations of platform-issued certificates and the CRL number sequence per CA.</summary>
public interface IRevocationStore
{
    /// <summary>Records a revocation; a certificate already revoked keeps its first revocation.</summary>
    Task AddAsync(CertificateRevocation revocation, CancellationToken cancellationToken = default);

    Task<CertificateRevocation?> FindAsync(string issuerId, string serialNumber, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CertificateRevocation>> ListAsync(string issuerId, CancellationToken cancellationToken = default);

    /// <summary>Returns the next CRL number for the CA (1, 2, …), persisted.</summary>
    Task<long> NextCrlNumberAsync(string issuerId, CancellationToken cancellationToken = default);
}

/// <summary>CA certificates trusted for verification and their imported CRLs.</summary>
public interface ITrustedCaStore
{
    Task<IReadOnlyList<TrustedCa>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces by <see cref="TrustedCa.Id"/>.</summary>
    Task SaveAsync(TrustedCa ca, CancellationToken cancellationToken = default);
}

/// <summary>The registry of pool keys and their purposes.</summary>
public interface IKeyRegistry
{
    Task AddAsync(RegisteredKey key, CancellationToken cancellationToken = default);

    Task<RegisteredKey?> FindAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>The most recently registered key with this purpose.</summary>
    Task<RegisteredKey?> FindByPurposeAsync(string purpose, CancellationToken cancellationToken = default);
}
