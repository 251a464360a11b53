using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seals;
using Portal.Infrastructure.Persistence;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Signing;

/// <summary>
/// Seal keys in the HSM pool with certificates from the platform CA. The key registry, certificate and revocation rows are
/// written through the caller's context (its write transaction holds the SQLite lock, so a second connection would wait on it),
/// and the CA re-issues its CRL when it sees the new revocation.
/// </summary>
internal sealed class HsmSealKeys(IServiceProvider services, SigningAvailability availability, TimeProvider time) : ISealKeys
{
    public bool IsAvailable => availability.IsConfigured;

    public async Task<string> GenerateKeyAsync(CancellationToken cancellationToken = default)
    {
        RequirePool();
        var ca = services.GetRequiredService<PlatformCa>();
        var key = await services.GetRequiredService<HsmPool>().GenerateKeyAsync(ca.Options.SealKeyAlgorithm, cancellationToken);
        return key.KeyId;
    }

    public Task DiscardAsync(string keyId, CancellationToken cancellationToken = default)
    {
        RequirePool();
        services.GetRequiredService<HsmPool>().DeleteKey(keyId);
        return Task.CompletedTask;
    }

    public Task<SealKeyMaterial> CertifyAsync(IPortalDbContext db, string keyId, Guid sealId, string organizationName, string uscc, string sealName,
        CancellationToken cancellationToken = default)
    {
        RequirePool();
        // Quick HSM reads (the key's type and public key) and a CA signature; the slow generation happened before the lock.
        var algorithm = services.GetRequiredService<HsmPool>().GetAlgorithm(keyId);
        var certificate = services.GetRequiredService<PlatformCa>().CreateSealCertificate(keyId, new SealSubject(organizationName, uscc, sealName));
        var context = (PortalDbContext)db;
        context.Set<PkiKeyRecord>().Add(new PkiKeyRecord
        {
            KeyId = keyId,
            Algorithm = (int)algorithm,
            Purpose = "seal:" + sealId.ToString("N"),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        context.Set<PkiCertificateRecord>().Add(new PkiCertificateRecord
        {
            IssuerId = certificate.IssuerId,
            SerialNumber = certificate.SerialNumber,
            Kind = (int)certificate.Kind,
            KeyId = certificate.KeyId,
            Subject = certificate.Subject,
            NotBeforeUtc = certificate.NotBeforeUtc,
            NotAfterUtc = certificate.NotAfterUtc,
            Der = certificate.Der,
        });
        return Task.FromResult(new SealKeyMaterial(keyId, certificate.Der, certificate.SerialNumber, certificate.NotAfterUtc));
    }

    private void RequirePool()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("No HSM pool is configured (Hsm:Tokens).");
        }
    }

    public async Task RevokeAsync(IPortalDbContext db, Seal seal, SealCertificateRevocation reason, CancellationToken cancellationToken = default)
    {
        if (seal.CertificateRevokedAtUtc is not null || string.IsNullOrEmpty(seal.CertificateSerial))
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        seal.CertificateRevokedAtUtc = now;
        var context = (PortalDbContext)db;
        var serial = seal.CertificateSerial.ToLowerInvariant();
        var revocations = context.Set<PkiRevocationRecord>();
        if (revocations.Local.Any(r => r.IssuerId == PlatformCa.IssuingId && r.SerialNumber == serial)
            || await revocations.AnyAsync(r => r.IssuerId == PlatformCa.IssuingId && r.SerialNumber == serial, cancellationToken))
        {
            return;
        }
        revocations.Add(new PkiRevocationRecord
        {
            IssuerId = PlatformCa.IssuingId,
            SerialNumber = serial,
            RevokedAtUtc = now,
            Reason = (int)(reason switch
            {
                SealCertificateRevocation.IdentityChanged => RevocationReason.Superseded,
                SealCertificateRevocation.Rejected => RevocationReason.PrivilegeWithdrawn,
                _ => RevocationReason.CessationOfOperation,
            }),
        });
    }
}
