using Org.BouncyCastle.X509;
using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Parsing;
using Portal.Signing.Pdf.Verification;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

[Collection(SoftHsmCollection.Name)]
public sealed class PdfVerifierTests(PdfSigningFixture fx)
{
    private static readonly SealAppearance Face = SealAppearance.Ring(100);

    private sealed class Revocations(Func<X509Certificate, RevocationStatus> answer) : IRevocationStatusProvider
    {
        public Task<RevocationStatus> GetStatusAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken = default) =>
            Task.FromResult(answer(certificate));
    }

    private async Task<byte[]> Sign(byte[] pdf, Portal.Signing.ISigningKey? key = null, params StampPlacement[] stamps) =>
        (await new PdfSigner().SignAsync(pdf, new PdfSignRequest { Face = Face, Stamps = stamps.Length > 0 ? stamps : [new SingleStamp(1, 300, 100)], SignerName = "测试单位" }, key ?? fx.Key, fx.Tsa)).Pdf;

    private Task<PdfVerificationReport> Verify(byte[] pdf, IRevocationStatusProvider? revocation = null) =>
        new PdfVerifier(new PdfVerificationOptions { TrustAnchors = fx.TrustAnchors, Revocation = revocation ?? new Revocations(_ => RevocationStatus.Good) }).VerifyAsync(pdf);

    [Fact]
    public async Task Untouched_signatures_pass_and_the_report_says_what_each_revision_added()
    {
        var input = Tools.Qpdf(TestPdfs.Make(4), "--object-streams=generate");
        var one = await Sign(input);
        var two = await Sign(one, fx.Key, new SingleStamp(2, 300, 300), new CrossPageStamp(400));
        var three = await Sign(two, fx.Key2);
        var report = await Verify(three);
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal(3, report.Signatures.Count);
        Assert.All(report.Signatures, s => Assert.Equal(Indication.TotalPassed, s.Indication));
        Assert.All(report.Signatures, s => Assert.NotNull(s.TimestampTime));
        Assert.True(report.Signatures[2].CoversWholeDocument);
        Assert.False(report.Signatures[0].CoversWholeDocument);
        Assert.Equal(5, report.Signatures[1].Stamps.Count);
        Assert.Contains(report.Revisions, r => r.Summary.Contains("signature #2 by 测试单位, 5 stamp(s) on pages 1–4", StringComparison.Ordinal));
        Assert.All(report.Revisions, r => Assert.True(r.Allowed, string.Join("; ", r.Violations)));
    }

    [Fact]
    public async Task A_changed_byte_is_a_hash_failure()
    {
        var signed = await Sign(TestPdfs.Make(2));
        var tampered = (byte[])signed.Clone();
        var at = System.Text.Encoding.Latin1.GetString(signed).IndexOf("/MediaBox", StringComparison.Ordinal);
        tampered[at + 1] = (byte)'m';
        var report = await Verify(tampered);
        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Equal(SubIndication.HashFailure, report.Signatures[0].SubIndication);
    }

    [Fact]
    public async Task A_later_revision_replacing_page_content_is_flagged()
    {
        var signed = await Sign(TestPdfs.Make(2));
        var file = PdfFile.Open(signed);
        var update = new IncrementalUpdate(file);
        var pageRef = file.Pages.Refs()[0];
        var page = new PdfDictionary(file.ResolveDict(pageRef)!);
        page["Contents"] = update.Add(new PdfStream(new PdfDictionary(), "BT /F1 40 Tf 100 400 Td (PAID) Tj ET"u8.ToArray()));
        update.Replace(pageRef.Number, page);
        var modified = signed.Concat(update.Write().ToArray()).ToArray();

        var report = await Verify(modified);
        var sig = Assert.Single(report.Signatures);
        Assert.Equal(Indication.TotalFailed, sig.Indication);
        Assert.Equal(SubIndication.ModifiedAfterSigning, sig.SubIndication);
        Assert.Contains(sig.Messages, m => m.Contains("page 1: /Contents changed", StringComparison.Ordinal));
        Assert.False(report.Revisions[^1].Allowed);
    }

    [Fact]
    public async Task An_annotation_added_later_without_a_signature_is_flagged()
    {
        var signed = await Sign(TestPdfs.Make(2));
        var file = PdfFile.Open(signed);
        var update = new IncrementalUpdate(file);
        var pageRef = file.Pages.Refs()[1];
        var page = new PdfDictionary(file.ResolveDict(pageRef)!);
        var annot = update.Add(new PdfDictionary().Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Stamp")).Set("Rect", PdfArray.Of(10, 10, 100, 100)));
        page["Annots"] = new PdfArray([annot]);
        update.Replace(pageRef.Number, page);
        var report = await Verify(signed.Concat(update.Write().ToArray()).ToArray());
        Assert.Equal(SubIndication.ModifiedAfterSigning, report.Signatures[0].SubIndication);
        Assert.Contains("without a signature", string.Join(";", report.Revisions[^1].Violations), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_root_is_indeterminate()
    {
        var report = await Verify(await Sign(TestPdfs.Make(1), fx.UntrustedKey));
        Assert.Equal(Indication.Indeterminate, report.Indication);
        Assert.Equal(SubIndication.NoCertificateChainFound, report.Signatures[0].SubIndication);
    }

    [Fact]
    public async Task Revocation_after_the_timestamp_keeps_the_signature_valid_before_it_does_not()
    {
        var signed = await Sign(TestPdfs.Make(1));
        var signerSerial = fx.Key.CertificateChain[0].SerialNumber;
        RevocationStatus RevokedAt(X509Certificate c, DateTimeOffset when) =>
            c.SerialNumber.Equals(signerSerial) ? new RevocationStatus(RevocationState.Revoked, when, "seal voided") : RevocationStatus.Good;

        var after = await Verify(signed, new Revocations(c => RevokedAt(c, DateTimeOffset.UtcNow.AddMinutes(5))));
        Assert.Equal(Indication.TotalPassed, after.Indication);
        Assert.Contains(after.Signatures[0].Messages, m => m.Contains("stays valid", StringComparison.Ordinal));

        var before = await Verify(signed, new Revocations(c => RevokedAt(c, DateTimeOffset.UtcNow.AddHours(-1))));
        Assert.Equal(Indication.TotalFailed, before.Indication);
        Assert.Equal(SubIndication.Revoked, before.Signatures[0].SubIndication);

        var unknown = await Verify(signed, new Revocations(_ => new RevocationStatus(RevocationState.Unknown)));
        Assert.Equal(SubIndication.TryLater, unknown.Signatures[0].SubIndication);
    }

    [Fact]
    public async Task A_signature_by_another_tool_verifies_alongside_ours()
    {
        var input = fx.OtherTool.Sign(TestPdfs.Make(2));
        var report = await Verify(await Sign(input));
        Assert.Equal(2, report.Signatures.Count);
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("adbe.pkcs7.detached", report.Signatures[0].SubFilter);
    }

    [Fact]
    public async Task An_unsigned_pdf_has_no_signed_data()
    {
        var report = await Verify(TestPdfs.Make(1));
        Assert.Equal(SubIndication.SignedDataNotFound, report.SubIndication);
    }

    [Fact]
    public async Task The_trust_store_decides_trust_and_revocation_for_the_verifier()
    {
        var key = await PdfSigningFixture.SealKeyAsync(fx.Ca, Portal.Signing.KeyAlgorithm.Rsa2048, "吊销测试单位", "公章");
        var signed = await Sign(TestPdfs.Make(1), key);
        var untimed = (await new PdfSigner().SignAsync(TestPdfs.Make(1), new PdfSignRequest { Face = Face, Stamps = [new SingleStamp(1, 300, 100)] }, key, tsa: null)).Pdf;
        var trust = new Portal.Signing.Pki.TrustStore(fx.Stores.TrustedCas, fx.Stores.Revocations);

        var good = await new PdfVerifier(await trust.VerificationOptionsAsync()).VerifyAsync(signed);
        var partner = await new PdfVerifier(await trust.VerificationOptionsAsync()).VerifyAsync(fx.OtherTool.Sign(TestPdfs.Make(1)));
        await fx.Ca.RevokeAsync(Portal.Signing.Pki.PlatformCa.IssuingId, Portal.Signing.Pki.PlatformCa.SerialHex(key.CertificateChain[0].SerialNumber), Portal.Signing.Pki.RevocationReason.KeyCompromise);
        var revoked = await new PdfVerifier(await trust.VerificationOptionsAsync()).VerifyAsync(signed);

        Assert.Equal(Indication.TotalPassed, good.Indication);
        Assert.Equal(SubIndication.NoCertificateChainFound, partner.Signatures[0].SubIndication); // the partner root is not in the store
        // Revoked after the timestamp: the timestamp proves the signature came first.
        Assert.Equal(Indication.TotalPassed, revoked.Indication);
        Assert.Contains(revoked.Signatures[0].Messages, m => m.Contains("stays valid", StringComparison.Ordinal));
        var noPoe = await new PdfVerifier(await trust.VerificationOptionsAsync()).VerifyAsync(untimed);
        Assert.Equal((Indication.Indeterminate, SubIndication.RevokedNoPoe), (noPoe.Indication, noPoe.SubIndication));
        Assert.Equal(Portal.Signing.Pki.TrustStatus.Revoked, (await trust.CheckAsync(key.CertificateChain[0])).Status);
    }
}
