using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Store;
using Portal.Signing;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pki;

[Collection(SoftHsmCollection.Name)]
public sealed class PlatformCaTests(SoftHsmFixture hsm)
{
    [Fact]
    public async Task Seal_and_personal_certificates_chain_to_the_root()
    {
        var (ca, _) = await PkiTestCa.GetAsync(hsm);
        var sealKey = hsm.Pool.GenerateKey(KeyAlgorithm.EcP256).KeyId;
        var personKey = hsm.Pool.GenerateKey(KeyAlgorithm.Rsa2048).KeyId;

        var seal = new X509Certificate((await ca.IssueSealCertificateAsync(sealKey, new SealSubject("深圳市示例科技有限公司", "91440300MA5XXXXXX1", "合同专用章"))).Der);
        var person = new X509Certificate((await ca.IssuePersonalCertificateAsync(personKey, new PersonSubject("张三", "11010519491231002X"))).Der);

        foreach (var certificate in new[] { seal, person })
        {
            var path = BuildPath(certificate, ca.RootCertificate, ca.IssuingCertificate);
            Assert.Equal(2, path.CertPath.Certificates.Count);
            Assert.Equal(ca.RootCertificate, path.TrustAnchor.TrustedCert);
            Assert.True(certificate.SerialNumber.BitLength >= 64);
            var keyUsage = certificate.GetKeyUsage();
            Assert.True(keyUsage[0] && keyUsage[1], "digitalSignature + nonRepudiation");
            Assert.DoesNotContain(true, keyUsage[2..]);
            Assert.Null(certificate.GetExtendedKeyUsage());
            Assert.Null(certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints));
            Assert.Null(certificate.GetExtensionValue(X509Extensions.AuthorityInfoAccess));
        }

