using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Verification;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

/// <summary>Verdicts that must never read "valid" by mistake: look-alike chains, and documents that point the verifier at addresses.</summary>
[Collection(SoftHsmCollection.Name)]
public sealed class VerifierVerdictTests(PdfSigningFixture fx)
{
    private static readonly SealAppearance Face = SealAppearance.Ring(100);

    private static X509Certificate Issue(X509Name subject, AsymmetricKeyParameter subjectPublic, X509Name issuer, AsymmetricKeyParameter issuerPrivate, bool ca, BigInteger serial, string? urlBase = null)
    {
        var g = new X509V3CertificateGenerator();
        g.SetSerialNumber(serial);
        g.SetIssuerDN(issuer);
        g.SetSubjectDN(subject);
        g.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        g.SetNotAfter(DateTime.UtcNow.AddYears(2));
        g.SetPublicKey(subjectPublic);
        g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(ca ? KeyUsage.KeyCertSign | KeyUsage.CrlSign : KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        if (urlBase is not null)
        {
            g.AddExtension(X509Extensions.CrlDistributionPoints, false, new CrlDistPoint([
                new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, urlBase + "/crl"))), null, null)]));
            g.AddExtension(X509Extensions.AuthorityInfoAccess, false, new AuthorityInformationAccess([
                new AccessDescription(AccessDescription.IdADOcsp, new GeneralName(GeneralName.UniformResourceIdentifier, urlBase + "/ocsp")),
                new AccessDescription(AccessDescription.IdADCAIssuers, new GeneralName(GeneralName.UniformResourceIdentifier, urlBase + "/ca.cer"))]));
        }

        return g.Generate(new Asn1SignatureFactory("SHA256WITHRSA", issuerPrivate));
    }

    [Fact]
    public async Task A_chain_with_our_CA_names_but_other_keys_is_indeterminate_never_passed_or_failed()
    {
        // Another installation: root and issuing CA named exactly like ours, the seal's name and even its serial number.
        var ours = fx.Key.CertificateChain[0];
        var rootKp = TestPki.RsaKeyPair(out _);
        var root = Issue(fx.Root.SubjectDN, rootKp.Public, fx.Root.SubjectDN, rootKp.Private, ca: true, fx.Root.SerialNumber);
        var issuingKp = TestPki.RsaKeyPair(out _);
        var issuing = Issue(fx.Ca.IssuingCertificate.SubjectDN, issuingKp.Public, root.SubjectDN, rootKp.Private, ca: true, fx.Ca.IssuingCertificate.SerialNumber);
        var sealKp = TestPki.RsaKeyPair(out var sealRsa);
        var seal = Issue(ours.SubjectDN, sealKp.Public, issuing.SubjectDN, issuingKp.Private, ca: false, ours.SerialNumber);
        var key = new SoftwareSigningKey(sealRsa, [seal, issuing, root], "look-alike");

        // Our own TSA stamps it (a trusted timestamp), and our trust store (platform CA, its revocations) judges it.
        var signed = (await new PdfSigner().SignAsync(TestPdfs.Make(1), new PdfSignRequest { Face = Face, Stamps = [new SingleStamp(1, 300, 100)] }, key, fx.Tsa)).Pdf;
        var trust = new TrustStore(fx.Stores.TrustedCas, fx.Stores.Revocations);
        var report = await new PdfVerifier(await trust.VerificationOptionsAsync()).VerifyAsync(signed);

        Assert.Equal((Indication.Indeterminate, SubIndication.NoCertificateChainFound), (report.Indication, report.SubIndication));
        var sig = Assert.Single(report.Signatures);
        Assert.Equal((Indication.Indeterminate, SubIndication.NoCertificateChainFound), (sig.Indication, sig.SubIndication));
    }

    [Fact]
    public async Task A_byte_changed_in_the_second_revision_fails_the_signatures_that_cover_it_and_only_those()
    {
        // The digests of all signatures come from one pass over the file (SignedRangeDigests): each must still cover its own range.
        var pdf = TestPdfs.Make(2);
        for (var i = 0; i < 3; i++)
        {
            pdf = (await new PdfSigner().SignAsync(pdf, new PdfSignRequest { Face = Face, Stamps = [new SingleStamp(1, 100 + (i * 120), 100)] }, fx.Key, fx.Tsa)).Pdf;
        }

        var options = new PdfVerificationOptions { TrustAnchors = fx.TrustAnchors };
        var clean = await new PdfVerifier(options).VerifyAsync(pdf);
        Assert.All(clean.Signatures, s => Assert.Equal(Indication.TotalPassed, s.Indication));

        // A byte inside a stream the second revision added (after the first signature's range, outside the second's /Contents).
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var firstEnd = (int)(clean.Signatures[0].ByteRange[2] + clean.Signatures[0].ByteRange[3]);
        var second = clean.Signatures[1].ByteRange;
        var at = Enumerable.Range(firstEnd, (int)(second[2] + second[3]) - firstEnd)
            .First(i => (i < second[1] || i >= second[2]) && text.AsSpan(i).StartsWith("stream\n", StringComparison.Ordinal)) + 12;
        var tampered = (byte[])pdf.Clone();
        tampered[at] ^= 0x01;

        var report = await new PdfVerifier(options).VerifyAsync(tampered);
        Assert.NotEqual(SubIndication.HashFailure, report.Signatures[0].SubIndication);
        Assert.Equal(SubIndication.HashFailure, report.Signatures[1].SubIndication);
        Assert.Equal(SubIndication.HashFailure, report.Signatures[2].SubIndication);
        Assert.Equal(Indication.TotalFailed, report.Indication);
    }

    [Fact]
    public async Task A_pdf_without_signatures_is_indeterminate_signed_data_not_found()
    {
        var report = await new PdfVerifier(new PdfVerificationOptions { TrustAnchors = fx.TrustAnchors }).VerifyAsync(TestPdfs.Make(2));
        Assert.Equal((Indication.Indeterminate, SubIndication.SignedDataNotFound), (report.Indication, report.SubIndication));
        Assert.Empty(report.Signatures);
    }

    [Fact]
    public async Task The_verifier_never_calls_an_address_found_in_the_document()
    {
        // A listener on loopback stands for "any address": the certificates' CRL, OCSP and CA-issuer URLs all point at it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var urlBase = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        var rootKp = TestPki.RsaKeyPair(out _);
        var rootName = new X509Name("CN=Fetch Bait Root,O=Elsewhere");
        var root = Issue(rootName, rootKp.Public, rootName, rootKp.Private, ca: true, BigInteger.One);
        var signerKp = TestPki.RsaKeyPair(out var signerRsa);
        var signer = Issue(new X509Name("CN=Fetch Bait Signer,O=Elsewhere"), signerKp.Public, rootName, rootKp.Private, ca: false, BigInteger.Two, urlBase);
        var signed = (await new PdfSigner().SignAsync(TestPdfs.Make(1), new PdfSignRequest { Face = Face, Stamps = [new SingleStamp(1, 300, 100)] },
            new SoftwareSigningKey(signerRsa, [signer, root], "bait"), fx.Tsa)).Pdf;

        // The root is imported (so revocation is asked), with its CRL URL at the listener too: only the refresh job may fetch that.
        var stores = PkiStores.InMemory();
        var trust = new TrustStore(stores.TrustedCas, stores.Revocations);
        await trust.ImportCaAsync(root.GetEncoded(), "Fetch Bait", failClosed: false, crlUrl: urlBase + "/root.crl");
        var report = await new PdfVerifier(await trust.VerificationOptionsAsync()).VerifyAsync(signed);

        Assert.NotEqual(Indication.TotalFailed, report.Indication);
        Assert.Single(report.Signatures);
        Assert.False(listener.Pending(), "the verifier connected to an address from the document");
    }
}
