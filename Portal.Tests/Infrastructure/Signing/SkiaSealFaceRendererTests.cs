using System.IO.Compression;
using Portal.Infrastructure.Signing;
using SkiaSharp;

namespace Portal.Tests.Infrastructure.Signing;

/// <summary>Uploaded images are bounded before any pixel is decoded (issue 12).</summary>
public sealed class SkiaSealFaceRendererTests
{
    [Fact]
    public void An_image_declaring_400_megapixels_is_refused_from_its_header()
    {
        // A few hundred bytes that claim 20000 × 20000: decoding it would take 1.6 GB.
        var png = Png(20_000, 20_000);
        Assert.True(png.Length < 1024);
        using var codec = SKCodec.Create(new SKMemoryStream(png));
        Assert.Equal(20_000, codec.Info.Width); // the header is readable: the refusal is ours, not the codec's

        Assert.Null(SkiaSealFaceRenderer.DecodeBounded(png, 1600));
        Assert.Null(new SkiaSealFaceRenderer().CleanScan(png));
        Assert.Null(new SkiaSealFaceRenderer().CleanSignature(png));
        Assert.Equal(Portal.Application.Common.Errors.ImageTooLarge, new SkiaSealFaceRenderer().CheckImage(png)?.Code);
        Assert.Null(new SkiaSealFaceRenderer().CheckImage(Png(6000, 6000)));
        Assert.Null(new SkiaSealFaceRenderer().CheckImage([1, 2, 3]));
    }

    [Fact]
    public void A_large_jpeg_is_decoded_scaled_down_and_a_small_png_at_its_size()
    {
        using var big = new SKBitmap(4000, 3000);
        big.Erase(SKColors.White);
        using var jpeg = big.Encode(SKEncodedImageFormat.Jpeg, 80);
        using var small = new SKBitmap(300, 200);
        small.Erase(SKColors.Red);
        using var smallPng = small.Encode(SKEncodedImageFormat.Png, 100);

        using var decodedJpeg = SkiaSealFaceRenderer.DecodeBounded(jpeg.ToArray(), 1600);
        using var decodedPng = SkiaSealFaceRenderer.DecodeBounded(smallPng.ToArray(), 1600);

        Assert.NotNull(decodedJpeg);
        Assert.True(decodedJpeg.Width <= 2000 && decodedJpeg.Width < 4000, $"decoded at {decodedJpeg.Width} px wide");
        Assert.Equal((300, 200), (decodedPng!.Width, decodedPng.Height));
        Assert.Equal(SKColors.Red, decodedPng.GetPixel(10, 10));
    }

    /// <summary>A PNG of a few hundred bytes whose header declares <paramref name="width"/> × <paramref name="height"/>.</summary>
    internal static byte[] Png(int width, int height)
    {
        using var ms = new MemoryStream();
        ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(ms, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var zl = new ZLibStream(z, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zl.Write(new byte[1 + (width * 3)]); // one row of black; the rest is missing
            }

            Chunk(ms, "IDAT", z.ToArray());
        }

        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typeAndData);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        s.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
