using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Seals;
using Portal.Application.Seeding;
using Portal.Infrastructure.Signing;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Seals;

/// <summary>Seals with real SoftHSM2 keys and platform-CA certificates; voiding shows in the CA's CRL at once.</summary>
[Collection(SoftHsmCollection.Name)]
public class SealKeysHsmTests(SoftHsmFixture hsm)
{
    /// <summary>The demo seed with the real pool and a platform CA over the database's PKI stores (the CA starts before the seed).</summary>
    private Task<TestDatabase> SeededOnThePoolAsync() => TestDatabase.CreateAsync(seedDemo: true, configure: s =>
    {
        s.AddSingleton(new SigningAvailability(true));
        s.AddSingleton<IPinProvider>(hsm.Pins);
        s.AddSingleton(hsm.Pool);
        s.AddPortalSigning(_ => { }, _ => { }); // production's key types: RSA seals under an RSA-3072 CA
    });

    [Fact]
    public async Task Default_seals_get_their_own_pool_keys_and_certificates_and_voiding_revokes_in_the_crl()
    {
        await using var db = await SeededOnThePoolAsync();
        var ca = db.Services.GetRequiredService<PlatformCa>();
        var org = await db.EnterpriseIdAsync();
        List<Seal> seals;
        await using (var ctx = db.Db(org))
        {
            seals = await ctx.Seals.AsNoTracking().ToListAsync();
        }
        Assert.Equal(2, seals.Count);
        Assert.Equal(2, seals.Select(s => s.KeyId).Distinct().Count());
        var contract = seals.Single(s => s.Type == SealType.Contract);
        var certificate = new X509Certificate(contract.CertificateDer);
        certificate.Verify(ca.IssuingCertificate.GetPublicKey());
        Assert.Contains("合同专用章", certificate.SubjectDN.ToString());
        Assert.Contains("NTRCN-" + DemoSeed.EnterpriseUscc, certificate.SubjectDN.ToString());
        Assert.Equal(PlatformCa.SerialHex(certificate.SerialNumber), contract.CertificateSerial);
        // The key lives in the pool: it signs, and the signature verifies with the certificate.
        var digest = System.Security.Cryptography.SHA256.HashData("用印"u8);
        var signature = hsm.Pool.SignDigest(contract.KeyId, SignatureScheme.RsaPkcs1Sha256, digest);
        var verifier = Org.BouncyCastle.Security.SignerUtilities.GetSigner("SHA256withRSA");
        verifier.Init(false, certificate.GetPublicKey());
        var data = "用印"u8.ToArray();
        verifier.BlockUpdate(data, 0, data.Length);
        Assert.True(verifier.VerifySignature(signature));

        var before = new X509Crl(await ca.GetCrlAsync(PlatformCa.IssuingId));
        Assert.Null(before.GetRevokedCertificate(certificate.SerialNumber));
        var sealAdmin = await db.UserIdAsync(Demo.EnterpriseSealAdmin);
        var r = await db.RunAsync<VoidSeal, Result>(sealAdmin, s => s.ExecuteAsync(contract.Id, "印章遗失"));
        ResultAssert.Ok(r);
        var after = new X509Crl(await ca.GetCrlAsync(PlatformCa.IssuingId));
        after.Verify(ca.IssuingCertificate.GetPublicKey());
        Assert.NotNull(after.GetRevokedCertificate(certificate.SerialNumber));
        Assert.Equal(CrlReason.CessationOfOperation, ReasonIn(after, contract.CertificateSerial));
        Assert.Null(after.GetRevokedCertificate(new X509Certificate(seals.Single(s => s.Type == SealType.Official).CertificateDer).SerialNumber));
    }

    /// <summary>
    /// The other two ways a seal certificate is revoked, checked in the CA's real CRL (the Application tests check them
    /// on fake keys): a scanned seal the platform rejects, and an identity change that voids every seal.
    /// </summary>
    [Fact]
    public async Task A_rejected_scanned_seal_and_an_identity_change_revoke_in_the_crl_with_their_reasons()
    {
        await using var db = await SeededOnThePoolAsync();
        var ca = db.Services.GetRequiredService<PlatformCa>();
        var org = await db.EnterpriseIdAsync();
        var sealAdmin = await db.UserIdAsync(Demo.EnterpriseSealAdmin);
        var admin = await db.UserIdAsync(Demo.PlatformAdmin);
        await db.SwitchAsync(sealAdmin, org);

        var scanned = ResultAssert.Ok(await db.RunAsync<MakeScannedSeal, Result<Guid>>(sealAdmin,
            s => s.ExecuteAsync(SealType.Finance, "财务专用章", null, new UploadedFile("stamp.png", ScannedSealTests.StampPhoto()), 38)));
        await using (var scope = db.As(admin, PlatformRoles.PlatformAdmin))
        {
            ResultAssert.Ok(await scope.ServiceProvider.GetRequiredService<ReviewScannedSeal>().ExecuteAsync(scanned, false, "印迹不清晰"));
        }
        List<Seal> seals;
        await using (var ctx = db.Db(org))
        {
            seals = await ctx.Seals.AsNoTracking().ToListAsync();
        }
        var rejected = seals.Single(s => s.Id == scanned);
        var crl = new X509Crl(await ca.GetCrlAsync(PlatformCa.IssuingId));
        crl.Verify(ca.IssuingCertificate.GetPublicKey());
        Assert.Equal(CrlReason.PrivilegeWithdrawn, ReasonIn(crl, rejected.CertificateSerial));
        var active = seals.Where(s => s.Status == SealStatus.Active).ToList();
        Assert.Equal(2, active.Count);
        Assert.All(active, s => Assert.Null(ReasonIn(crl, s.CertificateSerial)));

        await using (var scope = db.As(null))
        await using (var ctx = db.Db(org))
        {
            await using var tx = await ctx.BeginWriteTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<DomainEvents>().PublishAsync(ctx,
                new OrganizationIdentityChanged(org, "示例科技有限公司", "示例科技股份有限公司", DemoSeed.EnterpriseUscc, DemoSeed.EnterpriseUscc));
            await ctx.SaveChangesAsync();
            await tx.CommitAsync();
        }
        crl = new X509Crl(await ca.GetCrlAsync(PlatformCa.IssuingId));
        crl.Verify(ca.IssuingCertificate.GetPublicKey());
        Assert.All(active, s => Assert.Equal(CrlReason.Superseded, ReasonIn(crl, s.CertificateSerial)));
        Assert.Equal(CrlReason.PrivilegeWithdrawn, ReasonIn(crl, rejected.CertificateSerial));
    }

    /// <summary>The CRL entry's reason code for the certificate with this serial (hex), or null when it is not listed.</summary>
    private static int? ReasonIn(X509Crl crl, string serialHex)
    {
        var entry = crl.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(serialHex, 16));
        if (entry is null)
        {
            return null;
        }
        var value = entry.GetExtensionValue(Org.BouncyCastle.Asn1.X509.X509Extensions.ReasonCode);
        Assert.NotNull(value);
        return CrlReason.GetInstance(Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.FromExtensionValue(value)).IntValueExact;
    }
}
