namespace Portal.Application.Captcha;

/// <summary>
/// Image captcha challenges: issues one (its answer stays on the server), answers each once, and gives the answer only to
/// the image drawer. The host's adapter keeps them in memory with random answers; tests register one that knows them.
/// </summary>
public interface ICaptchaChallenges
{
    /// <summary>A new challenge's id (opaque, unguessable).</summary>
    string Issue();

    /// <summary>Checks an answer (case-insensitive); a challenge answers once, right or wrong.</summary>
    bool TrySolve(string? id, string? answer);

    /// <summary>The answer to draw, or null when the challenge is unknown, used or expired.</summary>
    string? AnswerToDraw(string id);
}

/// <summary>Draws a captcha answer as a PNG that people can read and scripts find harder to.</summary>
public interface ICaptchaImage
{
    byte[] Render(string answer);
}
