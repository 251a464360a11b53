using Org.BouncyCastle.Asn1.X509;
using Portal.Signing.Pdf;

namespace Portal.Tests.Signing.Support;

/// <summary>One signed PDF for the seal-image tests above the Signing layer (made once per test run, no HSM).</summary>
public static class SealImagePdfs
{
    private static readonly Lazy<Task<byte[]>> Signed = new(MakeAsync);

    /// <summary>
    /// Three signatures by a self-signed software seal (not trusted here): two with the same ring seal, one whose
    /// appearance is only text (as other tools draw), so it shows no seal.
    /// </summary>
    public static Task<byte[]> TwoSealsAndATextOnlySignatureAsync() => Signed.Value;

    private static async Task<byte[]> MakeAsync()
    {
        var pair = TestPki.RsaKeyPair(out var rsa);
        var cert = TestPki.Issue("CN=合同专用章,O=外部单位,C=CN", pair.Public, null, pair.Private, ca: false, KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);
        var key = new SoftwareSigningKey(rsa, [cert], "seal-image");
        var ring = SealAppearance.Ring(100);
        var textOnly = SealAppearance.FromContent("BT /F1 12 Tf 10 10 Td (signed) Tj ET"u8.ToArray(), 120, 40);
        var pdf = TestPdfs.Make(2);
        foreach (var (face, page) in new[] { (ring, 1), (ring, 2), (textOnly, 1) })
        {
            var request = new PdfSignRequest { Face = face, Stamps = [new SingleStamp(page, 300, face == textOnly ? 400 : 100)], SignerName = "外部单位" };
            pdf = (await new PdfSigner().SignAsync(pdf, request, key, tsa: null)).Pdf;
        }

        return pdf;
    }
}
