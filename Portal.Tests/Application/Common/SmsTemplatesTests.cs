using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Common;

/// <summary>The SMS catalog: stable template ids, typed parameters, zh-CN and en-US texts, the configured signature.</summary>
public class SmsTemplatesTests
{
    private static bool HasChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [Fact]
    public void Template_ids_are_stable_and_unique()
    {
        // Providers map these ids to their approved templates: renaming one breaks sending.
        Assert.Equal(
        [
            "verification-code", "member-invitation-consent", "join-request-approved", "join-request-declined", "information-change-approved",
            "information-change-rejected", "owner-application-approved", "owner-application-rejected", "real-name-approved",
            "real-name-rejected", "grant-request-approved", "grant-request-rejected", "certificate-expiring", "task-turn", "task-reminder",
            "task-completed", "task-refused", "task-revoked", "task-expired", "dev-bank-deposit",
        ], SmsTemplates.All.Select(t => t.Id));
    }

    [Fact]
    public void Every_template_renders_in_both_languages_with_its_parameters()
    {
        foreach (var template in SmsTemplates.All)
        {
            var values = template.Parameters.Select((p, i) => (p, $"<{p}-{i}>")).ToDictionary(x => x.p, x => x.Item2);
            var chinese = template.Render(values, SmsLanguages.Chinese);
            var english = template.Render(values, SmsLanguages.English);
            foreach (var text in new[] { chinese, english })
            {
                Assert.DoesNotMatch(@"\{\w+\}", text);
                Assert.All(values.Values, v => Assert.Contains(v, text));
            }
            Assert.True(HasChinese(chinese), $"{template.Id}: {chinese}");
            Assert.False(HasChinese(english), $"{template.Id}: {english}");
            // Each text names exactly the declared parameters.
            Assert.Equal(template.Parameters.Order(), Regex.Matches(template.Chinese, @"\{(\w+)\}").Select(m => m.Groups[1].Value).Distinct().Order());
            Assert.Equal(template.Parameters.Order(), Regex.Matches(template.English, @"\{(\w+)\}").Select(m => m.Groups[1].Value).Distinct().Order());
        }
    }

    [Fact]
    public void A_missing_or_unknown_parameter_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SmsTemplates.VerificationCode.Render(new Dictionary<string, string>(), SmsLanguages.Chinese));
        Assert.Throws<ArgumentException>(() => SmsTemplates.RealNameApproved.Render(new Dictionary<string, string> { ["x"] = "1" }, SmsLanguages.Chinese));
        Assert.Throws<ArgumentException>(() => SmsTemplates.Find("no-such-template"));
    }

    [Fact]
    public void The_typed_messages_fill_their_template_and_the_signature_comes_first()
    {
        var message = SmsMessages.JoinRequestDeclined("示例科技有限公司", "查无此人");
        Assert.Same(SmsTemplates.JoinRequestDeclined, message.Template);
        Assert.Equal("【Portal】您加入“示例科技有限公司”的申请未通过：查无此人。",
            SmsTemplates.Render(message.Template.Id, message.Parameters, SmsLanguages.Chinese, "Portal"));
        Assert.Equal("【电子签章平台】Your request to join 示例科技有限公司 was declined: 查无此人",
            SmsTemplates.Render(message.Template.Id, message.Parameters, SmsLanguages.English, "电子签章平台"));
        var expiring = SmsMessages.CertificateExpiring("0A1B2C3D", new DateOnly(2027, 1, 31));
        Assert.Equal("Your personal certificate (serial 0A1B2C3D…) expires on 2027-01-31: please renew it.",
            expiring.Template.Render(expiring.Parameters, SmsLanguages.English));
        Assert.Equal(SmsLanguages.Chinese, SmsLanguages.Of(null));
        Assert.Equal(SmsLanguages.Chinese, SmsLanguages.Of("fr-FR"));
        Assert.Equal(SmsLanguages.English, SmsLanguages.Of("en-US"));
    }

    [Fact]
    public async Task A_user_gets_sms_in_the_language_they_switched_to_and_unknown_numbers_in_chinese()
    {
        await using var db = await TestDatabase.CreateAsync();
        var phone = PhoneNumber.Normalize("13912340001")!;
        Assert.True((await db.RunAsync<SendSmsCode, Result>(null, s => s.SendSolvedAsync(phone, SmsPurpose.Register))).Succeeded);
        string text;
        await using (var ctx = db.Db())
        {
            text = await ctx.SmsOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        }
        Assert.StartsWith("【Portal】验证码 ", text);
        var code = Regex.Match(text, @"\d{6}").Value;
        var registered = await db.RunAsync<RegisterUser, Result<Guid>>(null,
            s => s.ExecuteAsync(new RegisterRequest(phone, "新人", "Secret#2026", "Secret#2026", code, true)));
        Assert.True(registered.Succeeded, registered.Error?.ToString());

        Assert.True((await db.RunAsync<SetLanguage, Result>(registered.Value, s => s.ExecuteAsync("en-US"))).Succeeded);
        await using (var ctx = db.Db())
        {
            Assert.Equal("en-US", await ctx.Users.Where(u => u.Id == registered.Value).Select(u => u.Culture).SingleAsync());
        }
        db.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await db.RunAsync<SendSmsCode, Result>(null, s => s.SendSolvedAsync(phone, SmsPurpose.Login))).Succeeded);
        await using (var ctx = db.Db())
        {
            text = await ctx.SmsOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        }
        Assert.Matches(@"^【Portal】Your code is \d{6}, valid for 10 minutes\. Do not share it\.$", text);

        Assert.True((await db.RunAsync<SetLanguage, Result>(registered.Value, s => s.ExecuteAsync("xx"))).Succeeded);
        await using (var ctx = db.Db())
        {
            Assert.Equal("zh-CN", await ctx.Users.Where(u => u.Id == registered.Value).Select(u => u.Culture).SingleAsync());
        }
        Assert.Equal(Errors.NotSignedIn, (await db.RunAsync<SetLanguage, Result>(null, s => s.ExecuteAsync("en-US"))).Error?.Code);
    }
}
