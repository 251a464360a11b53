using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.PersonalSignatures;
using Portal.Application.Seeding;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Infrastructure.Signing;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pdf;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.Application.PersonalSignatures;

/// <summary>
/// Personal signing end to end on the shared SoftHSM2 pool with the platform CA and TSA: the first personal signing issues
/// the person's certificate, the PDF verifies in pdfsig with that certificate as the signer, and the use is in the
/// certificate's operation records.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class PersonalSigningHsmTests(SoftHsmFixture hsm) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _wang;
    private string _nss = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true, configure: s =>
        {
            s.AddSingleton(new SigningAvailability(true));
            s.AddSingleton<IPinProvider>(hsm.Pins);
            s.AddSingleton(hsm.Pool);
            s.AddPortalSigning(_ => { }, FastTestKeys.Apply);
        });
        var ca = _db.Services.GetRequiredService<PlatformCa>(); // loaded from the seeded copy
        _wang = await _db.UserIdAsync(Demo.EnterpriseMember); // real-name verified by the seed, signing PIN Pin2026, no personal certificate
        _nss = Portal.Tests.Support.TestTemp.NewFolder("nss");
        Directory.CreateDirectory(_nss);
        Tools.Run("certutil", $"-N -d sql:{_nss} --empty-password");
        var root = Tools.TempFile(ca.RootCertificate.GetEncoded(), ".der");
        Tools.Run("certutil", $"-A -d sql:{_nss} -n \"Portal Root\" -t \"CT,C,C\" -i {root}");
        File.Delete(root);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_nss, recursive: true);
    }

    private Task<Result<SignedDocument>> SignAsync(Guid signatureId, byte[] pdf) =>
        _db.RunAsync<SignWithSeal, Result<SignedDocument>>(_wang, s => s.ExecuteAsync(SignWithSealCommand.Personal(signatureId, "借款合同.pdf", pdf,
            [new StampSpec(StampKind.Single, 1, 300, 200)], new PinProof(DemoSeed.SigningPin))));

    /// <summary>The serial number of the certificate that signed (the CMS signer id of the last signature).</summary>
    private static string SignerSerial(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var start = text.LastIndexOf("/Contents <", StringComparison.Ordinal) + "/Contents <".Length;
        var hex = text[start..text.IndexOf('>', start)];
        using var asn1 = new Asn1InputStream(Convert.FromHexString(hex));
        var cms = new CmsSignedData(ContentInfo.GetInstance(asn1.ReadObject()));
        var signer = cms.GetSignerInfos().GetSigners().Single();
        return signer.SignerID.SerialNumber.ToString(16);
    }

    [Fact]
    public async Task A_name_seal_signs_with_the_personal_certificate_issued_on_first_use_and_pdfsig_trusts_it()
    {
        var nameSeal = await _db.RunAsync<MakeNameSeal, Result<PersonalSignatureView>>(_wang, s => s.ExecuteAsync());
        ResultAssert.Ok(nameSeal);
        await using (var ctx = _db.Db(null, _wang))
        {
            Assert.False(await ctx.PersonalCertificates.AnyAsync());
        }

        var input = TestPdfs.Make(2);
        var signed = await SignAsync(nameSeal.Value!.Id, input);
        ResultAssert.Ok(signed);
        Assert.Null(signed.Value!.UsageId);
        Assert.Equal("借款合同-signed.pdf", signed.Value.FileName);

        PersonalCertificate certificate;
        await using (var ctx = _db.Db(null, _wang))
        {
            certificate = await ctx.PersonalCertificates.AsNoTracking().SingleAsync(c => c.ActiveOwnerUserId == _wang);
            var record = await ctx.CertificateOperations.AsNoTracking().SingleAsync(o => o.Kind == CertificateOperationKind.Sign);
            Assert.Equal(certificate.SerialNumber, record.SerialNumber);
            Assert.Contains("借款合同.pdf", record.Detail);
            Assert.Contains("王强", record.Detail);
        }
        Assert.Contains("王强", certificate.Subject);
        Assert.Equal(certificate.SerialNumber.TrimStart('0'), SignerSerial(signed.Value.Pdf).TrimStart('0'));

        var file = Tools.TempFile(signed.Value.Pdf);
        var report = Tools.Run("pdfsig", $"-nssdir sql:{_nss} {file}", allowFailure: true).Output;
        File.Delete(file);
        Assert.Contains("Signature is Valid", report);
        Assert.Contains("Certificate is Trusted", report);
        Assert.Contains("Signer Certificate Common Name: 王强", report);
        Tools.AssertQpdfCleanComparedTo(input, signed.Value.Pdf);

        // A handwritten signature signs with the same certificate (none issued again); a deleted one signs nothing.
        var handwritten = await _db.RunAsync<SaveHandwrittenSignature, Result<PersonalSignatureView>>(_wang,
            s => s.ExecuteAsync("手写", PersonalSignatureTests.Strokes(transparent: true)));
        var second = await SignAsync(handwritten.Value!.Id, input);
        ResultAssert.Ok(second);
        Assert.Equal(certificate.SerialNumber.TrimStart('0'), SignerSerial(second.Value!.Pdf).TrimStart('0'));
        Assert.True((await _db.RunAsync<DeleteSignature, Result>(_wang, s => s.ExecuteAsync(handwritten.Value.Id))).Succeeded);
        Assert.Equal(Errors.SignatureNotFound, (await SignAsync(handwritten.Value.Id, input)).Error?.Code);
        await using (var ctx = _db.Db(null, _wang))
        {
            Assert.Equal(1, await ctx.PersonalCertificates.CountAsync());
            Assert.Equal(2, await ctx.CertificateOperations.CountAsync(o => o.Kind == CertificateOperationKind.Sign));
        }
    }
}
