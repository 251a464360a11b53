using System.Buffers.Binary;
using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Parsing;
using Portal.Signing.Pdf.Verification;
using Portal.Signing.Seals;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;
using SkiaSharp;

namespace Portal.Tests.Signing.Pdf;

/// <summary>The seal image on each signature of the verification report, for seals we draw (vector and scanned) and others'.</summary>
[Collection(SoftHsmCollection.Name)]
public sealed class SealImageTests(PdfSigningFixture fx)
{
    private static readonly SealFaceSpec Spec = SealFaceSpec.Official("测试单位", "1101080000001");

    private Task<PdfVerificationReport> Verify(byte[] pdf) =>
        new PdfVerifier(new PdfVerificationOptions { TrustAnchors = fx.TrustAnchors }).VerifyAsync(pdf);

    private async Task<byte[]> Sign(byte[] pdf, SealAppearance face, params StampPlacement[] stamps) =>
        (await new PdfSigner().SignAsync(pdf, new PdfSignRequest { Face = face, Stamps = stamps, SignerName = "测试单位" }, fx.Key, fx.Tsa)).Pdf;

    [Fact]
    public async Task Our_template_and_scanned_seals_come_back_as_pngs_of_the_whole_face()
    {
        // A template seal (vector paths only) as a paging seal, whose widget shows only a slice; then a scanned seal (an image with alpha).
        var vector = await Sign(TestPdfs.Make(3), SealFaceRenderer.RenderAppearance(Spec), new CrossPageStamp(300));
        var both = await Sign(vector, SealImages.FromPng(SealFaceRenderer.RenderPng(Spec, 100), 40), new SingleStamp(1, 100, 100));

        var report = await Verify(both);
        Assert.Equal(2, report.Signatures.Count);
        foreach (var s in report.Signatures)
        {
            var image = Assert.IsType<SealImage>(s.SealImage);
            Assert.Equal("image/png", image.ContentType);
            var (width, height) = PngSize(image.Data);
            Assert.Equal((image.Width, image.Height), (width, height));
            // The round face whole (not the paging seal's slice), at the report's size.
            Assert.Equal(SealImageReader.MaxSide, width);
            Assert.Equal(SealImageReader.MaxSide, height);
            using var bitmap = SKBitmap.Decode(image.Data);
            Assert.Equal(0, bitmap.GetPixel(2, 2).Alpha);
            var ring = Enumerable.Range(0, width).Select(x => bitmap.GetPixel(x, height / 2)).First(p => p.Alpha > 200);
            Assert.True(ring.Red > 150 && ring.Green < 100 && ring.Blue < 100, $"the seal's red, not {ring}");
        }
    }

    [Fact]
    public async Task Twenty_signatures_by_one_seal_share_one_drawing()
    {
        var face = SealFaceRenderer.RenderAppearance(Spec);
        var pdf = TestPdfs.Make(1);
        for (var i = 0; i < 3; i++)
        {
            pdf = await Sign(pdf, face, new SingleStamp(1, 50 + (i * 150), 100));
        }

        var report = await Verify(pdf);
        Assert.Equal(3, report.Signatures.Count);
        // Each signing imported the face afresh (other object numbers): the content decides, so one drawing serves all.
        Assert.All(report.Signatures, s => Assert.Same(report.Signatures[0].SealImage!.Data, s.SealImage!.Data));
    }

    [Fact]
    public async Task A_signature_whose_appearance_draws_no_seal_has_no_image()
    {
        // PDFsharp's own signature appearance is text only.
        var report = await Verify(fx.OtherTool.Sign(TestPdfs.Make(1)));
        var s = Assert.Single(report.Signatures);
        Assert.Null(s.SealImage);
    }

    [Fact]
    public async Task A_hostile_appearance_put_in_later_gives_no_image_and_the_report_stands()
    {
        var signed = await Sign(TestPdfs.Make(1), SealAppearance.Ring(100), new SingleStamp(1, 100, 100));
        var file = PdfFile.Open(signed);
        var widgetRef = (PdfReference)((PdfArray)file.ResolveDict(file.Catalog["AcroForm"])!["Fields"]!).Items[0];
        var widget = file.ResolveDict(widgetRef)!;
        var apRef = (PdfReference)file.ResolveDict(widget["AP"])!["N"]!;
        var update = new IncrementalUpdate(file);
        var image = update.Add(new PdfStream(
            new PdfDictionary().Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Image")).Set("Width", new PdfNumber(200_000))
                .Set("Height", new PdfNumber(200_000)).Set("BitsPerComponent", new PdfNumber(8)).Set("ColorSpace", new PdfName("DeviceRGB"))
                .Set("Filter", new PdfName("FlateDecode")),
            PdfFilters.Deflate(new byte[1 << 20])));
        update.Replace(apRef.Number, new PdfStream(
            new PdfDictionary().Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.Of(0, 0, 100, 100))
                .Set("Resources", new PdfDictionary().Set("XObject", new PdfDictionary().Set("Im", image))),
            "q 100 0 0 100 0 0 cm /Im Do Q"u8.ToArray()));
        var modified = signed.Concat(update.Write().ToArray()).ToArray();

        var report = await Verify(modified);
        var s = Assert.Single(report.Signatures);
        Assert.Null(s.SealImage);
        Assert.Equal(SubIndication.ModifiedAfterSigning, s.SubIndication);
    }

    /// <summary>Checks the PNG signature and reads IHDR's width and height.</summary>
    internal static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        Assert.True(png.AsSpan(12, 4).SequenceEqual("IHDR"u8), "IHDR first");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}

