using Portal.Application.Common;
using Portal.Application.Seals;
using Portal.Signing.Seals;
using SkiaSharp;

namespace Portal.Infrastructure.Signing;

/// <summary>Template faces through the PDF engine's renderer; scanned stamps cleaned with SkiaSharp.</summary>
internal sealed class SkiaSealFaceRenderer : ISealFaceRenderer
{
    private const int MaxSide = 1600;

    /// <summary>Most pixels an uploaded image may declare (uploads are hostile: a 1.2 MB PNG can declare 20000 × 20000).</summary>
    internal const long MaxPixels = ISealFaceRenderer.MaxMegapixels * 1_000_000L;

    public PortalError? CheckImage(byte[] image)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(image));
        return codec is not null && (long)codec.Info.Width * codec.Info.Height > MaxPixels
            ? new PortalError(Errors.ImageTooLarge, ISealFaceRenderer.MaxMegapixels)
            : null;
    }

    /// <summary>
    /// Decodes an uploaded image within bounds: the dimensions come from the header first and more than <see cref="MaxPixels"/>
    /// is refused (null) before any pixel is decoded; formats that can (JPEG, WebP) decode straight to a smaller size near
    /// <paramref name="maxSide"/>. Null for bytes no codec recognizes.
    /// </summary>
    internal static SKBitmap? DecodeBounded(byte[] image, int maxSide)
    {
        // SKBitmap.Decode throws on bytes no codec recognizes: ask for a codec first.
        using var codec = SKCodec.Create(new SKMemoryStream(image));
        if (codec is null)
        {
            return null;
        }

        var size = codec.Info;
        if (size.Width <= 0 || size.Height <= 0 || (long)size.Width * size.Height > MaxPixels)
        {
            return null;
        }

        var scale = Math.Min(1f, (float)maxSide / Math.Max(size.Width, size.Height));
        var scaled = codec.GetScaledDimensions(scale);
        var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            return null;
        }

        return bitmap;
    }

    // The design and the engine's spec share one stored form (Seal.FaceSpecJson): no field-by-field copy to keep in step.
    public byte[] RenderPng(SealFaceDesign d) => SealFaceRenderer.RenderPng(SealFaceSpec.FromJson(d.ToJson())!, 150);

    /// <summary>
    /// Ink is what is clearly redder than it is green/blue (a red stamp on white paper; grey shadows and paper stay out): its
    /// strength becomes the alpha of seal-red pixels, and the result is cropped to the ink with a small margin.
    /// </summary>
    public byte[]? CleanScan(byte[] image) => Clean(image, c =>
    {
        var redness = c.Red - ((c.Green + c.Blue) / 2.0) - 40;
        return (byte)Math.Clamp(redness * 3, 0, 255);
    }, SKColor.Parse(SealFaces.SealRed));

    /// <summary>
    /// Ink is what is darker than the paper (any pen colour; transparent canvas pixels count as white paper): its darkness
    /// becomes the alpha of near-black pixels, cropped like a scanned seal.
    /// </summary>
    public byte[]? CleanSignature(byte[] image) => Clean(image, c =>
    {
        var a = c.Alpha / 255.0;
        var luminance = (((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue)) * a) + (255 * (1 - a));
        return (byte)Math.Clamp((200 - luminance) * 2, 0, 255);
    }, SKColor.Parse(SignatureInk));

    private const string SignatureInk = "#111111";

    // Shared by scanned seals and handwritten signatures: decode, bound the size, measure ink per pixel, crop to it.
    private static byte[]? Clean(byte[] image, Func<SKColor, byte> inkAlpha, SKColor ink)
    {
        using var decoded = DecodeBounded(image, MaxSide);
        if (decoded is null || decoded.Width < 16 || decoded.Height < 16)
        {
            return null;
        }
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(decoded.Width, decoded.Height));
        using var source = scale < 1.0
            ? decoded.Resize(new SKImageInfo((int)(decoded.Width * scale), (int)(decoded.Height * scale)), new SKSamplingOptions(SKFilterMode.Linear))
            : decoded.Copy();
        int w = source.Width, h = source.Height;
        var alpha = new byte[w * h];
        int minX = w, minY = h, maxX = -1, maxY = -1;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var a = inkAlpha(source.GetPixel(x, y));
                alpha[(y * w) + x] = a;
                if (a > 96)
                {
                    minX = Math.Min(minX, x);
                    minY = Math.Min(minY, y);
                    maxX = Math.Max(maxX, x);
                    maxY = Math.Max(maxY, y);
                }
            }
        }
        if (maxX - minX < 16 || maxY - minY < 16)
        {
            return null;
        }
        var margin = Math.Max(2, (maxX - minX) / 50);
        minX = Math.Max(0, minX - margin);
        minY = Math.Max(0, minY - margin);
        maxX = Math.Min(w - 1, maxX + margin);
        maxY = Math.Min(h - 1, maxY + margin);
        using var output = new SKBitmap(new SKImageInfo(maxX - minX + 1, maxY - minY + 1, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = minY; y <= maxY; y++)
        {
            for (var x = minX; x <= maxX; x++)
            {
                output.SetPixel(x - minX, y - minY, ink.WithAlpha(alpha[(y * w) + x]));
            }
        }
        using var data = output.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
