using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// SMS login and password recovery through the real static forms (antiforgery token, posted fields, cookies). The seed
/// sent the demo users SMS codes a moment ago, so each test first moves the app's clock past the resend interval.
/// </summary>
public sealed class AccountFormsTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    private static string Text(string html, string testId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-testid=\"{testId}\">([^<]*)<").Groups[1].Value);

    private static bool IsRedirect(HttpResponseMessage r) => r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;

    /// <summary>Starts the portal (which seeds) if it has not, then moves its clock past the seed's codes' resend interval.</summary>
    private void PastTheSeedsCodes()
    {
        _ = factory.Services;
        factory.Clock.Advance(SmsCodes.ResendInterval);
    }

    /// <summary>The captcha answered through the test answer source (a person reads it off the image).</summary>
    private static readonly Dictionary<string, string> Captcha = new()
    {
        ["Input.CaptchaId"] = KnownCaptchaChallenges.StandingId,
        ["Input.Captcha"] = KnownCaptchaChallenges.Answer,
    };

    private HttpClient NewClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The code in the last SMS the development outbox holds for <paramref name="phone"/>.</summary>
    private async Task<string> LastCodeAsync(string phone)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
        var text = await db.SmsOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        return Regex.Match(text, @"\d{6}").Value;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{page} carries an antiforgery token");
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_person_logs_in_with_an_sms_code_once()
    {
        const string phone = Demo.UniversitySealAdmin;
        PastTheSeedsCodes();
        using var client = NewClient();
        var sms = new Dictionary<string, string>(Captcha) { ["Input.Mode"] = "sms", ["Input.Action"] = "send" };
        var sent = await PortalWebFactory.PostLoginFormAsync(client, phone, "", sms);
        var sentHtml = await sent.Content.ReadAsStringAsync();
        Assert.True(Text(sentHtml, "info") == "如果该手机号已注册，验证码已发送，10 分钟内有效。", $"{(int)sent.StatusCode} error={Text(sentHtml, "error")} {Regex.Match(sentHtml, "<main[\\s\\S]{0,1500}").Value}");
        var code = await LastCodeAsync(phone);
        Assert.Matches("^\\d{6}$", code);

        var wrong = await PortalWebFactory.PostLoginFormAsync(client, phone, "",
            new Dictionary<string, string> { ["Input.Mode"] = "sms", ["Input.Action"] = "login", ["Input.Code"] = code == "000000" ? "111111" : "000000" });
        Assert.False(IsRedirect(wrong));
        Assert.Equal("验证码不正确，还可尝试 4 次；没有收到请重新获取。", Text(await wrong.Content.ReadAsStringAsync(), "error"));

        var login = new Dictionary<string, string> { ["Input.Mode"] = "sms", ["Input.Action"] = "login", ["Input.Code"] = code };
        var signedIn = await PortalWebFactory.PostLoginFormAsync(client, phone, "", login);
        Assert.True(IsRedirect(signedIn), $"the right code signs in, got {(int)signedIn.StatusCode}: {Text(await signedIn.Content.ReadAsStringAsync(), "error")}");
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"logout\"", await client.GetStringAsync("/personal"));

        // The code answers once: on a fresh browser it no longer signs in.
        using var other = NewClient();
        var again = await PortalWebFactory.PostLoginFormAsync(other, phone, "", login);
        Assert.False(IsRedirect(again));
        Assert.Equal("验证码不正确，还可尝试 0 次；没有收到请重新获取。", Text(await again.Content.ReadAsStringAsync(), "error"));
    }

    [Fact]
    public async Task Sms_login_answers_an_unregistered_number_as_it_answers_a_registered_one()
    {
        PastTheSeedsCodes();
        using var client = NewClient();
        var answers = new List<(string Sent, string Wrong)>();
        foreach (var phone in new[] { Demo.CsMember, "13655580001" })
        {
            var sent = await PortalWebFactory.PostLoginFormAsync(client, phone, "",
                new Dictionary<string, string>(Captcha) { ["Input.Mode"] = "sms", ["Input.Action"] = "send" });
            var wrong = await PortalWebFactory.PostLoginFormAsync(client, phone, "",
                new Dictionary<string, string> { ["Input.Mode"] = "sms", ["Input.Action"] = "login", ["Input.Code"] = "000000" });
            answers.Add((Text(await sent.Content.ReadAsStringAsync(), "info"), Text(await wrong.Content.ReadAsStringAsync(), "error")));
        }
        Assert.Equal(answers[0], answers[1]);
        Assert.Equal("如果该手机号已注册，验证码已发送，10 分钟内有效。", answers[0].Sent);
        Assert.StartsWith("验证码不正确", answers[0].Wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_with_an_sms_code_and_only_the_new_one_logs_in()
    {
        const string phone = Demo.CsHead;
        const string newPassword = "Renewed#2026";
        PastTheSeedsCodes();
        using var client = NewClient();
        var sent = await PostFormAsync(client, "/account/forgot-password", "forgot", new(Captcha) { ["Input.Action"] = "send", ["Input.Phone"] = phone });
        var sentHtml = await sent.Content.ReadAsStringAsync();
        Assert.True(Text(sentHtml, "info") == "如果该手机号已注册，验证码已发送，10 分钟内有效。", $"{(int)sent.StatusCode} error={Text(sentHtml, "error")} {Regex.Match(sentHtml, "<main[\\s\\S]{0,1500}").Value}");
        var code = await LastCodeAsync(phone);

        var mismatch = await PostFormAsync(client, "/account/forgot-password", "forgot", new()
        {
            ["Input.Action"] = "reset",
            ["Input.Phone"] = phone,
            ["Input.Code"] = code,
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword + "x",
        });
        Assert.False(IsRedirect(mismatch));
        Assert.Equal("两次输入的密码不一致。", Text(await mismatch.Content.ReadAsStringAsync(), "error"));

        var reset = await PostFormAsync(client, "/account/forgot-password", "forgot", new()
        {
            ["Input.Action"] = "reset",
            ["Input.Phone"] = phone,
            ["Input.Code"] = code,
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.True(IsRedirect(reset), $"reset redirects to the login page, got {(int)reset.StatusCode}: {Text(await reset.Content.ReadAsStringAsync(), "error")}");
        Assert.EndsWith("account/login?reset=1", reset.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var withOld = NewClient();
        Assert.False(IsRedirect(await PortalWebFactory.PostLoginFormAsync(withOld, phone, DemoSeed.Password)));
        using var withNew = await factory.LoginAsync(phone, newPassword);
        Assert.Contains("data-testid=\"logout\"", await withNew.GetStringAsync("/personal"));
    }
}
