using Portal.Application.Common;

namespace Portal.Application.Captcha;

/// <summary>The captcha every anonymous code send (and a login after failures) must pass: issue, draw, check.</summary>
public sealed class Captchas(ICaptchaChallenges challenges, ICaptchaImage image)
{
    public string Issue() => challenges.Issue();

    /// <summary>The challenge's image, or null when it is unknown, used or expired.</summary>
    public byte[]? Render(string id) => challenges.AnswerToDraw(id) is { } answer ? image.Render(answer) : null;

    /// <summary>Ok when the answer is right; CaptchaRequired when none was given, CaptchaWrong otherwise. Uses the challenge up.</summary>
    public Result Check(string? id, string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            challenges.TrySolve(id, null);
            return Result.Fail(Errors.CaptchaRequired);
        }
        return challenges.TrySolve(id, answer) ? Result.Ok() : Result.Fail(Errors.CaptchaWrong);
    }
}
