using Microsoft.Extensions.Caching.Memory;

namespace Portal.Web.Hosting;

/// <summary>
/// Counts failed logins per phone number (known or not) so the image captcha (<see cref="Application.Captcha.Captchas"/>)
/// appears after <see cref="CaptchaAfterFailures"/> failures; Identity's lockout handles the 5-failure lock.
/// One instance per process: behind a load balancer, sticky sessions keep a user on one node.
/// </summary>
public sealed class LoginGuard(IMemoryCache cache)
{
    public const int CaptchaAfterFailures = 3;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public bool CaptchaRequired(string phone) => Failures(phone) >= CaptchaAfterFailures;

    public int Failures(string phone) => cache.TryGetValue(FailKey(phone), out int n) ? n : 0;

    public void RecordFailure(string phone) => cache.Set(FailKey(phone), Failures(phone) + 1, Window);

    public void RecordSuccess(string phone) => cache.Remove(FailKey(phone));

    private static string FailKey(string phone) => "login-fail:" + phone;
}
