using System.Security.Cryptography;
using Org.BouncyCastle.X509;
using Portal.Signing;
using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Parsing;
using Portal.Signing.Pdf.Verification;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

/// <summary>
/// PAdES B-LT: the DSS revision after a signature (chain, the platform CA's OCSP answers and CRLs made in process), what
/// pdfsig and qpdf make of it, and the verifier judging the signing time from it when no other source answers.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class LongTermValidationTests(PdfSigningFixture fx)
{
    private static readonly SealAppearance Face = SealAppearance.Ring(100);

    /// <summary>"Offline": a revocation source that cannot answer (the network is down, the CA is not ours).</summary>
    private sealed class Offline : IRevocationStatusProvider
    {
        public Task<RevocationStatus> GetStatusAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken = default) =>
            Task.FromResult(new RevocationStatus(RevocationState.Unknown, Reason: "offline"));
    }

    private async Task<byte[]> SignLt(byte[] pdf, ISigningKey key, int page = 1, double x = 300)
    {
        var signed = (await new PdfSigner().SignAsync(pdf, new PdfSignRequest { Face = Face, Stamps = [new SingleStamp(page, x, 100)], SignerName = "测试单位" }, key, fx.Tsa)).Pdf;
        return DocumentSecurityStore.Append(signed, await new PlatformValidationMaterial(fx.Ca).CollectAsync(key.CertificateChain));
    }

    private Task<PdfVerificationReport> Verify(byte[] pdf, IRevocationStatusProvider? revocation) =>
        new PdfVerifier(new PdfVerificationOptions { TrustAnchors = fx.TrustAnchors, Revocation = revocation }).VerifyAsync(pdf);

    [Fact]
    public async Task A_BLT_file_verifies_offline_good_at_signing_time_from_its_DSS_and_pdfsig_and_qpdf_accept_it()
    {
        var input = TestPdfs.Make(2);
        var blt = await SignLt(input, fx.Key);

        // The DSS: chain + TSA in /Certs, the issuing CA's answers for seal and TSA, two CRLs, a VRI keyed by SHA-1 of /Contents.
        var file = PdfFile.Open(blt);
        var dss = file.ResolveDict(file.Catalog["DSS"])!;
        Assert.Equal(4, ((PdfArray)file.Resolve(dss["Certs"])).Count);
        Assert.Equal(2, ((PdfArray)file.Resolve(dss["OCSPs"])).Count);
        Assert.Equal(2, ((PdfArray)file.Resolve(dss["CRLs"])).Count);
        var contents = ((PdfString)file.ResolveDict(file.ResolveDict(((PdfArray)file.ResolveDict(file.Catalog["AcroForm"])!["Fields"]!)[0])!["V"])!["Contents"]!).Value;
#pragma warning disable CA5350 // the VRI key is SHA-1 by the PAdES standard
        var key = Convert.ToHexString(SHA1.HashData(contents));
#pragma warning restore CA5350
        var vri = file.ResolveDict(file.ResolveDict(dss["VRI"])![key]);
        Assert.NotNull(vri);
        Assert.Equal(2, ((PdfArray)vri["OCSP"]!).Count);

        // No source answers (none at all, or one that is offline): the DSS says "not revoked at the timestamp".
        foreach (var source in new IRevocationStatusProvider?[] { null, new Offline() })
        {
            var report = await Verify(blt, source);
            var sig = Assert.Single(report.Signatures);
            Assert.Equal(Indication.TotalPassed, sig.Indication);
            Assert.Equal((RevocationState.Unknown, RevocationState.Good, RevocationSource.DocumentDss), (sig.Revocation!.State, sig.Revocation.AtSigningTime, sig.Revocation.Source));
            Assert.Contains(sig.Messages, m => m.Contains("per the document's validation data (DSS)", StringComparison.Ordinal));

            // The DSS revision is an allowed addition, not a change of what the signature covers.
            Assert.False(sig.CoversWholeDocument);
            Assert.True(report.Revisions[^1].Allowed, string.Join("; ", report.Revisions[^1].Violations));
            Assert.Contains("validation data", report.Revisions[^1].Summary, StringComparison.Ordinal);
        }

        // Without the DSS the same offline verifier cannot say: the DSS is what made it pass.
        var bare = blt[..(int)(await Verify(blt, null)).Signatures[0].ByteRange.Skip(2).Sum()];
        Assert.Equal(SubIndication.TryLater, (await Verify(bare, new Offline())).Signatures[0].SubIndication);

        // Real oracles: the signature is valid and trusted in pdfsig, and qpdf finds the file clean.
        PdfSignerTests.AssertValid(fx, input, blt, 1);
    }

    [Fact]
    public async Task A_seal_revoked_after_the_timestamp_still_verifies_valid_at_signing_time_and_revoked_now()
    {
        // A seal of its own: revoking it must not touch the keys other tests sign with.
        var key = await PdfSigningFixture.SealKeyAsync(fx.Ca, KeyAlgorithm.EcP256, "吊销测试单位", "公章");
        var blt = await SignLt(TestPdfs.Make(1), key);
        // Revoked an hour after signing (OCSP and CRL times have whole seconds: a revocation in the timestamp's second counts as before it).
        var later = await fx.CaLaterAsync(TimeSpan.FromHours(1));
        await later.RevokeAsync(PlatformCa.IssuingId, PlatformCa.SerialHex(key.CertificateChain[0].SerialNumber), RevocationReason.CessationOfOperation);
        var trust = new TrustStore(fx.Stores.TrustedCas, fx.Stores.Revocations);

        // The platform's records: revoked now, after the timestamp, so the signature stays valid.
        var report = await new PdfVerifier(await trust.VerificationOptionsAsync()).VerifyAsync(blt);
        var sig = Assert.Single(report.Signatures);
        Assert.Equal(Indication.TotalPassed, sig.Indication);
        Assert.Equal((RevocationState.Revoked, RevocationState.Good, true), (sig.Revocation!.State, sig.Revocation.AtSigningTime, sig.Revocation.RevokedAfterTimestamp));

        // Offline, a DSS revision added after the revocation (its OCSP answer and CRL say "revoked") still proves the signing time good.
        var refreshed = DocumentSecurityStore.Append(await SignLt(blt, fx.Key2, x: 100), await new PlatformValidationMaterial(later).CollectAsync(key.CertificateChain));
        // The DSS is carried over each time: certificates once each (two seals, issuing CA, root, TSA), one VRI entry per signature.
        var file = PdfFile.Open(refreshed);
        var dss = file.ResolveDict(file.Catalog["DSS"])!;
        Assert.Equal(5, ((PdfArray)file.Resolve(dss["Certs"])).Count);
        Assert.Equal(2, file.ResolveDict(dss["VRI"])!.Entries.Count);
        var offline = await Verify(refreshed, new Offline());
        Assert.All(offline.Signatures, s => Assert.Equal(Indication.TotalPassed, s.Indication));
        Assert.All(offline.Revisions, r => Assert.True(r.Allowed, r.Summary + ": " + string.Join("; ", r.Violations)));
        Assert.Equal(RevocationState.Good, offline.Signatures[0].Revocation!.AtSigningTime);
    }

    [Fact]
    public async Task A_DSS_answer_the_issuer_did_not_sign_does_not_count()
    {
        // A CRL in our issuing CA's name signed by another key, in the DSS of our signature: it speaks for nobody here.
        var signed = (await new PdfSigner().SignAsync(TestPdfs.Make(1), new PdfSignRequest { Face = Face, Stamps = [new SingleStamp(1, 300, 100)] }, fx.Key, fx.Tsa)).Pdf;
        var forgedCa = fx.UntrustedKey.CertificateChain[^1];
        var g = new X509V2CrlGenerator();
        g.SetIssuerDN(fx.Ca.IssuingCertificate.SubjectDN);
        g.SetThisUpdate(DateTime.UtcNow);
        g.SetNextUpdate(DateTime.UtcNow.AddDays(1));
        var forger = TestPki.RsaKeyPair(out _);
        var forged = g.Generate(new Org.BouncyCastle.Crypto.Operators.Asn1SignatureFactory("SHA256WITHRSA", forger.Private)).GetEncoded();
        var withForged = DocumentSecurityStore.Append(signed, new ValidationMaterial([forgedCa.GetEncoded()], [], [forged]));

        var report = await Verify(withForged, new Offline());
        Assert.Equal(SubIndication.TryLater, report.Signatures[0].SubIndication);
    }

    [Fact]
    public async Task A_DSS_pointing_at_page_content_does_not_make_changing_that_content_allowed()
    {
        var blt = await SignLt(TestPdfs.Make(1), fx.Key);
        var file = PdfFile.Open(blt);
        var update = new IncrementalUpdate(file);
        var contentsRef = (PdfReference)file.ResolveDict(file.Pages.Refs()[0])!["Contents"]!;
        var catalog = new PdfDictionary(file.Catalog).Set("DSS", contentsRef);
        update.Replace(file.RootRef.Number, catalog);
        var tricked = blt.Concat(update.Write().ToArray()).ToArray();
        file = PdfFile.Open(tricked);
        update = new IncrementalUpdate(file);
        update.Replace(contentsRef.Number, new PdfStream(new PdfDictionary(), "BT /F1 40 Tf 100 400 Td (PAID) Tj ET"u8.ToArray()));
        var changed = tricked.Concat(update.Write().ToArray()).ToArray();

        var report = await Verify(changed, null);
        Assert.Equal(SubIndication.ModifiedAfterSigning, report.Signatures[0].SubIndication);
    }
}
