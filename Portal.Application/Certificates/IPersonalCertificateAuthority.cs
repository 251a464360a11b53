using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>What the platform CA is asked to certify for a person: a new key of the type, or the existing key (renewal).</summary>
public sealed record PersonalCertificateRequest(Guid UserId, string Name, string IdNumber, PersonalCertificateType Type, DateTime NotAfterUtc,
    string? ExistingKeyId);

/// <summary>A certificate the platform CA issued for a pool key (serial as lower-case hex).</summary>
public sealed record IssuedPersonalCertificate(string KeyId, string SerialNumber, string Subject, DateTime NotBeforeUtc, DateTime NotAfterUtc,
    byte[] Der);

/// <summary>RFC 5280 reasons a personal certificate is revoked for.</summary>
public enum PersonalRevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    Superseded = 4,
    CessationOfOperation = 5,
}

/// <summary>
/// Port to the platform CA and the HSM pool (Application does not reference Portal.Signing). Calls write the
/// CA's own records, so use cases make them outside their write transaction.
/// </summary>
public interface IPersonalCertificateAuthority
{
    /// <summary>False on an instance without an HSM pool: personal certificates cannot be issued there.</summary>
    bool IsAvailable { get; }

    Task<IssuedPersonalCertificate> IssueAsync(PersonalCertificateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Revokes a certificate of the issuing CA; the next CRL and every OCSP answer include it.</summary>
    Task RevokeAsync(string serialNumber, PersonalRevocationReason reason, CancellationToken cancellationToken = default);
}
