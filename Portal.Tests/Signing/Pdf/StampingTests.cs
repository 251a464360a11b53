using Portal.Signing.Pdf;
using Portal.Signing.Seals;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Seals;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

[Collection(SoftHsmCollection.Name)]
public sealed class StampingTests(PdfSigningFixture fx)
{
    private static readonly SealAppearance Face = new SealFaceCache().Get(SealFaceSpec.Official("北京测试科技有限公司"));

    private async Task<PdfSignResult> Sign(byte[] input, params StampPlacement[] stamps)
    {
        var result = await new PdfSigner().SignAsync(input, new PdfSignRequest { Face = Face, Stamps = stamps, SignerName = "测试单位" }, fx.Key, fx.Tsa);
        PdfSignerTests.AssertValid(fx, input, result.Pdf, 1);
        return result;
    }

    private static int RedIn(byte[] pdf, int page, double x, double yTop, double w, double h)
    {
        using var bmp = SealFaceTests.Render(pdf, page);
        return SealFaceTests.CountRed(bmp, (int)x, (int)yTop, (int)w, (int)h);
    }

    [Fact]
    public async Task Multi_page_stamp_lands_on_every_page_of_the_range_in_the_same_revision()
    {
        var input = TestPdfs.Make(5);
        var result = await Sign(input, new SingleStamp(1, 50, 50), new MultiPageStamp(400, 100, 2, 4));
        Assert.Equal(4, result.StampCount);
        Assert.Equal([1, 2, 3, 4], result.StampedPages);
        var d = Face.Width;
        for (var p = 2; p <= 4; p++)
        {
            Assert.True(RedIn(result.Pdf, p, 400, 842 - 100 - d, d, d) > 200, $"page {p}");
        }

        Assert.Equal(0, RedIn(result.Pdf, 5, 400, 842 - 100 - d, d, d));
    }

    [Theory]
    [InlineData(PageEdge.Right)]
    [InlineData(PageEdge.Left)]
    public async Task Cross_page_seal_puts_one_slice_at_the_edge_of_each_page(PageEdge edge)
    {
        var input = TestPdfs.Make(4);
        var result = await Sign(input, new CrossPageStamp(400, edge));
        Assert.Equal(4, result.StampCount);
        var slice = Face.Width / 4;
        var x = edge == PageEdge.Right ? 595 - slice : 0;
        var total = 0;
        for (var p = 1; p <= 4; p++)
        {
            var inSlice = RedIn(result.Pdf, p, x, 842 - 400 - Face.Height, slice, Face.Height);
            Assert.True(inSlice > 20, $"page {p}: {inSlice}");
            total += inSlice;
            var outside = edge == PageEdge.Right ? RedIn(result.Pdf, p, 0, 0, 595 - slice - 2, 842) : RedIn(result.Pdf, p, slice + 2, 0, 595 - slice - 2, 842);
            Assert.Equal(0, outside);
        }

        Assert.True(total > 600);
    }

    [Fact]
    public async Task Cross_page_seal_in_pairs_splits_the_face_over_each_spread()
    {
        var input = TestPdfs.Make(4);
        var result = await Sign(input, new CrossPageStamp(400, Pairs: true));
        Assert.Equal(4, result.StampCount);
        var half = Face.Width / 2;
        Assert.True(RedIn(result.Pdf, 1, 595 - half, 842 - 400 - Face.Height, half, Face.Height) > 100);
        Assert.True(RedIn(result.Pdf, 2, 0, 842 - 400 - Face.Height, half, Face.Height) > 100);
    }

    [Fact]
    public async Task Keyword_stamp_is_centred_on_each_occurrence()
    {
        var input = TestPdfs.Make(3, keywordOnPages: "all");
        var hits = KeywordFinder.Find(input, "甲方（盖章）");
        Assert.Equal(3, hits.Count);
        var result = await Sign(input, new KeywordStamp("甲方（盖章）"));
        Assert.Equal(3, result.StampCount);
        var (_, x, y, w, h) = hits[0];
        var cx = x + (w / 2);
        var cyTop = 842 - (y + (h / 2));
        Assert.True(RedIn(result.Pdf, 2, cx - 20, cyTop - 20, 40, 40) > 50);

        var last = await Sign(input, new KeywordStamp("甲方（盖章）", KeywordOccurrence.Last, OffsetX: 30));
        Assert.Equal([3], last.StampedPages);
    }

    [Fact]
    public async Task Rotated_pages_and_crop_boxes_place_the_seal_from_the_crop_box_origin()
    {
        var d = Face.Width;
        var rotated = TestPdfs.Make(1, rotate: 90);
        var r = await Sign(rotated, new SingleStamp(1, 100, 400));
        // /Rotate 90: user (x, y) shows at (y, x) from the top-left of the 842 × 595 display.
        Assert.True(RedIn(r.Pdf, 1, 400, 100, d, d) > 200);

        var cropped = TestPdfs.Make(1, cropBox: true);
        var c = await Sign(cropped, new SingleStamp(1, 400, 100));
        // Crop box [20 30 575 812]: the rendered page starts at the crop box.
        Assert.True(RedIn(c.Pdf, 1, 400, 782 - 100 - d, d, d) > 200);
    }
}
