using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;
using Portal.Signing;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Signing;

/// <summary>The signing core's PKI stores in the portal database (one context per call).</summary>
internal sealed class EfPkiStores(IDbContextFactory<PortalDbContext> factory)
    : IIssuedCertificateStore, IRevocationStore, ITrustedCaStore, IKeyRegistry
{
    async Task IIssuedCertificateStore.AddAsync(IssuedCertificate c, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Set<PkiCertificateRecord>().Add(new PkiCertificateRecord
        {
            IssuerId = c.IssuerId,
            SerialNumber = c.SerialNumber,
            Kind = (int)c.Kind,
            KeyId = c.KeyId,
            Subject = c.Subject,
            NotBeforeUtc = c.NotBeforeUtc,
            NotAfterUtc = c.NotAfterUtc,
            Der = c.Der,
        });
        await db.SaveChangesAsync(ct);
    }

    async Task<IssuedCertificate?> IIssuedCertificateStore.FindAsync(string issuerId, string serialNumber, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.Set<PkiCertificateRecord>().AsNoTracking()
            .FirstOrDefaultAsync(x => x.IssuerId == issuerId && x.SerialNumber == serialNumber, ct);
        return r is null ? null : ToModel(r);
    }

    public async Task<IssuedCertificate?> FindLatestAsync(CertificateKind kind, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.Set<PkiCertificateRecord>().AsNoTracking().Where(x => x.Kind == (int)kind)
            .OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        return r is null ? null : ToModel(r);
    }

    async Task IRevocationStore.AddAsync(CertificateRevocation revocation, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // The first revocation stands; a second one of the same certificate changes nothing.
        if (await db.Set<PkiRevocationRecord>().AnyAsync(x => x.IssuerId == revocation.IssuerId && x.SerialNumber == revocation.SerialNumber, ct))
        {
            return;
        }
        db.Set<PkiRevocationRecord>().Add(new PkiRevocationRecord
        {
            IssuerId = revocation.IssuerId,
            SerialNumber = revocation.SerialNumber,
            RevokedAtUtc = revocation.RevokedAtUtc,
            Reason = (int)revocation.Reason,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A parallel revocation may have won the unique index: same outcome. Anything else is a fault.
            if (!await AlreadyRevokedAsync(revocation, ct))
            {
                throw;
            }
        }
    }

    private async Task<bool> AlreadyRevokedAsync(CertificateRevocation revocation, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<PkiRevocationRecord>().AnyAsync(x => x.IssuerId == revocation.IssuerId && x.SerialNumber == revocation.SerialNumber, ct);
    }

    async Task<CertificateRevocation?> IRevocationStore.FindAsync(string issuerId, string serialNumber, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.Set<PkiRevocationRecord>().AsNoTracking().FirstOrDefaultAsync(x => x.IssuerId == issuerId && x.SerialNumber == serialNumber, ct);
        return r is null ? null : new CertificateRevocation(r.IssuerId, r.SerialNumber, r.RevokedAtUtc, (RevocationReason)r.Reason);
    }

    public async Task<IReadOnlyList<CertificateRevocation>> ListAsync(string issuerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<PkiRevocationRecord>().AsNoTracking().Where(x => x.IssuerId == issuerId).OrderBy(x => x.Id)
            .Select(r => new CertificateRevocation(r.IssuerId, r.SerialNumber, r.RevokedAtUtc, (RevocationReason)r.Reason)).ToListAsync(ct);
    }

    public async Task<long> NextCrlNumberAsync(string issuerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.BeginWriteTransactionAsync(ct);
        var counter = await db.Set<PkiCrlCounter>().FirstOrDefaultAsync(x => x.IssuerId == issuerId, ct);
        if (counter is null)
        {
            counter = new PkiCrlCounter { IssuerId = issuerId, LastNumber = 0 };
            db.Set<PkiCrlCounter>().Add(counter);
        }
        counter.LastNumber++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return counter.LastNumber;
    }

    public async Task<IReadOnlyList<TrustedCa>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<PkiTrustedCaRecord>().AsNoTracking().OrderBy(x => x.Name)
            .Select(r => new TrustedCa(r.Id, r.Name, r.CertificateDer, r.IsPlatform, r.FailClosed, r.CrlDer, r.CrlThisUpdateUtc, r.CrlNextUpdateUtc, r.CrlUrl))
            .ToListAsync(ct);
    }

    public async Task SaveAsync(TrustedCa ca, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.Set<PkiTrustedCaRecord>().FirstOrDefaultAsync(x => x.Id == ca.Id, ct);
        if (r is null)
        {
            r = new PkiTrustedCaRecord { Id = ca.Id };
            db.Set<PkiTrustedCaRecord>().Add(r);
        }
        r.Name = ca.Name;
        r.CertificateDer = ca.CertificateDer;
        r.IsPlatform = ca.IsPlatform;
        r.FailClosed = ca.FailClosed;
        r.CrlDer = ca.CrlDer;
        r.CrlThisUpdateUtc = ca.CrlThisUpdateUtc;
        r.CrlNextUpdateUtc = ca.CrlNextUpdateUtc;
        r.CrlUrl = ca.CrlUrl;
        await db.SaveChangesAsync(ct);
    }

    async Task IKeyRegistry.AddAsync(RegisteredKey key, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Set<PkiKeyRecord>().Add(new PkiKeyRecord { KeyId = key.KeyId, Algorithm = (int)key.Algorithm, Purpose = key.Purpose, CreatedUtc = key.CreatedUtc });
        await db.SaveChangesAsync(ct);
    }

    async Task<RegisteredKey?> IKeyRegistry.FindAsync(string keyId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.Set<PkiKeyRecord>().AsNoTracking().FirstOrDefaultAsync(x => x.KeyId == keyId, ct);
        return r is null ? null : new RegisteredKey(r.KeyId, (KeyAlgorithm)r.Algorithm, r.Purpose, r.CreatedUtc);
    }

    public async Task<RegisteredKey?> FindByPurposeAsync(string purpose, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.Set<PkiKeyRecord>().AsNoTracking().Where(x => x.Purpose == purpose).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        return r is null ? null : new RegisteredKey(r.KeyId, (KeyAlgorithm)r.Algorithm, r.Purpose, r.CreatedUtc);
    }

    private static IssuedCertificate ToModel(PkiCertificateRecord r) =>
        new(r.SerialNumber, r.IssuerId, (CertificateKind)r.Kind, r.KeyId, r.Subject, r.NotBeforeUtc, r.NotAfterUtc, r.Der);
}
