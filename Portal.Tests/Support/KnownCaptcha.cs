using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Captcha;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Captcha;

namespace Portal.Tests.Support;

/// <summary>
/// The test hosts' captcha answer source (registered through DI; the portal itself has no bypass): every challenge it
/// issues has the answer <see cref="Answer"/>, and it keeps one standing challenge <see cref="StandingId"/> with that answer
/// that use-case tests pass without rendering a form. Everything else (one answer per challenge, expiry) is the real store.
/// </summary>
public sealed class KnownCaptchaChallenges(IMemoryCache cache) : MemoryCaptchaChallenges(cache)
{
    public const string Answer = "K7PX";
    public const string StandingId = "TESTCAPTCHA";

    protected override string NewAnswer() => Answer;

    public override bool TrySolve(string? id, string? answer) =>
        id == StandingId ? string.Equals(answer, Answer, StringComparison.OrdinalIgnoreCase) : base.TrySolve(id, answer);
}

public static class TestLimits
{
    /// <summary>The captcha answer source that knows its answers.</summary>
    public static IServiceCollection AddKnownCaptcha(this IServiceCollection services) =>
        services.AddSingleton<ICaptchaChallenges, KnownCaptchaChallenges>();

    /// <summary>Limits high enough that no test meets them unless it means to (the real ones: <see cref="RateLimitOptions"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string?> Raised = new Dictionary<string, string?>
    {
        ["RateLimits:CodeSend:PermitLimit"] = "100000",
        ["RateLimits:CodeCheck:PermitLimit"] = "100000",
        ["RateLimits:Login:PermitLimit"] = "100000",
        ["RateLimits:Ocsp:PermitLimit"] = "100000",
        ["RateLimits:DailySmsPerPhone"] = "100000",
        ["RateLimits:DailySmsPerAccount"] = "100000",
    };

    /// <summary>Sends a code answering the captcha as a person would (with the standing test challenge).</summary>
    public static Task<Result> SendSolvedAsync(this SendSmsCode send, string phone, SmsPurpose purpose) =>
        send.ExecuteAsync(phone, purpose, KnownCaptchaChallenges.StandingId, KnownCaptchaChallenges.Answer);
}
