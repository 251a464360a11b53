using Microsoft.Extensions.Caching.Memory;
using Portal.Application.Captcha;
using Portal.Application.Common;
using Portal.Infrastructure.Captcha;
using Portal.Tests.Support;
using SkiaSharp;

namespace Portal.Tests.Infrastructure.Captcha;

public class CaptchaTests
{
    /// <summary>Pixels at least as dark as the ink's anti-aliased core; the background and the noise lines are far lighter.</summary>
    private static int[] DarkPixelsPerColumn(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((SkiaCaptchaImage.Width, SkiaCaptchaImage.Height), (bitmap.Width, bitmap.Height));
        var columns = new int[bitmap.Width];
        for (var x = 0; x < bitmap.Width; x++)
        {
            for (var y = 0; y < bitmap.Height; y++)
            {
                var c = bitmap.GetPixel(x, y);
                if ((c.Red * 299) + (c.Green * 587) + (c.Blue * 114) < 110 * 1000)
                {
                    columns[x]++;
                }
            }
        }
        return columns;
    }

    [Fact]
    public void The_captcha_is_drawn_with_glyphs_a_person_can_read()
    {
        using var image = new SkiaCaptchaImage();
        var columns = DarkPixelsPerColumn(image.Render("K7PX"));

        // Each of the four characters leaves ink in its own 26-pixel cell (the default typeface draws nothing on Debian:
        // this fails with it, see the next test).
        for (var i = 0; i < 4; i++)
        {
            var ink = columns.Skip(10 + (i * 26)).Take(26).Sum();
            Assert.True(ink >= 40, $"character {i + 1} has {ink} dark pixels in its cell");
        }
        Assert.True(columns.Sum() >= 250, $"{columns.Sum()} dark pixels in all");
    }

    [Fact]
    public void The_same_check_finds_no_glyphs_in_an_image_drawn_without_a_font()
    {
        // What the captcha looked like before: drawn with SKTypeface.Default, which on our Debian machines has no glyphs,
        // so the image is background and noise only — the check above would fail on it.
        var blank = DarkPixelsPerColumn(SkiaCaptchaImage.Render("K7PX", SKTypeface.Default));
        Assert.Equal(0, blank.Sum());
    }

    [Fact]
    public void A_missing_font_is_a_clear_start_up_error()
    {
        var missing = Path.Combine(TestTemp.NewFolder("font"), "none.ttc");
        var error = Assert.Throws<InvalidOperationException>(() => new SkiaCaptchaImage(missing));
        Assert.Contains("Captcha:FontPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-wqy-microhei", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_challenge_answers_once_case_insensitively_and_an_empty_answer_is_asked_for()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var challenges = new MemoryCaptchaChallenges(cache);
        using var image = new SkiaCaptchaImage();
        var captchas = new Captchas(challenges, image);

        var id = captchas.Issue();
        var answer = challenges.AnswerToDraw(id)!;
        Assert.Matches("^[A-HJ-NP-Z2-9]{4}$", answer);
        Assert.NotNull(captchas.Render(id));
        ResultAssert.Ok(captchas.Check(id, " " + answer.ToLowerInvariant() + " "));
        // Used up: the same answer again, and its image, are gone.
        ResultAssert.Refused(Errors.CaptchaWrong, captchas.Check(id, answer));
        Assert.Null(captchas.Render(id));

        var other = captchas.Issue();
        ResultAssert.Refused(Errors.CaptchaRequired, captchas.Check(other, ""));
        // The empty try used it up too: no second guess on the same image.
        ResultAssert.Refused(Errors.CaptchaWrong, captchas.Check(other, challenges.AnswerToDraw(other) ?? "XXXX"));
        ResultAssert.Refused(Errors.CaptchaWrong, captchas.Check("DEADBEEF", "ABCD"));
        ResultAssert.Refused(Errors.CaptchaWrong, captchas.Check(null, "ABCD"));
    }
}
