using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>What Application needs to know about an uploaded certificate.</summary>
public sealed record CertificateFacts(byte[] Der, string Fingerprint, string SerialNumber, string Subject, string Issuer, string CommonName,
    DateTime NotBeforeUtc, DateTime NotAfterUtc, string KeyAlgorithm, bool IsCa);

/// <summary>The trust store's verdict; <see cref="IsAcceptable"/> already applies the CA's fail-open/closed policy.</summary>
public sealed record CertificateTrust(CertificateTrustStatus Status, bool IsAcceptable, string? TrustedCaName, string? Detail);

/// <summary>
/// Port to the signing core (Application does not reference Portal.Signing): parses certificates,
/// asks the trust store, verifies proof-of-possession signatures.
/// </summary>
public interface ICertificateInspector
{
    /// <summary>Reads a DER or PEM certificate; null when the bytes are not one.</summary>
    CertificateFacts? Read(byte[] file);

    /// <summary>Chain to a trusted CA and revocation, at the current time.</summary>
    Task<CertificateTrust> CheckTrustAsync(byte[] der, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <paramref name="signature"/> over <paramref name="message"/> was made with the certificate's key:
    /// RSA PKCS#1 v1.5 or PSS with SHA-256, ECDSA P-256 with SHA-256 (DER or raw r||s).
    /// </summary>
    bool VerifyPossession(byte[] der, byte[] message, byte[] signature);
}
