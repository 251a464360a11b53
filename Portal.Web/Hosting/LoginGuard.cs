using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using SkiaSharp;

namespace Portal.Web.Hosting;

/// <summary>
/// Counts failed logins per phone number (known or not) so the image captcha appears after
/// <see cref="CaptchaAfterFailures"/> failures; Identity's lockout handles the 5-failure lock.
/// One instance per process: behind a load balancer, sticky sessions keep a user on one node.
/// </summary>
public sealed class LoginGuard(IMemoryCache cache)
{
    public const int CaptchaAfterFailures = 3;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CaptchaLifetime = TimeSpan.FromMinutes(5);
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public bool CaptchaRequired(string phone) => Failures(phone) >= CaptchaAfterFailures;

    public int Failures(string phone) => cache.TryGetValue(FailKey(phone), out int n) ? n : 0;

    public void RecordFailure(string phone) => cache.Set(FailKey(phone), Failures(phone) + 1, Window);

    public void RecordSuccess(string phone) => cache.Remove(FailKey(phone));

    /// <summary>Creates a challenge; returns its id (the image is served by id, the answer stays here).</summary>
    public string NewCaptcha()
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var answer = new string([.. Enumerable.Range(0, 4).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);
        cache.Set(CaptchaKey(id), answer, CaptchaLifetime);
        return id;
    }

    /// <summary>Checks an answer; a challenge answers once, right or wrong.</summary>
    public bool CheckCaptcha(string? id, string? answer)
    {
        if (string.IsNullOrEmpty(id) || !cache.TryGetValue(CaptchaKey(id), out string? expected))
        {
            return false;
        }
        cache.Remove(CaptchaKey(id));
        return string.Equals(expected, answer?.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The challenge drawn as a PNG with noise lines and jittered glyphs; null when unknown or expired.</summary>
    public byte[]? RenderCaptcha(string id)
    {
        if (!cache.TryGetValue(CaptchaKey(id), out string? answer) || answer is null)
        {
            return null;
        }
        const int width = 120, height = 40;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF3, 0xF4, 0xF6));
        using var noise = new SKPaint { StrokeWidth = 1, IsAntialias = true };
        for (var i = 0; i < 6; i++)
        {
            noise.Color = new SKColor((byte)RandomNumberGenerator.GetInt32(100, 200), (byte)RandomNumberGenerator.GetInt32(100, 200), (byte)RandomNumberGenerator.GetInt32(100, 200));
            canvas.DrawLine(RandomNumberGenerator.GetInt32(width), RandomNumberGenerator.GetInt32(height),
                RandomNumberGenerator.GetInt32(width), RandomNumberGenerator.GetInt32(height), noise);
        }
        using var font = new SKFont(SKTypeface.Default, 26);
        using var ink = new SKPaint { IsAntialias = true, Color = new SKColor(0x1F, 0x2A, 0x44) };
        for (var i = 0; i < answer.Length; i++)
        {
            canvas.Save();
            var x = 12 + (i * 26);
            var y = 29 + RandomNumberGenerator.GetInt32(-3, 4);
            canvas.RotateDegrees(RandomNumberGenerator.GetInt32(-18, 19), x + 8, y - 10);
            canvas.DrawText(answer[i].ToString(), x, y, SKTextAlign.Left, font, ink);
            canvas.Restore();
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    private static string FailKey(string phone) => "login-fail:" + phone;

    private static string CaptchaKey(string id) => "captcha:" + id;
}
