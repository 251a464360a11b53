using Portal.Signing.Pdf;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

public sealed class PdfSignerTests(PdfSigningFixture fx) : IClassFixture<PdfSigningFixture>
{
    private static readonly SealAppearance Face = SealAppearance.Ring(113);

    private static PdfSignRequest Request(params StampPlacement[] stamps) => new()
    {
        Face = Face,
        Stamps = stamps.Length == 0 ? [new SingleStamp(1, 400, 100)] : stamps,
        SignerName = "测试单位",
        Reason = "同意",
    };

    private async Task<byte[]> Sign(byte[] pdf, PdfSignRequest? request = null, Portal.Signing.ISigningKey? key = null) =>
        (await new PdfSigner().SignAsync(pdf, request ?? Request(), key ?? fx.Key, fx.Tsa)).Pdf;

    internal static void AssertValid(PdfSigningFixture fx, byte[] input, byte[] signed, int expectedSignatures)
    {
        var report = Tools.Pdfsig(fx, signed);
        Assert.True(expectedSignatures == CountOf(report, "Signature Validation: Signature is Valid."), report);
        Assert.True(expectedSignatures == CountOf(report, "Certificate Validation: Certificate is Trusted."), report);
        Tools.AssertQpdfCleanComparedTo(input, signed);
    }

    private static int CountOf(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    [Fact]
    public async Task Signs_a_classic_xref_file_valid_in_pdfsig_and_clean_in_qpdf()
    {
        var signed = await Sign(TestPdfs.Make(3));
        AssertValid(fx, TestPdfs.Make(3), signed, 1);
    }
}
