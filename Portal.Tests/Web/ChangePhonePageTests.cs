using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Application.Accounts;
using Portal.Application.Domain;
using Portal.Application.RealName;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Personal;

namespace Portal.Tests.Web;

/// <summary>更换手机号 through its page: a code to the old number, a code to the new one, then the account's login name changes.</summary>
public class ChangePhonePageTests
{
    [Fact]
    public async Task A_person_changes_the_phone_with_a_code_to_the_old_and_one_to_the_new_number()
    {
        const string newPhone = "13600000009";
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var user = await db.UserIdAsync(Demo.EnterpriseMember2);
        // The seed sent this user codes at the clock's start: past the resend interval.
        db.Clock.Advance(SmsCodes.ResendInterval);
        await using var scope = db.As(user);
        await using var ctx = PortalBunit.Create();
        foreach (var t in new[] { typeof(ChangePhone), typeof(SendSmsCode), typeof(GetProfile), typeof(GetRealNameStatus) })
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<ChangePhonePage>();

        async Task<string> LastCodeAsync(string phone)
        {
            await using var outbox = db.Db();
            var text = await outbox.SmsOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
            return System.Text.RegularExpressions.Regex.Match(text, @"\d{6}").Value;
        }
        IReadOnlyList<AngleSharp.Dom.IElement> Buttons(string text) => page.FindAll("button").Where(b => b.TextContent.Trim() == text).ToList();
        string? Error() => page.FindAll(".mud-alert-text-error").Select(a => a.TextContent.Trim()).FirstOrDefault();

        var inputs = page.FindAll("input");
        Assert.Equal(3, inputs.Count);
        await Buttons("获取验证码")[0].ClickAsync(new());
        var oldCode = await LastCodeAsync(Demo.EnterpriseMember2);
        page.FindAll("input")[0].Change(oldCode);
        page.FindAll("input")[1].Change(newPhone);
        await Buttons("获取验证码")[1].ClickAsync(new());
        var newCode = await LastCodeAsync(newPhone);

        // A wrong code for the new number is refused on the page, and nothing changes.
        page.FindAll("input")[2].Change(newCode == "000000" ? "111111" : "000000");
        await Buttons("保存").Single().ClickAsync(new());
        page.WaitForAssertion(() => Assert.True(Error()?.StartsWith("验证码不正确", StringComparison.Ordinal) == true,
            $"error: {Error()}; alerts: {string.Join(" | ", page.FindAll(".mud-alert").Select(a => a.ClassName + ": " + a.TextContent.Trim()))}"));
        await using (var check = db.Db())
        {
            Assert.Equal(Demo.EnterpriseMember2, await check.Users.Where(u => u.Id == user).Select(u => u.UserName).SingleAsync());
        }

        // The wrong try consumed nothing; fresh codes to both numbers after the resend interval.
        db.Clock.Advance(SmsCodes.ResendInterval);
        await Buttons("获取验证码")[0].ClickAsync(new());
        page.FindAll("input")[0].Change(await LastCodeAsync(Demo.EnterpriseMember2));
        await Buttons("获取验证码")[1].ClickAsync(new());
        page.FindAll("input")[2].Change(await LastCodeAsync(newPhone));
        await Buttons("保存").Single().ClickAsync(new());
        page.WaitForAssertion(() => Assert.Null(Error()));
        await using (var check = db.Db())
        {
            var account = await check.Users.Where(u => u.Id == user).Select(u => new { u.UserName, u.PhoneNumber }).SingleAsync();
            Assert.Equal((newPhone, newPhone), (account.UserName, account.PhoneNumber));
        }
    }
}
