using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Accounts;

public class SmsCodesTests : IAsyncLifetime
{
    private const string Phone = "13912345678";
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SmsCodes Codes() => _db.Services.CreateScope().ServiceProvider.GetRequiredService<SmsCodes>();

    private async Task<string> LastCodeAsync()
    {
        await using var ctx = _db.Db();
        var text = await ctx.SmsOutbox.Where(m => m.Phone == Phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        return Regex.Match(text, @"\d{6}").Value;
    }

    [Fact]
    public async Task A_code_has_six_digits_lands_in_the_outbox_and_works_once()
    {
        Assert.True((await Codes().SendAsync(Phone, SmsPurpose.Register)).Succeeded);
        var code = await LastCodeAsync();
        Assert.Matches(@"^\d{6}$", code);
        Assert.True((await Codes().VerifyAsync(Phone, SmsPurpose.Register, code)).Succeeded);
        var again = await Codes().VerifyAsync(Phone, SmsPurpose.Register, code);
        ResultAssert.Refused(Errors.SmsCodeInvalid, again);
    }

    [Fact]
    public async Task A_code_is_for_its_purpose_only()
    {
        await Codes().SendAsync(Phone, SmsPurpose.Register);
        var code = await LastCodeAsync();
        var r = await Codes().VerifyAsync(Phone, SmsPurpose.Login, code);
        // No login code was sent: the register code is not one (and trying it costs the register code nothing).
        Assert.Equal(0, ResultAssert.Refused(Errors.SmsCodeInvalid, r).Args[0]);
        ResultAssert.Ok(await Codes().VerifyAsync(Phone, SmsPurpose.Register, code));
    }

    [Fact]
    public async Task A_code_expires_after_ten_minutes()
    {
        await Codes().SendAsync(Phone, SmsPurpose.Login);
        var code = await LastCodeAsync();
        _db.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(Errors.SmsCodeExpired, (await Codes().VerifyAsync(Phone, SmsPurpose.Login, code)).Error?.Code);
    }

    [Fact]
    public async Task A_code_works_just_before_expiry()
    {
        await Codes().SendAsync(Phone, SmsPurpose.Login);
        var code = await LastCodeAsync();
        _db.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.True((await Codes().VerifyAsync(Phone, SmsPurpose.Login, code)).Succeeded);
    }

    [Fact]
    public async Task Five_wrong_tries_burn_the_code_and_each_says_how_many_remain()
    {
        await Codes().SendAsync(Phone, SmsPurpose.Login);
        var code = await LastCodeAsync();
        var wrong = code == "000000" ? "111111" : "000000";
        for (var left = 4; left >= 1; left--)
        {
            var r = await Codes().VerifyAsync(Phone, SmsPurpose.Login, wrong);
            ResultAssert.Refused(Errors.SmsCodeInvalid, r);
            Assert.Equal(left, r.Error!.Args[0]);
        }
        Assert.Equal(Errors.SmsCodeTooManyTries, (await Codes().VerifyAsync(Phone, SmsPurpose.Login, wrong)).Error?.Code);
        // Even the right code no longer works.
        Assert.Equal(Errors.SmsCodeTooManyTries, (await Codes().VerifyAsync(Phone, SmsPurpose.Login, code)).Error?.Code);
    }

    [Fact]
    public async Task One_send_per_sixty_seconds_per_number()
    {
        Assert.True((await Codes().SendAsync(Phone, SmsPurpose.Login)).Succeeded);
        _db.Clock.Advance(TimeSpan.FromSeconds(59));
        var refused = await Codes().SendAsync(Phone, SmsPurpose.Register);
        ResultAssert.Refused(Errors.SmsTooSoon, refused);
        Assert.Equal(1, refused.Error!.Args[0]);
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Codes().SendAsync(Phone, SmsPurpose.Register)).Succeeded);
        await using var ctx = _db.Db();
        Assert.Equal(2, await ctx.SmsOutbox.CountAsync(m => m.Phone == Phone));
    }

    [Fact]
    public async Task A_new_code_replaces_the_previous_one()
    {
        await Codes().SendAsync(Phone, SmsPurpose.Login);
        var first = await LastCodeAsync();
        _db.Clock.Advance(TimeSpan.FromSeconds(61));
        await Codes().SendAsync(Phone, SmsPurpose.Login);
        var second = await LastCodeAsync();
        if (first != second)
        {
            ResultAssert.Refused(Errors.SmsCodeInvalid, await Codes().VerifyAsync(Phone, SmsPurpose.Login, first));
        }
        Assert.True((await Codes().VerifyAsync(Phone, SmsPurpose.Login, second)).Succeeded);
    }

    [Fact]
    public async Task An_invalid_number_gets_no_code()
    {
        Assert.Equal(Errors.PhoneInvalid, (await Codes().SendAsync("12345", SmsPurpose.Login)).Error?.Code);
        await using var ctx = _db.Db();
        Assert.Equal(0, await ctx.SmsOutbox.CountAsync());
    }
}
