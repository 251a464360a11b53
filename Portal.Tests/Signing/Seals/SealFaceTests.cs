using Portal.Signing.Pdf;
using Portal.Signing.Seals;
using Portal.Tests.Signing.Pdf;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;
using SkiaSharp;

namespace Portal.Tests.Signing.Seals;

[Collection(SoftHsmCollection.Name)]
public sealed class SealFaceTests(PdfSigningFixture fx)
{
    public static TheoryData<string> Kinds => ["official", "contract", "finance-round", "finance-square", "hr", "legal", "name", "oval"];

    internal static SealFaceSpec Spec(string kind) => kind switch
    {
        "official" => SealFaceSpec.Official("北京测试科技有限公司", "1101080012345"),
        "contract" => SealFaceSpec.Contract("北京测试科技有限公司"),
        "finance-round" => SealFaceSpec.Finance("北京测试科技有限公司"),
        "finance-square" => SealFaceSpec.Finance("北京测试科技有限公司", square: true),
        "hr" => SealFaceSpec.HumanResources("北京测试科技有限公司"),
        "legal" => SealFaceSpec.LegalRepresentative("张三"),
        "name" => SealFaceSpec.PersonalName("李四"),
        _ => SealFaceSpec.Oval("北京测试科技有限公司", "发票专用章", "110108001"),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Png_preview_is_red_on_transparent_at_the_right_size(string kind)
    {
        var spec = Spec(kind);
        var png = SealFaceRenderer.RenderPng(spec, dpi: 200);
        using var bmp = SKBitmap.Decode(png);
        Assert.Equal((int)Math.Ceiling(spec.WidthMm * 200 / 25.4), bmp.Width);
        var probe = spec.Shape is SealShape.Round or SealShape.Oval ? bmp.GetPixel(0, 0) : bmp.GetPixel(bmp.Width / 2, (int)(bmp.Height * 0.03) + 4);
        if (spec.Shape is SealShape.Round or SealShape.Oval)
        {
            Assert.Equal(0, probe.Alpha);
        }
        else
        {
            Assert.True(probe.Alpha == 0 || probe.Red > 180, "square seals: transparent between border and text");
        }
        var red = 0;
        for (var y = 0; y < bmp.Height; y += 2)
        {
            for (var x = 0; x < bmp.Width; x += 2)
            {
                var c = bmp.GetPixel(x, y);
                if (c.Alpha > 200 && c.Red > 180 && c.Green < 80)
                {
                    red++;
                }
            }
        }

        Assert.True(red > bmp.Width * bmp.Height / 4 / 50, $"only {red} red pixels");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Pdf_face_is_small_vector_art_that_renders_like_the_preview(string kind)
    {
        var spec = Spec(kind);
        var face = SealFaceRenderer.RenderAppearance(spec);
        Assert.Equal(spec.WidthMm * 72 / 25.4, face.Width, 1);
        Assert.Equal(1, face.ObjectCount);

        // Stamped at 1:1 on a page, the face's ink sits where the PNG preview's does.
        var input = TestPdfs.Make(1);
        var signed = (await new PdfSigner().SignAsync(input, new PdfSignRequest { Face = face, Stamps = [new SingleStamp(1, 100, 400)] }, fx.Key, fx.Tsa)).Pdf;
        Assert.True(signed.Length - input.Length < 40_000, $"{signed.Length - input.Length} bytes added");
        using var page = Render(signed, 1);
        using var preview = SKBitmap.Decode(SealFaceRenderer.RenderPng(spec, dpi: 72));
        var top = (int)Math.Round(842 - 400 - face.Height);
        int match = 0, ink = 0;
        for (var y = 0; y < preview.Height; y++)
        {
            for (var x = 0; x < preview.Width; x++)
            {
                if (preview.GetPixel(x, y).Alpha > 200)
                {
                    ink++;
                    var c = page.GetPixel(100 + x, top + y);
                    if (c.Red > 150 && c.Green < 150)
                    {
                        match++;
                    }
                }
            }
        }

        Assert.True(ink > 50 && match > ink * 0.8, $"{match} of {ink} preview ink pixels are red on the page");
    }

    [Fact]
    public void Cache_draws_each_face_once()
    {
        var cache = new SealFaceCache();
        var a = cache.Get(SealFaceSpec.Official("测试单位"));
        var b = cache.Get(SealFaceSpec.Official("测试单位"));
        var c = cache.Get(SealFaceSpec.Contract("测试单位"));
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task A_signed_page_shows_the_seal_where_it_was_placed()
    {
        var face = new SealFaceCache().Get(SealFaceSpec.Official("北京测试科技有限公司", "1101080012345"));
        var input = TestPdfs.Make(1);
        var signed = (await new PdfSigner().SignAsync(input, new PdfSignRequest { Face = face, Stamps = [new SingleStamp(1, 400, 100)] }, fx.Key, fx.Tsa)).Pdf;
        PdfSignerTests.AssertValid(fx, input, signed, 1);
        using var bmp = Render(signed, 1);

        // At 72 dpi a point is a pixel; the seal's centre is at (400 + r, 842 - 100 - r) from the top-left.
        var r = face.Width / 2;
        Assert.True(CountRed(bmp, 400, (int)(842 - 100 - (2 * r)), (int)(2 * r), (int)(2 * r)) > 200);
        Assert.Equal(0, CountRed(bmp, 0, 0, 300, 300));
    }

    internal static SKBitmap Render(byte[] pdf, int page)
    {
        var f = Tools.TempFile(pdf);
        var prefix = f + ".r";
        Tools.Run("pdftoppm", $"-r 72 -f {page} -l {page} -png -singlefile {f} {prefix}");
        var bmp = SKBitmap.Decode(prefix + ".png");
        File.Delete(f);
        File.Delete(prefix + ".png");
        return bmp;
    }

    internal static int CountRed(SKBitmap bmp, int x0, int y0, int w, int h)
    {
        var n = 0;
        for (var y = Math.Max(0, y0); y < Math.Min(bmp.Height, y0 + h); y++)
        {
            for (var x = Math.Max(0, x0); x < Math.Min(bmp.Width, x0 + w); x++)
            {
                var c = bmp.GetPixel(x, y);
                if (c.Red > 180 && c.Green < 90 && c.Blue < 90)
                {
                    n++;
                }
            }
        }

        return n;
    }
}
