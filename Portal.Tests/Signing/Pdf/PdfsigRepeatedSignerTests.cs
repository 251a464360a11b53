using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Verification;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

/// <summary>
/// Minimal reproduction of poppler 22.12's "Unknown issue with Certificate or corrupted data" for the second signature by
/// one certificate (ADR 0019): no timestamp, no DSS, nothing but two plain signatures by the same key. Under gdb the
/// second signature's CERT_PKIXVerifyCert fails inside NSS's CERT_NewTempCertificate with SEC_ERROR_REUSED_ISSUER_AND_SERIAL
/// for byte-identical certificate DER: poppler imports the CMS certificates as temporary certificates without copying
/// their DER (copyDER = false) from a message it destroys after the first signature, so the cached certificate's DER no
/// longer matches. Our files are fine: both signatures are "Signature is Valid" in pdfsig and TOTAL_PASSED in our verifier.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class PdfsigRepeatedSignerTests(PdfSigningFixture fx)
{
    private const string Trusted = "Certificate Validation: Certificate is Trusted.";
    private const string PopplerRepeatedCertificate = "Certificate Validation: Unknown issue with Certificate or corrupted data.";

    [Fact]
    public async Task Two_signatures_by_one_certificate_are_valid_and_only_poppler_stumbles_over_the_second_certificate()
    {
        var request = new PdfSignRequest { Face = SealAppearance.Ring(100), Stamps = [new SingleStamp(1, 300, 100)] };
        var once = (await new PdfSigner().SignAsync(TestPdfs.Make(1), request, fx.Key, tsa: null)).Pdf;
        var twice = (await new PdfSigner().SignAsync(once, request, fx.Key, tsa: null)).Pdf;

        var lines = Tools.Pdfsig(fx, twice).Split('\n').Select(l => l.Trim(' ', '-')).ToList();
        Assert.Equal(2, lines.Count(l => l == "Signature Validation: Signature is Valid."));
        var certificates = lines.Where(l => l.StartsWith("Certificate Validation:", StringComparison.Ordinal)).ToList();
        Assert.Equal(Trusted, certificates[0]);
        // poppler 22.12 (Debian 12) says the second; a poppler that keeps the DER alive says the first.
        Assert.Contains(certificates[1], new[] { Trusted, PopplerRepeatedCertificate });

        var report = await new PdfVerifier(new PdfVerificationOptions { TrustAnchors = fx.TrustAnchors }).VerifyAsync(twice);
        Assert.All(report.Signatures, s => Assert.Equal(Indication.TotalPassed, s.Indication));
        Assert.Equal(2, report.Signatures.Count);
    }
}
