using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The portal with the limits as configured (every other test host raises them out of the way).</summary>
public sealed class RealLimitsPortalFactory : PortalWebFactory
{
    protected override bool RaiseLimits => false;
}

/// <summary>The one test of the real, configured limits: code sends and form posts per client IP, in zh-CN.</summary>
public class RateLimitTests(RealLimitsPortalFactory factory) : IClassFixture<RealLimitsPortalFactory>
{
    private static string Text(string html, string testId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-testid=\"{testId}\">([^<]*)<").Groups[1].Value);

    private static async Task<HttpResponseMessage> PostRegisterSendAsync(HttpClient client, string phone)
    {
        var html = await client.GetStringAsync("/account/register");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var captchaId = Regex.Match(html, "name=\"Input.CaptchaId\" value=\"([0-9A-F]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(captchaId), "the registration form offers a captcha");
        return await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = token,
            ["Input.Action"] = "send",
            ["Input.Phone"] = phone,
            ["Input.CaptchaId"] = captchaId,
            ["Input.Captcha"] = KnownCaptchaChallenges.Answer,
        }));
    }

    [Fact]
    public async Task The_sixth_code_send_and_the_twenty_first_form_post_from_one_client_in_a_minute_are_refused()
    {
        // The configured limits are the documented defaults (appsettings.json and RateLimitOptions agree).
        var limits = factory.Services.GetRequiredService<RateLimitOptions>();
        Assert.Equal((5, 60, 20, 60, 20, 60, 120, 60, 10, 50),
            (limits.CodeSend.PermitLimit, limits.CodeSend.WindowSeconds, limits.CodeCheck.PermitLimit, limits.CodeCheck.WindowSeconds,
                limits.Login.PermitLimit, limits.Login.WindowSeconds, limits.Ocsp.PermitLimit, limits.Ocsp.WindowSeconds,
                limits.DailySmsPerPhone, limits.DailySmsPerAccount));

        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var answers = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            var html = await (await PostRegisterSendAsync(client, $"1365557000{i}")).Content.ReadAsStringAsync();
            answers.Add(Text(html, "info") + Text(html, "error"));
        }
        Assert.Equal([.. Enumerable.Repeat("验证码已发送，10 分钟内有效。", 5), "操作过于频繁，请稍后再试。"], answers);

        // The account forms take 20 posts a minute from one client; the 21st is answered 429 before the page runs.
        HttpResponseMessage last;
        var posts = 6;
        do
        {
            last = await PostRegisterSendAsync(client, "13655571111");
            posts++;
        }
        while (last.StatusCode != HttpStatusCode.TooManyRequests && posts < 30);
        Assert.Equal(21, posts);
        Assert.True(last.Headers.RetryAfter is not null, "a refusal says when to come back");
        Assert.Equal("操作过于频繁，请稍后再试。", await last.Content.ReadAsStringAsync());
        // Reading a form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
