using Portal.Signing;
using Portal.Signing.Pdf;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

[Collection(SoftHsmCollection.Name)]
public sealed class PdfRefusalTests(PdfSigningFixture fx)
{
    private async Task<SigningException> Refused(byte[] pdf, PdfSigningOptions? options = null, params StampPlacement[] stamps)
    {
        var request = new PdfSignRequest
        {
            Face = SealAppearance.Ring(100),
            Stamps = stamps.Length == 0 ? [new SingleStamp(1, 100, 100)] : stamps,
        };
        return await Assert.ThrowsAsync<SigningException>(() => new PdfSigner(options).SignAsync(pdf, request, fx.Key, fx.Tsa));
    }

    [Theory]
    [InlineData("")]
    [InlineData("user")]
    public async Task Refuses_encrypted_pdfs(string userPassword)
    {
        var encrypted = Tools.Qpdf(TestPdfs.Make(1), $"--encrypt \"{userPassword}\" owner 256 --");
        var ex = await Refused(encrypted);
        Assert.Equal("pdf.encrypted", ex.Code);
        Assert.Contains("password", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refuses_truncated_files()
    {
        var pdf = TestPdfs.Make(2);
        var ex = await Refused(pdf[..(pdf.Length / 2)]);
        Assert.Equal("pdf.broken", ex.Code);
    }

    [Fact]
    public async Task Refuses_garbage()
    {
        var ex = await Refused(System.Text.Encoding.ASCII.GetBytes("this is not a pdf at all, just some text that goes on"));
        Assert.Equal("pdf.not_pdf", ex.Code);
        var junk = new byte[4000];
        new Random(1).NextBytes(junk);
        var withHeader = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(junk).Concat("startxref\n99999999\n%%EOF"u8.ToArray()).ToArray();
        Assert.Equal("pdf.broken", (await Refused(withHeader)).Code);
    }

    [Fact]
    public async Task Refuses_a_file_whose_xref_points_at_the_wrong_bytes()
    {
        var pdf = RawPdfs.Build("<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>");
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var broken = System.Text.Encoding.Latin1.GetBytes(text.Replace("2 0 obj", "7 0 obj"));
        Assert.Equal("pdf.broken", (await Refused(broken)).Code);
    }

    [Fact]
    public async Task Refuses_zero_pages()
    {
        Assert.Equal("pdf.no_pages", (await Refused(RawPdfs.ZeroPages())).Code);
    }

    [Fact]
    public async Task Refuses_over_the_size_and_page_limits()
    {
        var pdf = TestPdfs.Make(3);
        var big = await Refused(pdf, new PdfSigningOptions { MaxBytes = 1000 });
        Assert.Equal("pdf.too_large", big.Code);
        var many = await Refused(pdf, new PdfSigningOptions { MaxPages = 2 });
        Assert.Equal("pdf.too_many_pages", many.Code);
        Assert.Contains("limit is 2", many.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_bad_placements()
    {
        var pdf = TestPdfs.Make(3);
        Assert.Equal("pdf.page_out_of_range", (await Refused(pdf, null, new SingleStamp(9, 1, 1))).Code);
        var cross = await Refused(TestPdfs.Make(40), new PdfSigningOptions { MaxCrossPageSlices = 30 }, new CrossPageStamp(300));
        Assert.Equal("pdf.cross_page_too_many", cross.Code);
        Assert.Equal("pdf.keyword_not_found", (await Refused(pdf, null, new KeywordStamp("不存在的词"))).Code);
    }
}
