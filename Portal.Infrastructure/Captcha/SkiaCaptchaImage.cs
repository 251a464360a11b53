using System.Security.Cryptography;
using Portal.Application.Captcha;
using SkiaSharp;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// Draws a captcha with the font we install (WenQuanYi Micro Hei from Debian's fonts-wqy-microhei, loaded by path: the
/// default typeface draws nothing on a Debian server without fontconfig fonts), jittered and rotated glyphs and noise lines.
/// </summary>
public sealed class SkiaCaptchaImage : ICaptchaImage, IDisposable
{
    public const string DefaultFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    public const int Width = 120;
    public const int Height = 40;

    private readonly SKTypeface _typeface;

    public SkiaCaptchaImage(string? fontPath = null)
    {
        var path = string.IsNullOrWhiteSpace(fontPath) ? DefaultFontPath : fontPath;
        _typeface = (File.Exists(path) ? SKTypeface.FromFile(path, 0) : null)
            ?? throw new InvalidOperationException(
                $"The captcha font {path} (Captcha:FontPath) is missing: install fonts-wqy-microhei (scripts/install-packages.sh).");
    }

    /// <summary>The typeface drawn with (tests compare it against one that draws nothing).</summary>
    internal SKTypeface Typeface => _typeface;

    public byte[] Render(string answer) => Render(answer, _typeface);

    internal static byte[] Render(string answer, SKTypeface typeface)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF3, 0xF4, 0xF6));
        using var noise = new SKPaint { StrokeWidth = 1, IsAntialias = true };
        for (var i = 0; i < 6; i++)
        {
            noise.Color = new SKColor((byte)RandomNumberGenerator.GetInt32(150, 210), (byte)RandomNumberGenerator.GetInt32(150, 210),
                (byte)RandomNumberGenerator.GetInt32(150, 210));
            canvas.DrawLine(RandomNumberGenerator.GetInt32(Width), RandomNumberGenerator.GetInt32(Height),
                RandomNumberGenerator.GetInt32(Width), RandomNumberGenerator.GetInt32(Height), noise);
        }
        using var font = new SKFont(typeface, 26) { Embolden = true };
        using var ink = new SKPaint { IsAntialias = true, Color = new SKColor(0x1F, 0x2A, 0x44) };
        for (var i = 0; i < answer.Length; i++)
        {
            canvas.Save();
            var x = 10 + (i * 26);
            var y = 30 + RandomNumberGenerator.GetInt32(-3, 4);
            canvas.RotateDegrees(RandomNumberGenerator.GetInt32(-18, 19), x + 8, y - 10);
            canvas.DrawText(answer[i].ToString(), x, y, SKTextAlign.Left, font, ink);
            canvas.Restore();
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    public void Dispose() => _typeface.Dispose();
}
