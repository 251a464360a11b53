using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Captcha;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Accounts;

/// <summary>SMS pumping and enumeration: the captcha, the per-IP limits, the daily caps, and the lockout across codes.</summary>
public class CodeSendAbuseTests
{
    private const string IpA = "203.0.113.7";
    private const string IpB = "198.51.100.9";

    private static Task<TestDatabase> DbAsync(int perPhone = 100_000, int perAccount = 100_000, int sendsPerIp = 100_000, int checksPerIp = 100_000) =>
        TestDatabase.CreateAsync(seedDemo: true, configure: s => s.AddSingleton(new RateLimitOptions
        {
            CodeSend = new PermitWindow(sendsPerIp, 60),
            CodeCheck = new PermitWindow(checksPerIp, 60),
            DailySmsPerPhone = perPhone,
            DailySmsPerAccount = perAccount,
        }));

    /// <summary>A scope acting as <paramref name="userId"/> (null: anonymous) from a client address.</summary>
    private static AsyncServiceScope From(TestDatabase db, Guid? userId, string ip = IpA)
    {
        var scope = db.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(userId, [], ip, "test");
        return scope;
    }

    private static async Task<Result> SendAsync(TestDatabase db, Guid? userId, string phone, SmsPurpose purpose, bool solveCaptcha = true,
        string ip = IpA)
    {
        await using var scope = From(db, userId, ip);
        var send = scope.ServiceProvider.GetRequiredService<SendSmsCode>();
        return solveCaptcha ? await send.SendSolvedAsync(phone, purpose) : await send.ExecuteAsync(phone, purpose);
    }

    private static async Task<Result> VerifyAsync(TestDatabase db, string phone, SmsPurpose purpose, string code, string ip = IpA)
    {
        await using var scope = From(db, null, ip);
        return await scope.ServiceProvider.GetRequiredService<SmsCodes>().VerifyAsync(phone, purpose, code);
    }

    private static async Task<List<string>> OutboxAsync(TestDatabase db, string phone)
    {
        await using var ctx = db.Db();
        return await ctx.SmsOutbox.Where(m => m.Phone == phone).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync();
    }

    private static async Task<string> LastCodeAsync(TestDatabase db, string phone) => Regex.Match((await OutboxAsync(db, phone))[^1], @"\d{6}").Value;

    [Fact]
    public async Task Anonymous_code_sends_need_a_solved_captcha_and_a_signed_in_users_own_phone_needs_none()
    {
        await using var db = await DbAsync();
        const string phone = "13655550001";
        foreach (var purpose in new[] { SmsPurpose.Register, SmsPurpose.Login, SmsPurpose.ResetPassword })
        {
            ResultAssert.Refused(Errors.CaptchaRequired, await SendAsync(db, null, phone, purpose, solveCaptcha: false));
        }
        await using (var scope = From(db, null))
        {
            var captchas = scope.ServiceProvider.GetRequiredService<Captchas>();
            var send = scope.ServiceProvider.GetRequiredService<SendSmsCode>();
            var id = captchas.Issue();
            ResultAssert.Refused(Errors.CaptchaWrong, await send.ExecuteAsync(phone, SmsPurpose.Register, id, "ZZZZ"));
            // A wrong answer used the challenge up: the right one no longer passes with it.
            ResultAssert.Refused(Errors.CaptchaWrong, await send.ExecuteAsync(phone, SmsPurpose.Register, id, KnownCaptchaChallenges.Answer));
            Assert.Empty(await OutboxAsync(db, phone));

            var fresh = captchas.Issue();
            ResultAssert.Ok(await send.ExecuteAsync(phone, SmsPurpose.Register, fresh, KnownCaptchaChallenges.Answer));
            Assert.Single(await OutboxAsync(db, phone));
        }

        // Signed in, to the user's own numbers: no captcha. Anonymous, those purposes are refused.
        var user = await db.UserIdAsync(Demo.EnterpriseMember2);
        db.Clock.Advance(SmsCodes.ResendInterval);
        ResultAssert.Ok(await SendAsync(db, user, Demo.EnterpriseMember2, SmsPurpose.ChangePhoneOld, solveCaptcha: false));
        ResultAssert.Ok(await SendAsync(db, user, "13655550002", SmsPurpose.ChangePhoneNew, solveCaptcha: false));
        ResultAssert.Refused(Errors.NotSignedIn, await SendAsync(db, null, "13655550003", SmsPurpose.ChangePhoneNew, solveCaptcha: false));
        // The "old number" is always the caller's own.
        ResultAssert.Refused(Errors.Forbidden, await SendAsync(db, user, Demo.EnterpriseOwner, SmsPurpose.ChangePhoneOld, solveCaptcha: false));
    }

