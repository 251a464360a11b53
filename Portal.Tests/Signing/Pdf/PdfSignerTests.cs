using Portal.Signing.Pdf;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

[Collection(SoftHsmCollection.Name)]
public sealed class PdfSignerTests(PdfSigningFixture fx)
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

    [Fact]
    public async Task Signs_xref_stream_and_object_stream_input()
    {
        var input = Tools.Qpdf(TestPdfs.Make(3), "--object-streams=generate");
        Assert.Contains("/ObjStm", System.Text.Encoding.Latin1.GetString(input));
        var signed = await Sign(input);
        AssertValid(fx, input, signed, 1);
        Assert.Contains("/XRef", System.Text.Encoding.Latin1.GetString(signed[input.Length..]));
    }

    [Fact]
    public async Task Signs_linearized_input()
    {
        var input = Tools.Qpdf(TestPdfs.Make(5), "--linearize");
        var signed = await Sign(input, Request(new SingleStamp(3, 100, 100)));
        AssertValid(fx, input, signed, 1);
    }

    [Fact]
    public async Task Three_signatures_in_a_row_with_a_cross_page_seal_in_the_second_all_stay_valid()
    {
        var input = TestPdfs.Make(4);
        var one = await Sign(input);
        var two = await Sign(one, Request(new SingleStamp(2, 300, 300), new CrossPageStamp(400)), fx.Key2);
        // pdfsig 22.12 reports "Unknown issue with Certificate" for any repeated signer certificate, with or without a
        // timestamp (a poppler bug, PdfsigRepeatedSignerTests), so the oracle run uses three signers; our verifier
        // covers the same-signer case.
        var three = await Sign(two, Request(new MultiPageStamp(100, 600)), fx.Key3);
        AssertValid(fx, input, three, 3);
        Assert.Contains("Signature2", System.Text.Encoding.Latin1.GetString(two));
    }

    [Fact]
    public async Task Keeps_a_signature_made_by_another_tool_valid()
    {
        var input = fx.OtherTool.Sign(TestPdfs.Make(2));
        Assert.Contains("Signature is Valid", Tools.Pdfsig(fx, input));
        var signed = await Sign(input);
        AssertValid(fx, input, signed, 2);
    }

    [Fact]
    public async Task Signs_a_300_page_file()
    {
        var input = TestPdfs.Make(300);
        var signed = await Sign(input, Request(new SingleStamp(300, 400, 100)));
        AssertValid(fx, input, signed, 1);
    }
}