/// <summary>The seal reader on hand-made appearances: hostile ones give no image and never throw.</summary>
public sealed class SealImageReaderTests
{
    /// <summary>A one-page PDF whose signature widget's appearance draws <paramref name="content"/> with /Im = <paramref name="image"/>.</summary>
    private static SealImage? Read(string content, string image = "<</Length 0>>stream\n\nendstream", PdfParseLimits? limits = null)
    {
        var pdf = RawPdfs.Build(
            "<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [4 0 R]>>>>",
            "<</Type /Pages /Kids [3 0 R] /Count 1>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R]>>",
            "<</Type /Annot /Subtype /Widget /FT /Sig /T (S1) /Rect [10 10 110 60] /AP <</N 5 0 R>>>>",
            $"<</Type /XObject /Subtype /Form /BBox [0 0 100 50] /Resources <</XObject <</Im 6 0 R /Me 5 0 R>>>> /Length {content.Length}>>stream\n{content}\nendstream",
            image);
        var file = PdfFile.Open(pdf);
        return new SealImageReader(file, limits ?? PdfParseLimits.Default).Read(file.ResolveDict(new PdfReference(4, 0))!);
    }

    private static string RawImage(string dict, string bytes) => $"<</Type /XObject /Subtype /Image {dict} /Length {bytes.Length}>>stream\n{bytes}\nendstream";

    [Fact]
    public void Paths_and_a_plain_image_are_drawn()
    {
        var rect = Read("0 0 1 rg 10 10 30 30 re f");
        Assert.NotNull(rect);
        Assert.Equal((SealImageReader.MaxSide, SealImageReader.MaxSide / 2), SealImageTests.PngSize(rect!.Data));

        // 2×1 RGB, red and green, stretched over the box.
        var image = Read("q 100 0 0 50 0 0 cm /Im Do Q", RawImage("/Width 2 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceRGB", "\xFF\x00\x00\x00\xFF\x00"));
        using var bitmap = SKBitmap.Decode(image!.Data);
        Assert.Equal(new SKColor(255, 0, 0), bitmap.GetPixel(5, 48));
        Assert.Equal(new SKColor(0, 255, 0), bitmap.GetPixel(186, 48));
    }

    [Theory]
    // Text only (what other tools draw): nothing a seal would show.
    [InlineData("BT /F1 12 Tf 10 10 Td (Signed) Tj ET", null)]
    // A declared 100 000 × 100 000 image with three bytes.
    [InlineData("q 100 0 0 50 0 0 cm /Im Do Q", "/Width 100000 /Height 100000 /BitsPerComponent 8 /ColorSpace /DeviceRGB")]
    // A filter we do not decode, and Flate data that is not Flate.
    [InlineData("q 100 0 0 50 0 0 cm /Im Do Q", "/Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /JBIG2Decode")]
    [InlineData("q 100 0 0 50 0 0 cm /Im Do Q", "/Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode")]
    // Fewer bytes than the size says, an unknown colour space, a JPEG that is not one.
    [InlineData("q 100 0 0 50 0 0 cm /Im Do Q", "/Width 4 /Height 4 /BitsPerComponent 8 /ColorSpace /DeviceRGB")]
    [InlineData("q 100 0 0 50 0 0 cm /Im Do Q", "/Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /Lab")]
    [InlineData("q 100 0 0 50 0 0 cm /Im Do Q", "/Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /DCTDecode")]
    // Absurd numbers, unbalanced states, a form that draws itself forever, operands of the wrong kind.
    [InlineData("1e300 0 0 1e300 0 0 cm 0 0 m 1e30 1e30 l S", null)]
    [InlineData("q q q q q q q q q q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q (x) Tj /Me Do", null)]
    [InlineData("[1 2] 0 d << /A 1 >> BI /W 1 ID \xFF\xFF EI q /Im Do <00ff> cm Q", null)]
    public void Odd_or_hostile_appearances_have_no_image_and_do_not_throw(string content, string? imageDict)
    {
        var image = imageDict is null ? "<</Length 0>>stream\n\nendstream" : RawImage(imageDict, "abc");
        Assert.Null(Read(content, image));
    }

    [Fact]
    public void Too_many_operators_give_no_image()
    {
        // 200 002 cheap operators before the one fill: over the document's operator budget.
        var content = string.Concat(Enumerable.Repeat("q Q ", 100_001)) + "0 0 10 10 re f";
        Assert.Null(Read(content));
        Assert.NotNull(Read(string.Concat(Enumerable.Repeat("q Q ", 1_000)) + "0 0 10 10 re f"));
    }

    [Fact]
    public void A_form_drawing_itself_stops_at_the_depth_limit()
    {
        var image = Read("0 0 1 rg 0 0 10 10 re f 0.5 0 0 0.5 0 0 cm /Me Do");
        Assert.NotNull(image);
    }

    [Fact]
    public void A_decode_bomb_stops_at_the_budget()
    {
        // 3 MB of pixels (random, so no compression-ratio limit applies) fit the default budget, not a 1 MB one.
        var pixels = new byte[1024 * 1024 * 3];
        new Random(7).NextBytes(pixels);
        var bomb = PdfFilters.Deflate(pixels);
        var pdfImage = $"<</Type /XObject /Subtype /Image /Width 1024 /Height 1024 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode /Length {bomb.Length}>>stream\n{System.Text.Encoding.Latin1.GetString(bomb)}\nendstream";
        // Tight first: a drawing that succeeds is shared by later verifications, a refusal is not.
        Assert.Null(Read("q 100 0 0 50 0 0 cm /Im Do Q", pdfImage, new PdfParseLimits { MaxStreamBytes = 1024 * 1024, MaxTotalDecodedBytes = 1024 * 1024 }));
        Assert.NotNull(Read("q 100 0 0 50 0 0 cm /Im Do Q", pdfImage));
    }
}