    [Fact]
    public async Task Login_and_reset_codes_answer_the_same_whether_the_number_is_registered_or_not()
    {
        await using var db = await DbAsync();
        const string registered = Demo.CsMember, unknown = "13655550010";
        db.Clock.Advance(SmsCodes.ResendInterval);
        foreach (var purpose in new[] { SmsPurpose.Login, SmsPurpose.ResetPassword })
        {
            var before = (await OutboxAsync(db, registered)).Count;
            var known = await SendAsync(db, null, registered, purpose);
            var stranger = await SendAsync(db, null, unknown, purpose);
            Assert.Equal((true, true), (known.Succeeded, stranger.Succeeded));
            // Only the registered number receives anything.
            Assert.Equal(before + 1, (await OutboxAsync(db, registered)).Count);
            Assert.Empty(await OutboxAsync(db, unknown));

            // Asking again at once: the same refusal, with the same wait.
            var knownAgain = await SendAsync(db, null, registered, purpose);
            var strangerAgain = await SendAsync(db, null, unknown, purpose);
            Assert.Equal(knownAgain.Error?.ToString(), strangerAgain.Error?.ToString());
            Assert.Equal(Errors.SmsTooSoon, knownAgain.Error?.Code);

            // A guessed code fails the same way for both.
            Assert.Equal((await VerifyAsync(db, registered, purpose, "000000")).Error?.ToString(),
                (await VerifyAsync(db, unknown, purpose, "000000")).Error?.ToString());
            db.Clock.Advance(SmsCodes.ResendInterval);
        }
        // Resetting the password with a guessed code: the same refusal, never "not registered".
        async Task<string?> ResetAsync(string phone)
        {
            await using var scope = From(db, null);
            var reset = await scope.ServiceProvider.GetRequiredService<ResetPassword>().ExecuteAsync(phone, "000000", "Renewed#2026", "Renewed#2026");
            return reset.Error?.ToString();
        }
        var resetKnown = await ResetAsync(registered);
        Assert.StartsWith(Errors.SmsCodeInvalid, resetKnown, StringComparison.Ordinal);
        Assert.Equal(resetKnown, await ResetAsync(unknown));

        // The sends to the unknown number were counted (so the daily cap answers the same too), marked undelivered.
        await using var ctx = db.Db();
        Assert.Equal([false, false], await ctx.SmsSends.Where(s => s.Phone == unknown).Select(s => s.Delivered).ToListAsync());
    }

