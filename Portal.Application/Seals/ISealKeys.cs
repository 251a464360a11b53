using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>A seal's new pool key and its seal certificate.</summary>
public sealed record SealKeyMaterial(string KeyId, byte[] CertificateDer, string Serial, DateTime NotAfterUtc);

/// <summary>Why a seal certificate is revoked.</summary>
public enum SealCertificateRevocation
{
    /// <summary>Voided (stop at voiding) or its last grant ended (keep until revoked): nobody can use it any more.</summary>
    NoLongerUsable = 1,

    /// <summary>The organization's name or USCC changed: the certificate names the old identity.</summary>
    IdentityChanged = 2,

    /// <summary>A scanned seal the platform admin rejected.</summary>
    Rejected = 3,
}

/// <summary>
/// One HSM pool key and one platform-CA seal certificate per organization seal. Both calls record through
/// <paramref name="db"/>, so they commit or roll back with the caller's unit of work (implemented in Infrastructure).
/// </summary>
public interface ISealKeys
{
    /// <summary>Whether this instance has an HSM pool and platform CA (<c>Hsm:Tokens</c>); without one, no seal can be made.</summary>
    bool IsAvailable { get; }

    /// <summary>Generates the seal's pool key and issues its certificate (subject: organization name, USCC, seal name).</summary>
    Task<SealKeyMaterial> CreateAsync(IPortalDbContext db, Guid sealId, string organizationName, string uscc, string sealName,
        CancellationToken cancellationToken = default);

    /// <summary>Revokes the seal's certificate (listed in the CRL and by OCSP once committed) and sets <see cref="Seal.CertificateRevokedAtUtc"/>; a second call changes nothing.</summary>
    Task RevokeAsync(IPortalDbContext db, Seal seal, SealCertificateRevocation reason, CancellationToken cancellationToken = default);
}