        Assert.Equal("深圳市示例科技有限公司", seal.SubjectDN.GetValueList(X509Name.O).Single());
        Assert.Equal("合同专用章", seal.SubjectDN.GetValueList(X509Name.CN).Single());
        Assert.Equal("NTRCN-91440300MA5XXXXXX1", seal.SubjectDN.GetValueList(CertificateSubjects.OrganizationIdentifier).Single());
        var pid = person.SubjectDN.GetValueList(X509Name.SerialNumber).Single();
        Assert.StartsWith("PID1-", pid);
        Assert.DoesNotContain("110105", System.Text.Encoding.Latin1.GetString(person.GetEncoded()));
        Assert.Equal(CertificateSubjects.PersonalIdentifier("11010519491231002x", hsm.Pins.GetIdentifierPepper()), pid);
    }

    [Fact]
    public async Task Signing_key_of_an_issued_certificate_signs_what_the_certificate_verifies()
    {
        var (ca, _) = await PkiTestCa.GetAsync(hsm);
        var keyId = hsm.Pool.GenerateKey(KeyAlgorithm.EcP256).KeyId;
        var issued = await ca.IssueSealCertificateAsync(keyId, new SealSubject("Org", "91110000100000000X", "公章"));
        var signingKey = ca.GetSigningKey(issued);
        var message = RandomNumberGenerator.GetBytes(64);

        var signature = await signingKey.SignDigestAsync(SHA256.HashData(message));

        Assert.Equal(3, signingKey.CertificateChain.Count);
        Assert.True(SignatureVerifier.Verify(signingKey.CertificateChain[0].GetPublicKey(), signingKey.Scheme, message, signature));
    }

    [Fact]
    public async Task Public_base_url_adds_aia_and_cdp_and_eku_option_adds_email_and_document_signing()
    {
        var (_, stores) = await PkiTestCa.GetAsync(hsm);
        // Same stores: the second instance loads the existing CA instead of creating one.
        var ca = new PlatformCa(hsm.Pool, new PkiOptions
        {
            CaKeyAlgorithm = KeyAlgorithm.Rsa2048,
            PublicBaseUrl = "https://portal.example.com/",
            EndEntityEku = EndEntityEku.EmailProtectionAndDocumentSigning,
        }, stores, hsm.Pins);
        await ca.InitializeAsync();
        var keyId = hsm.Pool.GenerateKey(KeyAlgorithm.EcP256).KeyId;

        var certificate = new X509Certificate((await ca.IssueSealCertificateAsync(keyId, new SealSubject("Org", "91110000100000000X", "财务章"))).Der);

        Assert.Equal((await PkiTestCa.GetAsync(hsm)).Ca.RootCertificate, ca.RootCertificate);
        var cdp = CrlDistPoint.GetInstance(certificate.GetExtensionParsedValue(X509Extensions.CrlDistributionPoints));
        Assert.Contains("https://portal.example.com/pki/crl/issuing.crl", cdp.ToString());
        var aia = AuthorityInformationAccess.GetInstance(certificate.GetExtensionParsedValue(X509Extensions.AuthorityInfoAccess));
        Assert.Contains(aia.GetAccessDescriptions(), d => d.AccessMethod.Equals(AccessDescription.IdADOcsp) && d.AccessLocation.ToString().Contains("https://portal.example.com/pki/ocsp"));
        var eku = certificate.GetExtendedKeyUsage().Select(o => o.Id).ToList();
        Assert.Equal(["1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36"], eku);
    }

    [Fact]
    public async Task Revoked_certificate_is_in_the_next_crl_and_ocsp_says_revoked_for_get_and_post()
    {
        var (ca, _) = await PkiTestCa.GetAsync(hsm);
        var ocsp = new OcspResponder(ca);
        var keep = new X509Certificate((await ca.IssueSealCertificateAsync(hsm.Pool.GenerateKey(KeyAlgorithm.EcP256).KeyId, new SealSubject("Org", "91110000100000000X", "keep"))).Der);
        var revokeIssued = await ca.IssueSealCertificateAsync(hsm.Pool.GenerateKey(KeyAlgorithm.EcP256).KeyId, new SealSubject("Org", "91110000100000000X", "revoke"));
        var revoke = new X509Certificate(revokeIssued.Der);
        var before = new X509Crl(await ca.GetCrlAsync(PlatformCa.IssuingId));
        Assert.Null(before.GetRevokedCertificate(revoke.SerialNumber));
        Assert.Equal("Good", OcspStatus(await ocsp.RespondAsync(OcspResponder.CreateRequest(revoke, ca.IssuingCertificate)), ca.IssuingCertificate).Status);

        await ca.RevokeAsync(PlatformCa.IssuingId, revokeIssued.SerialNumber, RevocationReason.KeyCompromise);

        var after = new X509Crl(await ca.GetCrlAsync(PlatformCa.IssuingId));
        after.Verify(ca.IssuingCertificate.GetPublicKey());
        Assert.True(after.NextUpdate > after.ThisUpdate);
        var entry = after.GetRevokedCertificate(revoke.SerialNumber);
        Assert.NotNull(entry);
        Assert.Equal(CrlReason.KeyCompromise, CrlReason.GetInstance(entry.GetExtensionParsedValue(X509Extensions.ReasonCode)).IntValueExact);
        Assert.Null(after.GetRevokedCertificate(keep.SerialNumber));
        Assert.True(CrlNumber(after) > CrlNumber(before));

        var nonce = RandomNumberGenerator.GetBytes(16);
        var request = OcspResponder.CreateRequest(revoke, ca.IssuingCertificate, nonce);
        var post = OcspStatus(await ocsp.RespondAsync(request), ca.IssuingCertificate);
        var get = OcspStatus(await ocsp.RespondToGetAsync(Uri.EscapeDataString(Convert.ToBase64String(request))), ca.IssuingCertificate);
        Assert.Equal(("Revoked", (int?)CrlReason.KeyCompromise), (post.Status, post.Reason));
        Assert.Equal(("Revoked", (int?)CrlReason.KeyCompromise), (get.Status, get.Reason));
        Assert.Equal(nonce, post.Nonce);
        Assert.Equal("Good", OcspStatus(await ocsp.RespondAsync(OcspResponder.CreateRequest(keep, ca.IssuingCertificate)), ca.IssuingCertificate).Status);
        var stranger = new ExternalTestCa("Stranger");
        Assert.Equal("Unknown", OcspStatus(await ocsp.RespondAsync(OcspResponder.CreateRequest(stranger.IssueLeaf("x"), stranger.Certificate)), ca.IssuingCertificate).Status);
        Assert.Equal(1, new Org.BouncyCastle.Ocsp.OcspResp(await ocsp.RespondAsync(new byte[] { 1, 2, 3 })).Status); // malformedRequest
    }

    [Fact]
    public async Task Timestamp_token_verifies_against_the_tsa_certificate_and_the_imprint()
    {
        var (ca, _) = await PkiTestCa.GetAsync(hsm);
        var tsa = new PlatformTimestampAuthority(ca);
        var imprint = SHA256.HashData(RandomNumberGenerator.GetBytes(100));

        var token = new Org.BouncyCastle.Tsp.TimeStampToken(new Org.BouncyCastle.Cms.CmsSignedData(await tsa.TimestampAsync(imprint)));

        token.Validate(ca.TimestampCertificate); // checks the signature, the signing certificate and its critical timeStamping EKU
        Assert.Equal(imprint, token.TimeStampInfo.GetMessageImprintDigest());
        Assert.Equal("2.16.840.1.101.3.4.2.1", token.TimeStampInfo.MessageImprintAlgOid);
        Assert.True(Math.Abs((token.TimeStampInfo.GenTime - DateTime.UtcNow).TotalMinutes) < 2);
        Assert.Contains(ca.TimestampCertificate.GetCriticalExtensionOids(), o => o == X509Extensions.ExtendedKeyUsage.Id);
        Assert.Equal(["1.3.6.1.5.5.7.3.8"], ca.TimestampCertificate.GetExtendedKeyUsage().Select(o => o.Id));
        BuildPath(ca.TimestampCertificate, ca.RootCertificate, ca.IssuingCertificate);
        var other = SHA256.HashData(imprint);
        Assert.NotEqual(other, token.TimeStampInfo.GetMessageImprintDigest());
        Assert.ThrowsAny<Exception>(() => token.Validate(ca.IssuingCertificate));
    }

    internal static PkixCertPathBuilderResult BuildPath(X509Certificate certificate, X509Certificate root, params X509Certificate[] intermediates)
    {
        var parameters = new PkixBuilderParameters(new HashSet<TrustAnchor> { new(root, null) }, new X509CertStoreSelector { Certificate = certificate })
        {
            IsRevocationEnabled = false,
        };
        parameters.AddStoreCert(CollectionUtilities.CreateStore<X509Certificate>([.. intermediates, certificate]));
        return new PkixCertPathBuilder().Build(parameters);
    }

    private static long CrlNumber(X509Crl crl) => DerInteger.GetInstance(crl.GetExtensionParsedValue(X509Extensions.CrlNumber)).LongValueExact;

    private static (string Status, int? Reason, byte[]? Nonce) OcspStatus(byte[] response, X509Certificate responder)
    {
        var resp = new Org.BouncyCastle.Ocsp.OcspResp(response);
        Assert.Equal(0, resp.Status);
        var basic = (Org.BouncyCastle.Ocsp.BasicOcspResp)resp.GetResponseObject();
        Assert.True(basic.Verify(responder.GetPublicKey()));
        var single = Assert.Single(basic.Responses);
        var nonceExt = basic.ResponseExtensions?.GetExtension(Org.BouncyCastle.Asn1.Ocsp.OcspObjectIdentifiers.PkixOcspNonce);
        var nonce = nonceExt is null ? null : Asn1OctetString.GetInstance(nonceExt.Value.GetOctets()).GetOctets();
        return single.GetCertStatus() switch
        {
            null => ("Good", null, nonce),
            Org.BouncyCastle.Ocsp.RevokedStatus r => ("Revoked", r.HasRevocationReason ? r.RevocationReason : null, nonce),
            _ => ("Unknown", null, nonce),
        };
    }
}
