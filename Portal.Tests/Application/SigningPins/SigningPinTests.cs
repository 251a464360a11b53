using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.SigningPins;
using Portal.Tests.Support;

namespace Portal.Tests.Application.SigningPins;

public class SigningPinTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _user;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _user = await _db.UserIdAsync(Demo.EnterpriseMember2);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<Result> Set(string pin, string confirm) => _db.RunAsync<SetSigningPin, Result>(_user, u => u.ExecuteAsync(pin, confirm));

    private Task<Result> Verify(string pin) =>
        _db.RunAsync<WillingnessVerifier, Result>(_user, v => v.VerifyAsync(new PinProof(pin)));

    private async Task<string> LastCodeAsync()
    {
        await using var ctx = _db.Db();
        var text = await ctx.SmsOutbox.Where(m => m.Phone == Demo.EnterpriseMember2).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        return Regex.Match(text, @"\d{6}").Value;
    }

    private async Task ClearPinAsync()
    {
        await using var ctx = _db.Db(null, _user);
        ctx.SigningPins.RemoveRange(ctx.SigningPins);
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task The_demo_seed_gives_verified_members_the_pin_Pin2026_and_none_to_the_unverified()
    {
        var wang = await _db.UserIdAsync(Demo.EnterpriseMember);
        Assert.True((await _db.RunAsync<WillingnessVerifier, Result>(wang, v => v.VerifyAsync(new PinProof(Portal.Application.Seeding.DemoSeed.SigningPin)))).Succeeded);
        var zhao = await _db.RunAsync<GetSigningPinState, Result<SigningPinState>>(_user, s => s.ExecuteAsync());
        Assert.False(zhao.Value!.IsSet);
    }

    [Theory]
    [InlineData("abc12", false)] // too short
    [InlineData("abcdef123456X", false)] // too long
    [InlineData("123456", false)] // digits only
    [InlineData("abcdef", false)] // letters only
    [InlineData("abc 123", false)] // a space
    [InlineData("密码abc123", false)] // non-ASCII
    [InlineData("abc12!", false)] // a symbol
    [InlineData("abc123", true)]
    [InlineData("Pin2026", true)]
    [InlineData("A1b2C3d4E5f6", true)] // 12
    public void Format_is_6_to_12_letters_and_digits_with_both(string pin, bool ok) =>
        Assert.Equal(ok, SigningPinRules.IsWellFormed(pin));

    [Fact]
    public async Task Set_refuses_bad_format_and_mismatch_and_stores_only_a_hash()
    {
        await ClearPinAsync();
        Assert.Equal(Errors.SigningPinFormat, (await Set("123456", "123456")).Error?.Code);
        Assert.Equal(Errors.SigningPinMismatch, (await Set("abc123", "abc124")).Error?.Code);
        await using (var ctx = _db.Db(null, _user))
        {
            Assert.False(await ctx.SigningPins.AnyAsync());
        }
        Assert.True((await Set("abc123", "abc123")).Succeeded);
        await using (var ctx = _db.Db(null, _user))
        {
            var pin = await ctx.SigningPins.SingleAsync();
            Assert.DoesNotContain("abc123", pin.PinHash);
            Assert.True(pin.PinHash.Length > 40);
        }
        Assert.Equal(Errors.SigningPinAlreadySet, (await Set("xyz789", "xyz789")).Error?.Code);
        Assert.True((await Verify("abc123")).Succeeded);
        Assert.Equal(Errors.SigningPinWrong, (await Verify("ABC123")).Error?.Code); // case-sensitive
    }

    [Fact]
    public async Task Five_wrong_tries_lock_for_fifteen_minutes_with_the_remaining_tries_in_each_refusal()
    {
        await ClearPinAsync();
        await Set("abc123", "abc123");
        for (var left = 4; left >= 1; left--)
        {
            var r = await Verify("wrong1");
            ResultAssert.Refused(Errors.SigningPinWrong, r);
            Assert.Equal(left, r.Error!.Args[0]);
        }
        var fifth = await Verify("wrong1");
        ResultAssert.Refused(Errors.SigningPinLocked, fifth);
        Assert.Equal(15, fifth.Error!.Args[0]);
        // Locked: even the right PIN is refused.
        _db.Clock.Advance(TimeSpan.FromMinutes(14));
        var locked = await Verify("abc123");
        ResultAssert.Refused(Errors.SigningPinLocked, locked);
        Assert.Equal(1, locked.Error!.Args[0]);
        var state = await _db.RunAsync<GetSigningPinState, Result<SigningPinState>>(_user, s => s.ExecuteAsync());
        Assert.NotNull(state.Value!.LockedUntilUtc);
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Verify("abc123")).Succeeded);
        // A right PIN starts a fresh count.
        Assert.Equal(4, (await Verify("wrong1")).Error!.Args[0]);
    }

    [Fact]
    public async Task Ten_wrong_pins_at_once_lock_the_pin_at_the_fifth_and_refuse_the_rest_as_locked()
    {
        await ClearPinAsync();
        await Set("abc123", "abc123");
        // Each request compares its PIN before the lock on the PIN as read (no tries yet); the tries are counted under it.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Verify("wrong1"))));

        var wrong = results.Where(r => r.Error?.Code == Errors.SigningPinWrong).Select(r => (int)r.Error!.Args[0]).Order().ToList();
        Assert.Equal([1, 2, 3, 4], wrong);
        var locked = results.Where(r => r.Error?.Code == Errors.SigningPinLocked).ToList();
        Assert.Equal(6, locked.Count);
        Assert.All(locked, r => Assert.Equal(15, r.Error!.Args[0]));
        await using (var ctx = _db.Db(null, _user))
        {
            var pin = await ctx.SigningPins.AsNoTracking().SingleAsync();
            Assert.Equal(SigningPinRules.MaxTries, pin.FailedAttempts);
            Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime + SigningPinRules.LockDuration, pin.LockedUntilUtc);
            Assert.Equal(10, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.SigningPinVerify && e.Outcome == AuditOutcome.Refused));
        }
        // Locked: the right PIN too, until the lock runs out.
        Assert.Equal(Errors.SigningPinLocked, (await Verify("abc123")).Error?.Code);
        _db.Clock.Advance(SigningPinRules.LockDuration);
        Assert.True((await Verify("abc123")).Succeeded);
    }

    [Fact]
    public async Task A_pin_changed_after_it_was_compared_is_refused_without_counting_a_try()
    {
        await ClearPinAsync();
        await Set("abc123", "abc123");
        SigningPin stored;
        await using (var ctx = _db.Db(null, _user))
        {
            stored = await ctx.SigningPins.AsNoTracking().SingleAsync();
        }
        var hasher = _db.Services.GetRequiredService<IPasswordHasher<SigningPin>>();
        var comparison = SigningPinRules.Compare(hasher, stored.PinHash, "abc123");
        Assert.True(comparison.Matches);
        stored.PinHash = SigningPinRules.Hash(hasher, "new456");
        Assert.Equal(Errors.Concurrency, SigningPinRules.Record(stored, comparison, _db.Clock.GetUtcNow().UtcDateTime).Error?.Code);
        Assert.Equal(0, stored.FailedAttempts);
        Assert.Equal(Errors.Concurrency, SigningPinRules.Record(stored, null, _db.Clock.GetUtcNow().UtcDateTime).Error?.Code);
    }

    [Fact]
    public async Task Change_needs_the_old_pin_and_a_wrong_old_pin_counts_a_try()
    {
        await ClearPinAsync();
        await Set("abc123", "abc123");
        var wrong = await _db.RunAsync<ChangeSigningPin, Result>(_user, c => c.ExecuteAsync("nope12", "new456", "new456"));
        ResultAssert.Refused(Errors.SigningPinWrong, wrong);
        Assert.Equal(4, wrong.Error!.Args[0]);
        Assert.True((await Verify("abc123")).Succeeded);
        var bad = await _db.RunAsync<ChangeSigningPin, Result>(_user, c => c.ExecuteAsync("abc123", "short", "short"));
        ResultAssert.Refused(Errors.SigningPinFormat, bad);
        Assert.True((await _db.RunAsync<ChangeSigningPin, Result>(_user, c => c.ExecuteAsync("abc123", "new456", "new456"))).Succeeded);
        Assert.Equal(Errors.SigningPinWrong, (await Verify("abc123")).Error?.Code);
        Assert.True((await Verify("new456")).Succeeded);
    }

    [Fact]
    public async Task Reset_by_sms_code_to_the_own_number_sets_a_new_pin_and_lifts_the_lock()
    {
        await ClearPinAsync();
        await Set("abc123", "abc123");
        for (var i = 0; i < 5; i++)
        {
            await Verify("wrong1");
        }
        Assert.Equal(Errors.SigningPinLocked, (await Verify("abc123")).Error?.Code);
        Assert.True((await _db.RunAsync<SendSigningSmsCode, Result>(_user, s => s.ExecuteAsync(SmsPurpose.ResetSigningPin))).Succeeded);
        var code = await LastCodeAsync();
        var wrongCode = await _db.RunAsync<ResetSigningPin, Result>(_user, r => r.ExecuteAsync("000000" == code ? "111111" : "000000", "fresh99", "fresh99"));
        ResultAssert.Refused(Errors.SmsCodeInvalid, wrongCode);
        Assert.True((await _db.RunAsync<ResetSigningPin, Result>(_user, r => r.ExecuteAsync(code, "fresh99", "fresh99"))).Succeeded);
        Assert.True((await Verify("fresh99")).Succeeded);
        // The code is single-use: a second reset with it is refused as no valid code, and the PIN stays the one just set.
        ResultAssert.Refused(Errors.SmsCodeInvalid, await _db.RunAsync<ResetSigningPin, Result>(_user, r => r.ExecuteAsync(code, "again99", "again99")));
        ResultAssert.Refused(Errors.SigningPinWrong, await Verify("again99"));
        ResultAssert.Ok(await Verify("fresh99"));
    }

    [Fact]
    public async Task Sms_willingness_uses_its_own_purpose_and_no_pin_means_a_clear_refusal()
    {
        await ClearPinAsync();
        Assert.Equal(Errors.SigningPinNotSet, (await Verify("abc123")).Error?.Code);
        Assert.Equal(Errors.WillingnessRequired,
            (await _db.RunAsync<WillingnessVerifier, Result>(_user, v => v.VerifyAsync(null))).Error?.Code);
        await _db.RunAsync<SendSigningSmsCode, Result>(_user, s => s.ExecuteAsync(SmsPurpose.SigningConfirmation));
        var code = await LastCodeAsync();
        Assert.True((await _db.RunAsync<WillingnessVerifier, Result>(_user, v => v.VerifyAsync(new SmsCodeProof(code)))).Succeeded);
        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<SendSigningSmsCode, Result>(_user, s => s.ExecuteAsync(SmsPurpose.Login))).Error?.Code);
    }
}
