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
/// <paramref name="db"/>, so they commit or roll back with the caller's unit of work (implemented in Infrastructure). The key
/// itself is generated before the lock (<see cref="PregeneratedSealKey"/>).
/// </summary>
public interface ISealKeys
{
    /// <summary>Whether this instance has an HSM pool and platform CA (<c>Hsm:Tokens</c>); without one, no seal can be made.</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// Generates a new seal key in the pool. Callers do this before the write lock is taken: key generation is the slow part
    /// of making a seal (about 0.3 s for RSA-2048 on SoftHSM2, more on some HSMs), and every other write would wait for it.
    /// </summary>
    Task<string> GenerateKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>Issues the seal certificate for a generated key (subject: organization name, USCC, seal name) and records both through <paramref name="db"/>.</summary>
    Task<SealKeyMaterial> CertifyAsync(IPortalDbContext db, string keyId, Guid sealId, string organizationName, string uscc, string sealName,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes a generated key that no committed seal took (the write was refused or failed).</summary>
    Task DiscardAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Revokes the seal's certificate (listed in the CRL and by OCSP once committed) and sets <see cref="Seal.CertificateRevokedAtUtc"/>; a second call changes nothing.</summary>
    Task RevokeAsync(IPortalDbContext db, Seal seal, SealCertificateRevocation reason, CancellationToken cancellationToken = default);
}