    [Fact]
    public async Task Wrong_codes_count_toward_the_account_lockout_across_new_codes()
    {
        await using var db = await DbAsync();
        const string phone = Demo.CsHead;
        db.Clock.Advance(SmsCodes.ResendInterval);
        ResultAssert.Ok(await SendAsync(db, null, phone, SmsPurpose.ResetPassword));
        for (var i = 0; i < 3; i++)
        {
            ResultAssert.Refused(Errors.SmsCodeInvalid, await VerifyAsync(db, phone, SmsPurpose.ResetPassword, "000000"));
        }
        // A new code has fresh tries of its own, but the account remembers the three failures.
        db.Clock.Advance(SmsCodes.ResendInterval);
        ResultAssert.Ok(await SendAsync(db, null, phone, SmsPurpose.ResetPassword));
        var code = await LastCodeAsync(db, phone);
        var wrong = code == "000000" ? "111111" : "000000";
        ResultAssert.Refused(Errors.SmsCodeInvalid, await VerifyAsync(db, phone, SmsPurpose.ResetPassword, wrong));
        ResultAssert.Refused(Errors.LockedOut, await VerifyAsync(db, phone, SmsPurpose.ResetPassword, wrong));
        // Locked: even the right code is refused, and the password login is locked too.
        ResultAssert.Refused(Errors.LockedOut, await VerifyAsync(db, phone, SmsPurpose.ResetPassword, code));
        await using var ctx = db.Db();
        var account = await ctx.Users.SingleAsync(u => u.UserName == phone);
        Assert.True(account.LockoutEnd > db.Clock.GetUtcNow(), "the account is locked out");
        Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Action == AuditActions.AccountLogin && e.Target == account.Id.ToString()
            && e.Outcome == AuditOutcome.Refused && e.Detail == "SmsCodeLockout"));

        // After the lockout a fresh code works again.
        db.Clock.Advance(LoginLockout.Duration);
        ResultAssert.Ok(await SendAsync(db, null, phone, SmsPurpose.ResetPassword));
        ResultAssert.Ok(await VerifyAsync(db, phone, SmsPurpose.ResetPassword, await LastCodeAsync(db, phone)));
    }

    [Fact]
    public async Task The_daily_caps_count_every_sms_per_phone_and_per_sending_account()
    {
        await using var db = await DbAsync(perPhone: 3, perAccount: 4);
        const string phone = "13655550020";
        for (var i = 0; i < 3; i++)
        {
            ResultAssert.Ok(await SendAsync(db, null, phone, SmsPurpose.Register));
            db.Clock.Advance(SmsCodes.ResendInterval);
        }
        ResultAssert.Refused(Errors.SmsDailyLimitPhone, await SendAsync(db, null, phone, SmsPurpose.Register));
        // Every message takes the same path: a notice to the capped number is not sent either.
        await using (var scope = From(db, null))
        {
            var held = await scope.ServiceProvider.GetRequiredService<SmsNotifier>().SendAsync(phone, SmsMessages.MemberInvitation());
            Assert.Equal(SmsDelivery.Failed(SmsNotifier.DailyLimitFailure), held);
        }
        Assert.Equal(3, (await OutboxAsync(db, phone)).Count);
        await using (var ctx = db.Db())
        {
            Assert.Equal(2, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.SmsDailyLimit && e.Outcome == AuditOutcome.Refused));
        }
        // A day after the first, the number may receive again.
        db.Clock.Advance(SmsNotifier.CapWindow - (3 * SmsCodes.ResendInterval));
        ResultAssert.Ok(await SendAsync(db, null, phone, SmsPurpose.Register));

        // One signed-in account may cause at most four SMS a day, to whichever numbers.
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        for (var i = 0; i < 4; i++)
        {
            ResultAssert.Ok(await SendAsync(db, user, $"1365555003{i}", SmsPurpose.ChangePhoneNew));
        }
        ResultAssert.Refused(Errors.SmsDailyLimitAccount, await SendAsync(db, user, "13655550039", SmsPurpose.ChangePhoneNew));
        Assert.Empty(await OutboxAsync(db, "13655550039"));
    }

    [Fact]
    public async Task Code_sends_and_checks_are_limited_per_client_ip_wherever_they_come_from()
    {
        await using var db = await DbAsync(sendsPerIp: 2, checksPerIp: 3);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        // A signed-in user's sends in a circuit go through the same per-IP limiter as the anonymous forms.
        ResultAssert.Ok(await SendAsync(db, user, "13655550040", SmsPurpose.ChangePhoneNew));
        ResultAssert.Ok(await SendAsync(db, null, "13655550041", SmsPurpose.Register));
        ResultAssert.Refused(Errors.TooManyRequests, await SendAsync(db, user, "13655550042", SmsPurpose.ChangePhoneNew));
        ResultAssert.Refused(Errors.TooManyRequests, await SendAsync(db, null, "13655550043", SmsPurpose.Register));
        Assert.Empty(await OutboxAsync(db, "13655550042"));
        // Another client is not held back.
        ResultAssert.Ok(await SendAsync(db, null, "13655550043", SmsPurpose.Register, ip: IpB));

        for (var i = 0; i < 3; i++)
        {
            ResultAssert.Refused(Errors.SmsCodeInvalid, await VerifyAsync(db, "13655550041", SmsPurpose.Register, "000000"));
        }
        ResultAssert.Refused(Errors.TooManyRequests, await VerifyAsync(db, "13655550041", SmsPurpose.Register, await LastCodeAsync(db, "13655550041")));
        ResultAssert.Ok(await VerifyAsync(db, "13655550041", SmsPurpose.Register, await LastCodeAsync(db, "13655550041"), ip: IpB));
    }
}
