using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

public class LoginProtectionTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private static async Task<string> PostLoginAsync(HttpClient client, string phone, string password)
    {
        var response = await PortalWebFactory.PostLoginFormAsync(client, phone, password);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task After_three_failures_an_image_captcha_is_required()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        string html = "";
        for (var i = 0; i < 2; i++)
        {
            html = await PostLoginAsync(client, Demo.CsMember, "Wrong#Pass1");
            Assert.DoesNotContain("data-testid=\"captcha-image\"", html);
        }
        html = await PostLoginAsync(client, Demo.CsMember, "Wrong#Pass1");
        var captchaId = Regex.Match(html, "src=\"account/captcha/([0-9A-F]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(captchaId), "the third failure shows a captcha");

        var image = await client.GetAsync("/account/captcha/" + captchaId);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.True(png.Length > 200 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');

        // Even the right password is refused without the captcha.
        html = await PostLoginAsync(client, Demo.CsMember, Portal.Application.Seeding.DemoSeed.Password);
        Assert.Contains("data-testid=\"error\"", html);
        Assert.Contains("data-testid=\"captcha-image\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/account/captcha/DEADBEEF")).StatusCode);
    }

    private static string ErrorOf(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "data-testid=\"error\">([^<]*)<").Groups[1].Value);

    /// <summary>Posts the real login form, answering the image captcha as a person reading it would when the last page showed one.</summary>
    private static async Task<HttpResponseMessage> PostAnsweringCaptchaAsync(PortalWebFactory portal, HttpClient client, string? lastHtml, string phone, string password)
    {
        var captchaId = Regex.Match(lastHtml ?? "", "name=\"Input.CaptchaId\" value=\"([0-9A-F]+)\"").Groups[1].Value;
        var extra = new Dictionary<string, string>();
        if (captchaId.Length > 0)
        {
            extra["Input.CaptchaId"] = captchaId;
            extra["Input.Captcha"] = portal.Services.GetRequiredService<IMemoryCache>().Get<string>("captcha:" + captchaId)!;
        }
        return await PortalWebFactory.PostLoginFormAsync(client, phone, password, extra);
    }

    [Fact]
    public async Task An_unknown_number_gets_the_answer_of_a_wrong_password()
    {
        using var known = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var unknown = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // 吴芳 (13700000005) is registered; 13512340000 is not. Two wrong passwords each: the same words, the same countdown.
        for (var i = 0; i < 2; i++)
        {
            var registered = ErrorOf(await PostLoginAsync(known, "13700000005", "Wrong#Pass1"));
            var unregistered = ErrorOf(await PostLoginAsync(unknown, "13512340000", "Wrong#Pass1"));
            Assert.Equal(registered, unregistered);
            Assert.DoesNotContain("注册", unregistered);
        }
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes()
    {
        await using var portal = new ClockedPortalFactory();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        const string phone = Demo.EnterpriseMember2;
        string? html = null;

        // Through the login form: four wrong passwords count down the tries left (a captcha joins after the third).
        for (var left = 4; left >= 1; left--)
        {
            var response = await PostAnsweringCaptchaAsync(portal, client, html, phone, "Wrong#Pass1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html = await response.Content.ReadAsStringAsync();
            Assert.Equal($"手机号或密码不正确，还可尝试 {left} 次，之后账号将锁定 15 分钟。", ErrorOf(html));
        }

        // The fifth locks the account for fifteen minutes on the app's clock; the right password is refused meanwhile.
        html = await (await PostAnsweringCaptchaAsync(portal, client, html, phone, "Wrong#Pass1")).Content.ReadAsStringAsync();
        Assert.Equal("登录失败次数过多，账号已锁定，请 15 分钟后再试，或通过短信找回密码。", ErrorOf(html));
        html = await (await PostAnsweringCaptchaAsync(portal, client, html, phone, DemoSeed.Password)).Content.ReadAsStringAsync();
        Assert.Equal("登录失败次数过多，账号已锁定，请 15 分钟后再试，或通过短信找回密码。", ErrorOf(html));

        portal.Clock.Advance(TimeSpan.FromMinutes(14));
        html = await (await PostAnsweringCaptchaAsync(portal, client, html, phone, DemoSeed.Password)).Content.ReadAsStringAsync();
        Assert.Equal("登录失败次数过多，账号已锁定，请 1 分钟后再试，或通过短信找回密码。", ErrorOf(html));

        // Fifteen minutes after the lock, the right password signs in.
        portal.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var signedIn = await PostAnsweringCaptchaAsync(portal, client, html, phone, DemoSeed.Password);
        Assert.True(signedIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"expected the sign-in redirect, got {(int)signedIn.StatusCode}: {ErrorOf(await signedIn.Content.ReadAsStringAsync())}");
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }
}
