using Microsoft.Extensions.Caching.Memory;

namespace Portal.Web.Hosting;

/// <summary>The image captcha as the verification page needs it: the platform's one captcha service.</summary>
public interface IHumanCheck
{
    /// <summary>A new challenge id; its image is served at <see cref="ImageUrl"/>.</summary>
    string NewChallenge();

    string ImageUrl(string id);

    /// <summary>True once for the right answer; a challenge answers once.</summary>
    bool Check(string? id, string? answer);
}

/// <summary>The platform's captcha (<see cref="Portal.Application.Captcha.Captchas"/>) behind <see cref="IHumanCheck"/>.</summary>
internal sealed class CaptchaHumanCheck(Portal.Application.Captcha.Captchas captchas) : IHumanCheck
{
    public string NewChallenge() => captchas.Issue();

    public string ImageUrl(string id) => "/account/captcha/" + id;

    public bool Check(string? id, string? answer) => captchas.Check(id, answer).Succeeded;
}

/// <summary>
/// Per-client counters of the public verification page (memory only; the page writes nothing else): the rate limit
/// (the "verify" policy's numbers) and the captcha after <see cref="VerifyLimits.CaptchaAfter"/> uploads in an hour.
/// </summary>
public sealed class VerifyThrottle(IMemoryCache cache, VerifyLimits limits, TimeProvider clock)
{
    private static readonly TimeSpan CaptchaWindow = TimeSpan.FromHours(1);

    /// <summary>Whether the next upload from <paramref name="client"/> must answer a captcha.</summary>
    public bool CaptchaRequired(string client) => Count("verify-uploads:" + client) >= limits.CaptchaAfter;

    /// <summary>Takes one upload from the client's window; false when the window is used up.</summary>
    public bool TryTake(string client)
    {
        var window = clock.GetUtcNow().ToUnixTimeSeconds() / (long)limits.Window.TotalSeconds;
        var key = $"verify-rate:{client}:{window}";
        var used = Count(key);
        if (used >= limits.PermitLimit)
        {
            return false;
        }

        cache.Set(key, used + 1, limits.Window);
        cache.Set("verify-uploads:" + client, Count("verify-uploads:" + client) + 1, CaptchaWindow);
        return true;
    }

    private int Count(string key) => cache.TryGetValue(key, out int n) ? n : 0;
}
